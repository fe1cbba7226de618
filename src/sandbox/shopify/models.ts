import type { ShopifyId } from './ids';

/** Money is kept in integer cents (øre) and written as Shopify's decimal strings. */
export type Cents = number;

export interface LocationRecord {
  id: ShopifyId;
  name: string;
  address1: string;
  city: string;
  zip: string;
  country_code: string;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ProductRecord {
  id: ShopifyId;
  title: string;
  body_html: string;
  vendor: string;
  product_type: string;
  handle: string;
  status: 'active' | 'draft' | 'archived';
  tags: string;
  variantIds: ShopifyId[];
  created_at: string;
  updated_at: string;
}

export interface VariantRecord {
  id: ShopifyId;
  product_id: ShopifyId;
  title: string;
  sku: string;
  price: Cents;
  position: number;
  barcode: string | null;
  grams: number;
  taxable: boolean;
  requires_shipping: boolean;
  inventory_item_id: ShopifyId;
  created_at: string;
  updated_at: string;
}

export interface InventoryItemRecord {
  id: ShopifyId;
  sku: string;
  tracked: boolean;
  requires_shipping: boolean;
  created_at: string;
  updated_at: string;
}

export interface InventoryLevelRecord {
  inventory_item_id: ShopifyId;
  location_id: ShopifyId;
  available: number;
  updated_at: string;
}

export interface DiscountCode {
  code: string;
  type: 'percentage' | 'fixed_amount';
  /** Percent (10 = 10 %) for `percentage`, cents for `fixed_amount`. */
  value: number;
}

export interface LineRecord {
  id: ShopifyId;
  variant_id: ShopifyId;
  product_id: ShopifyId;
  sku: string;
  title: string;
  variant_title: string;
  price: Cents;
  quantity: number;
  fulfilled: number;
  taxable: boolean;
  requires_shipping: boolean;
  grams: number;
}

export interface ShippingRecord {
  id: ShopifyId;
  title: string;
  code: string;
  price: Cents;
}

export interface AddressInput {
  first_name: string;
  last_name: string;
  address1: string;
  city: string;
  zip: string;
  country_code: string;
  company: string | null;
  phone: string | null;
}

export type FinancialStatus = 'pending' | 'authorized' | 'paid' | 'voided' | 'partially_refunded' | 'refunded';

export interface OrderRecord {
  id: ShopifyId;
  order_number: number;
  email: string;
  currency: string;
  taxes_included: boolean;
  /** Fraction, 0.25 = 25 %. */
  tax_rate: number;
  financial_status: FinancialStatus;
  cancelled_at: string | null;
  cancel_reason: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  customer: { id: ShopifyId; email: string; first_name: string; last_name: string };
  address: AddressInput;
  lines: LineRecord[];
  shipping: ShippingRecord | null;
  discount: DiscountCode | null;
  fulfillmentIds: ShopifyId[];
  note: string | null;
  /** Refunds made on the order, oldest first (absent on orders made before refunds existed here). */
  refunds?: RefundRecord[];
}

/** One refunded line: amounts in cents of the order currency, `subtotal` in the order's price basis. */
export interface RefundLineRecord {
  id: ShopifyId;
  line_item_id: ShopifyId;
  quantity: number;
  subtotal: Cents;
  total_tax: Cents;
}

export interface RefundRecord {
  id: ShopifyId;
  created_at: string;
  note: string | null;
  restock: boolean;
  lines: RefundLineRecord[];
  /** The refunded shipping, when the refund includes it. */
  shipping: { id: ShopifyId; shipping_line_id: ShopifyId; subtotal: Cents; tax: Cents } | null;
  /** The refund transaction: what went back to the customer. */
  transaction: { id: ShopifyId; amount: Cents; gateway: string };
}

export interface FulfillmentOrderLineRecord {
  id: ShopifyId;
  line_item_id: ShopifyId;
  inventory_item_id: ShopifyId;
  variant_id: ShopifyId;
  quantity: number;
  fulfillable_quantity: number;
}

export interface FulfillmentOrderRecord {
  id: ShopifyId;
  order_id: ShopifyId;
  location_id: ShopifyId;
  status: 'open' | 'in_progress' | 'closed' | 'cancelled';
  lines: FulfillmentOrderLineRecord[];
  created_at: string;
  updated_at: string;
}

export interface TrackingInfo {
  number: string | null;
  url: string | null;
  company: string | null;
}

export interface FulfillmentRecord {
  id: ShopifyId;
  order_id: ShopifyId;
  name: string;
  location_id: ShopifyId;
  tracking: TrackingInfo;
  lines: Array<{ line_item_id: ShopifyId; quantity: number }>;
  notify_customer: boolean;
  created_at: string;
  updated_at: string;
}

export interface WebhookRecord {
  id: ShopifyId;
  topic: string;
  address: string;
  format: 'json';
  api_version: string;
  created_at: string;
  updated_at: string;
}

/** Something a webhook subscription can be told about: the topic and the REST resource at trigger time. */
export interface ShopEvent {
  topic: string;
  body: Record<string, unknown>;
}
