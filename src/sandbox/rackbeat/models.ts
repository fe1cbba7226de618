/** In-memory records of the Rackbeat simulator. Views (views.ts) turn them into wire JSON. */

export type VatZone = 'domestic' | 'eu' | 'abroad';
export const VAT_ZONES: readonly VatZone[] = ['domestic', 'eu', 'abroad'];

export interface Address {
  name: string | null;
  street: string | null;
  street2: string | null;
  zipcode: string | null;
  city: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
}

export interface PaymentTermRecord {
  number: number;
  name: string;
  type: string;
  description: string;
  maturity_days: number;
}

export interface ProductGroupRecord {
  number: number;
  name: string;
  vat_domestic: number;
  vat_eu: number;
  vat_abroad: number;
  vat_domestic_exempt: number;
  has_inventory: boolean;
  is_sellable: boolean;
}

export interface CustomerRecord {
  number: number;
  name: string;
  contact_email: string | null;
  contact_phone: string | null;
  company_vat: string | null;
  ean: string | null;
  currency: string;
  locale: string;
  vat_zone: VatZone;
  payment_terms_id: number | null;
  layout_id: number | null;
  employee_id: number | null;
  general_discount_percentage: number;
  is_barred: boolean;
  /** Every customer belongs to a group (hd:ht-00031). */
  customer_group_number: number;
  address: Address;
  created_at: string;
  updated_at: string;
}

export interface ProductRecord {
  id: number;
  number: string;
  name: string;
  description: string | null;
  barcode: string | null;
  unit_name: string;
  group_number: number;
  sales_price: number;
  cost_price: number;
  stock_quantity: number;
  in_order_quantity: number;
  is_barred: boolean;
  created_at: string;
  updated_at: string;
}

/** A line's item kind, Rackbeat's `child_type`: a product or a BOM (`lot`). */
export type ItemType = 'product' | 'lot';

export interface OrderLineRecord {
  id: number;
  item_number: string;
  item_type: ItemType;
  name: string;
  quantity: number;
  line_price: number;
  discount_percentage: number;
  shipped_quantity: number;
}

export interface OrderRecord {
  number: number;
  customer_number: number;
  currency: string;
  heading: string | null;
  their_reference: string | null;
  note: string | null;
  order_date: string;
  deliver_at: string | null;
  vat_zone: VatZone;
  payment_terms_id: number | null;
  layout_id: number | null;
  employee_id: number | null;
  billing_address: Address;
  delivery_address: Address;
  lines: OrderLineRecord[];
  booked_at: string | null;
  /** Set only by a person in Rackbeat (the control route): no API cancel route is attested. */
  cancelled_at: string | null;
  invoice_number: number | null;
  created_at: string;
  updated_at: string;
}

/** A BOM: an item made of other items (dd:intro-to-items-products-boms). Its stock is not simulated. */
export interface LotRecord {
  id: number;
  number: string;
  name: string;
  description: string | null;
  barcode: string | null;
  group_number: number;
  sales_price: number;
  cost_price: number;
  /** Components: product number and quantity per lot. */
  components: { item_number: string; quantity: number }[];
  is_barred: boolean;
  created_at: string;
  updated_at: string;
}

export interface CustomerGroupRecord {
  number: number;
  name: string;
}

export interface ShipmentLineRecord {
  line_id: number;
  item_number: string;
  quantity: number;
}

export interface ShipmentRecord {
  id: number;
  order_number: number;
  lines: ShipmentLineRecord[];
  shipped_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLineRecord {
  item_number: string;
  item_type: ItemType;
  name: string;
  quantity: number;
  line_price: number;
  discount_percentage: number;
}

export interface InvoiceRecord {
  number: number;
  order_number: number | null;
  customer_number: number;
  currency: string;
  heading: string | null;
  their_reference: string | null;
  vat_zone: VatZone;
  payment_terms_id: number | null;
  billing_address: Address;
  lines: InvoiceLineRecord[];
  invoice_date: string;
  booked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookRecord {
  id: number;
  event: string;
  url: string;
  is_active: boolean;
  token: string;
  failures_since_last_success: number;
  created_at: string;
  updated_at: string;
}

/** One state change a webhook subscriber hears about. */
export interface DomainEvent {
  event: string;
  key: number | string;
  keyName: 'number' | 'id';
  data: Record<string, unknown>;
  /** Only for `*.updated`: the fields that changed. */
  changed?: string[];
}

export function emptyAddress(): Address {
  return { name: null, street: null, street2: null, zipcode: null, city: null, country: null, email: null, phone: null };
}
