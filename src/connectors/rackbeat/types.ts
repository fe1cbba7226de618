import type { z } from 'zod';
import type {
  customerGroupSchema,
  customerInvoiceSchema,
  customerSchema,
  lotSchema,
  orderLineSchema,
  orderSchema,
  paymentTermSchema,
  productGroupSchema,
  productSchema,
  selfSchema,
  shipmentSchema,
  webhookSchema,
} from './schemas';

export interface RackbeatClientConfig {
  /** e.g. `https://app.rackbeat.com/api` or the sandbox's `http://127.0.0.1:4000/rackbeat/api`. */
  baseUrl: string;
  /** Personal API key or OAuth access token, sent as `Authorization: Bearer`. */
  apiToken: string;
  /** `Consumer-Name` header; the official SDK refuses to run without it. @default 'rackbridge' */
  consumerName?: string | undefined;
  /** `Consumer-Contact` header, an e-mail address Rackbeat can reach. @default 'unconfigured@rackbridge.invalid' */
  consumerContact?: string | undefined;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number | undefined;
  /**
   * Requests per minute for this token across the process (Rackbeat's own client paces to 480).
   * @default 0 (not paced; connections from the configuration file are paced at 480)
   */
  requestsPerMinute?: number | undefined;
}

export interface WriteOptions {
  /** Send `?suppress_webhooks=true` so rackbridge's own writes do not echo back as webhooks. */
  suppressWebhooks?: boolean;
}

export type RackbeatSelf = z.output<typeof selfSchema>;
export type RackbeatOrder = z.output<typeof orderSchema>;
export type RackbeatOrderLine = z.output<typeof orderLineSchema>;
export type RackbeatShipment = z.output<typeof shipmentSchema>;
export type RackbeatCustomerInvoice = z.output<typeof customerInvoiceSchema>;
export type RackbeatCustomer = z.output<typeof customerSchema>;
export type RackbeatProduct = z.output<typeof productSchema>;
/** A BOM (`GET /lots/{n}`); its stock fields are optional (read shape UNKNOWN). */
export type RackbeatLot = z.output<typeof lotSchema>;
/** What an order line can refer to: a product, or a BOM (`child_type: lot`). Every product is one. */
export type RackbeatItem = RackbeatLot;
export type RackbeatCustomerGroup = z.output<typeof customerGroupSchema>;
export type RackbeatProductGroup = z.output<typeof productGroupSchema>;
export type RackbeatPaymentTerm = z.output<typeof paymentTermSchema>;
export type RackbeatWebhook = Omit<z.output<typeof webhookSchema>, 'token'>;

export type VatZone = 'domestic' | 'eu' | 'abroad';

export interface AddressInput {
  name?: string | null;
  street?: string | null;
  street2?: string | null;
  zipcode?: string | null;
  city?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface OrderLineInput {
  /** The product **number** (a string), not an internal id. */
  item_id: string;
  quantity: number;
  /** Unit price excluding VAT; Rackbeat uses the product's sales price when left out. */
  line_price?: number;
  discount_percentage?: number;
  name?: string;
}

export interface OrderInput {
  /** The customer **number** (reference §2.2). */
  customer_id: number;
  lines?: OrderLineInput[];
  currency?: string;
  heading?: string | null;
  their_reference?: string | null;
  note?: string | null;
  /** `YYYY-MM-DD` */
  order_date?: string;
  deliver_at?: string | null;
  vat_zone?: VatZone;
  payment_terms_id?: number;
  layout_id?: number;
  employee_id?: number;
  billing_address?: AddressInput;
  delivery_address?: AddressInput;
}

/** No `is_paid` or `is_cancelled`: no source writes them (rackbeat-verified §3.2). */
export type OrderUpdate = Partial<Omit<OrderInput, 'customer_id'>>;

export interface OrderLineUpdate {
  quantity?: number;
  line_price?: number;
  discount_percentage?: number;
  name?: string;
}

export interface CustomerInput {
  number?: number;
  name: string;
  contact_email?: string | null;
  contact_phone?: string | null;
  company_vat?: string | null;
  ean?: string | null;
  currency?: string;
  locale?: string;
  vat_zone?: VatZone;
  payment_terms_id?: number | null;
  layout_id?: number;
  general_discount_percentage?: number;
  is_barred?: boolean;
  /**
   * The customer group **number**. Every customer needs a group (VERIFIED hd:ht-00031); the API
   * field name is UNKNOWN: App4Sales maps `CustomerGroupId` (SEEN-IN-USE cs:625208).
   */
  customer_group_id?: number;
  address_street?: string | null;
  address_street2?: string | null;
  address_zipcode?: string | null;
  address_city?: string | null;
  address_country?: string | null;
}

export interface ProductInput {
  number: string;
  name: string;
  /** Product group number. */
  group: number;
  sales_price: number;
  cost_price?: number;
  stock_quantity?: number;
  barcode?: string | null;
  description?: string | null;
  is_barred?: boolean;
}

export type ProductUpdate = Partial<Omit<ProductInput, 'number'>>;

export interface WebhookInput {
  event: string;
  url: string;
  is_active?: boolean;
}

/** Paging, search and the common filters of every list (devdocs `pagination`, `filtering`). */
export interface ListQuery {
  /** 1-based. @default 1 */
  page?: number;
  /** Items per page, at most 1000. @default 20 */
  limit?: number;
  search?: string;
  updated_at_from?: Date | string;
  updated_at_to?: Date | string;
  order_by?: string;
  order_direction?: 'ASC' | 'DESC';
  /** Sparse fields, e.g. `number,updated_at` (devdocs `filtering`; the SDK's `select`). */
  fields?: string;
}

export interface OrderListQuery extends ListQuery {
  is_booked?: boolean;
  is_shipped?: boolean;
  is_cancelled?: boolean;
  is_ready_for_shipping?: boolean;
  is_invoiced?: boolean;
  customer_id?: number;
}

export interface ShipmentListQuery extends ListQuery {
  is_shipped?: boolean;
}

export interface InvoiceListQuery extends ListQuery {
  is_booked?: boolean;
}

export interface CustomerListQuery extends ListQuery {
  is_barred?: boolean;
}

export interface ProductListQuery extends ListQuery {
  is_barred?: boolean;
}

export interface RegisteredWebhook {
  webhook: RackbeatWebhook;
  /** Only when this call created the webhook: Rackbeat shows the token once. */
  token?: string;
  created: boolean;
}
