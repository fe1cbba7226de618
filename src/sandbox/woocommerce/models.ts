/** Order statuses (woo-core `src/Enums/OrderStatus.php`), without the `wc-` prefix the REST API drops. */
export const ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash', 'checkout-draft'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number] | 'draft' | 'auto-draft';

/** Statuses whose creation fires no `order.created` (woo-core `WC_Webhook::is_valid_resource`). */
export const SILENT_ORDER_STATUSES: readonly string[] = ['draft', 'auto-draft', 'new'];

export interface Address {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

/** Money is kept in cents (øre) and rendered as strings with two decimals. */
export interface LineRecord {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  sku: string;
  subtotal: number;
  subtotal_tax: number;
  total: number;
  total_tax: number;
}

export interface ShippingLineRecord {
  id: number;
  method_id: string;
  method_title: string;
  total: number;
  total_tax: number;
}

export interface FeeLineRecord {
  id: number;
  name: string;
  tax_class: string;
  tax_status: 'taxable' | 'none';
  total: number;
  total_tax: number;
}

export interface CouponLineRecord {
  id: number;
  code: string;
  discount: number;
  discount_tax: number;
}

export interface OrderTotals {
  discount_total: number;
  discount_tax: number;
  shipping_total: number;
  shipping_tax: number;
  cart_tax: number;
  total: number;
  total_tax: number;
}

export interface TaxLineRecord {
  id: number;
  rate_id: number;
  rate_code: string;
  label: string;
  rate_percent: number;
  tax_total: number;
  shipping_tax_total: number;
}

/** An item of a refund: a copy of the order item it gives back, amounts negative (`wc_create_refund`). */
export interface RefundItemRecord {
  id: number;
  type: 'line_item' | 'shipping' | 'fee';
  /** The order item this gives back (`_refunded_item_id` meta), and that meta's id. */
  refunded_item_id: number;
  meta_id: number;
  name: string;
  product_id: number;
  variation_id: number;
  sku: string;
  tax_class: string;
  method_id: string;
  /** `qty * -1`; 0 when only an amount was refunded. */
  quantity: number;
  /** Excl. tax, negative cents; `subtotal` is set to the same. */
  total: number;
  /** Per tax rate id, negative cents. */
  taxes: Array<{ rate_id: number; total: number }>;
}

/** A `shop_order_refund`: a child of its order, with its own id from the orders table (HPOS). */
export interface RefundRecord {
  id: number;
  parent_id: number;
  /** Positive cents: the money given back (the refund's total is its negative). */
  amount: number;
  reason: string;
  refunded_by: number;
  refunded_payment: boolean;
  created_at: number;
  items: RefundItemRecord[];
}

export interface OrderRecord {
  id: number;
  order_key: string;
  created_via: string;
  status: OrderStatus;
  currency: string;
  prices_include_tax: boolean;
  customer_id: number;
  customer_note: string;
  billing: Address;
  shipping: Address;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  created_at: number;
  modified_at: number;
  paid_at: number | null;
  completed_at: number | null;
  lines: LineRecord[];
  shipping_lines: ShippingLineRecord[];
  fee_lines: FeeLineRecord[];
  coupon_lines: CouponLineRecord[];
  tax_lines: TaxLineRecord[];
  totals: OrderTotals;
  /** Newest first, as `WC_Order::get_refunds` lists them. */
  refunds: RefundRecord[];
}

export interface StockFields {
  manage_stock: boolean;
  stock_quantity: number | null;
  /** Kept as set when stock is not managed; derived from the quantity when it is. */
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
}

export interface ProductRecord extends StockFields {
  id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable';
  status: 'publish' | 'draft' | 'private' | 'pending';
  sku: string;
  /** Prices are strings in WooCommerce (`"998.75"`), in the shop's price basis. */
  regular_price: string;
  sale_price: string;
  tax_status: 'taxable' | 'shipping' | 'none';
  tax_class: string;
  virtual: boolean;
  attributes: Array<{ id: number; name: string; position: number; visible: boolean; variation: boolean; options: string[] }>;
  variations: number[];
  created_at: number;
  modified_at: number;
}

export interface VariationRecord extends StockFields {
  id: number;
  parent_id: number;
  sku: string;
  regular_price: string;
  sale_price: string;
  tax_status: 'taxable' | 'shipping' | 'none';
  /** `parent` inherits the product's tax class, as WooCommerce variations do by default. */
  tax_class: string;
  attributes: Array<{ id: number; name: string; option: string }>;
  created_at: number;
  modified_at: number;
}

export const WEBHOOK_STATUSES = ['active', 'paused', 'disabled'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export interface WebhookRecord {
  id: number;
  name: string;
  status: WebhookStatus;
  topic: string;
  delivery_url: string;
  secret: string;
  /** Kept internally as WooCommerce does (`_failure_count`); the REST API does not expose it. */
  failure_count: number;
  pending_delivery: boolean;
  created_at: number;
  modified_at: number;
}

/** What a write produced, for the webhook queue: `order.created` for order 1001, etc. */
export interface ResourceEvent {
  resource: 'order' | 'product' | 'coupon' | 'customer';
  event: 'created' | 'updated' | 'deleted' | 'restored';
  id: number;
}
