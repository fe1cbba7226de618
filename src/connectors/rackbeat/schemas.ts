import { z } from 'zod';

/**
 * Response shapes of the Rackbeat API. Only what rackbridge reads is required; other fields
 * are stripped, so new upstream fields do not break parsing. Field names: reference/rackbeat.md.
 */

const flag = z.boolean();
const nullableString = z.string().nullable().optional();
const amount = z.number();

export const paymentTermSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  type: z.string().optional(),
  description: nullableString,
  maturity_days: z.number().int().nullable().optional(),
});

export const productGroupSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  vat_domestic: z.number().optional(),
  vat_eu: z.number().optional(),
  vat_abroad: z.number().optional(),
  vat_domestic_exempt: z.number().optional(),
  has_inventory: flag.optional(),
  is_sellable: flag.optional(),
});

export const addressSchema = z.object({
  name: nullableString,
  street: nullableString,
  street2: nullableString,
  zipcode: nullableString,
  city: nullableString,
  country: nullableString,
  email: nullableString,
  phone: nullableString,
});

export const customerSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  contact_email: nullableString,
  contact_phone: nullableString,
  company_vat: nullableString,
  ean: nullableString,
  currency: z.string().optional(),
  vat_zone: z.string().optional(),
  payment_terms_id: z.number().int().nullable().optional(),
  payment_terms: paymentTermSchema.nullable().optional(),
  layout_id: z.number().int().nullable().optional(),
  general_discount_percentage: z.number().optional(),
  is_barred: flag.optional(),
  address_street: nullableString,
  address_street2: nullableString,
  address_zipcode: nullableString,
  address_city: nullableString,
  address_country: nullableString,
  updated_at: nullableString,
});

/** Product numbers are strings and may hold `/` or `#` (reference §4.2). */
export const productSchema = z.object({
  id: z.number().int().optional(),
  number: z.string(),
  urlfriendly_number: z.string().optional(),
  name: z.string(),
  barcode: nullableString,
  description: nullableString,
  sales_price: amount,
  cost_price: amount.optional(),
  stock_quantity: z.number(),
  in_order_quantity: z.number(),
  available_quantity: z.number(),
  group_id: z.number().int().nullable().optional(),
  group: productGroupSchema.nullable().optional(),
  unit: z.object({ name: z.string() }).nullable().optional(),
  is_barred: flag.optional(),
  updated_at: nullableString,
});

export const orderLineSchema = z.object({
  id: z.number().int(),
  item_id: z.string().optional(),
  item: z.object({ number: z.string(), name: z.string().optional(), barcode: nullableString, urlfriendly_number: z.string().optional() }),
  name: z.string(),
  quantity: z.number(),
  line_price: amount,
  discount_percentage: z.number().optional(),
  vat_percentage: z.number().optional(),
  line_total: amount.optional(),
  vat_amount: amount.optional(),
  shipped_quantity: z.number().optional(),
});

export const orderSchema = z.object({
  number: z.number().int(),
  customer: customerSchema.nullable(),
  currency: z.string(),
  heading: nullableString,
  their_reference: nullableString,
  note: nullableString,
  order_date: nullableString,
  deliver_at: nullableString,
  vat_zone: z.string().optional(),
  payment_terms: paymentTermSchema.nullable().optional(),
  billing_address: addressSchema.nullable().optional(),
  delivery_address: addressSchema.nullable().optional(),
  lines: z.array(orderLineSchema),
  total_subtotal: amount.optional(),
  total_vat: amount.optional(),
  total_total: amount.optional(),
  is_booked: flag,
  is_cancelled: flag,
  is_shipped: flag,
  is_partly_shipped: flag.optional(),
  is_ready_for_shipping: flag.optional(),
  is_ready_for_invoicing: flag.optional(),
  is_invoiced: flag.optional(),
  is_partly_invoiced: flag.optional(),
  is_archived: flag.optional(),
  /** Not confirmed upstream (old Swagger has it); webshop integrations set it. */
  is_paid: flag.optional(),
  booked_at: nullableString,
  created_at: nullableString,
  updated_at: nullableString,
});

export const shipmentSchema = z.object({
  id: z.number().int(),
  order_number: z.number().int().optional(),
  is_picked: flag.optional(),
  is_partly_picked: flag.optional(),
  is_shipped: flag,
  shipped_at: nullableString,
  lines: z.array(z.object({ line_id: z.number().int().optional(), item: z.object({ number: z.string() }).optional(), quantity: z.number() })).optional(),
  created_at: nullableString,
  updated_at: nullableString,
});

export const customerInvoiceSchema = z.object({
  number: z.number().int(),
  order_id: z.number().int().nullable().optional(),
  customer: customerSchema.nullable(),
  currency: z.string().optional(),
  heading: nullableString,
  their_reference: nullableString,
  vat_zone: z.string().optional(),
  payment_terms: paymentTermSchema.nullable().optional(),
  // An invoice line is an order line without its id, item object and shipping state.
  lines: z
    .array(orderLineSchema.pick({ item_id: true, name: true, quantity: true, line_price: true, discount_percentage: true, vat_percentage: true, line_total: true, vat_amount: true }))
    .optional(),
  total_subtotal: amount.optional(),
  total_vat: amount.optional(),
  total_total: amount.optional(),
  is_booked: flag,
  invoice_date: nullableString,
  due_date: nullableString,
  booked_at: nullableString,
  updated_at: nullableString,
});

export const webhookSchema = z.object({
  id: z.number().int(),
  event: z.string(),
  url: z.string(),
  is_active: flag,
  failures_since_last_success: z.number().int().optional(),
  /** Present only in the response that created the webhook. */
  token: z.string().optional(),
  created_at: nullableString,
  updated_at: nullableString,
});

export const selfSchema = z.object({
  user: z.object({ id: z.number().int().optional(), name: z.string().optional(), email: z.string().optional() }).optional(),
  user_account: z.object({ id: z.number().int(), name: z.string().optional() }),
});

export const convertToInvoiceSchema = z.object({ invoice_id: z.number().int() });

const pageMetaSchema = z.object({ total: z.number().int(), pages: z.number().int(), limit: z.number().int(), page: z.number().int() });

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  pages: number;
  limit: number;
  page: number;
}

/** `{ "<key>": {...} }`: how Rackbeat wraps a single resource (also on create and update). */
export function envelope<S extends z.ZodType>(key: string, schema: S): z.ZodType<z.output<S>> {
  return z.object({ [key]: schema }).transform((body) => body[key] as z.output<S>);
}

/** `{ "<plural>": [...], total, pages, limit, page }`, answered with 206 (devdocs `pagination`). */
export function pageOf<S extends z.ZodType>(key: string, item: S): z.ZodType<Page<z.output<S>>> {
  return z
    .object({ [key]: z.array(item) })
    .and(pageMetaSchema)
    .transform((body) => ({ items: body[key] as z.output<S>[], total: body.total, pages: body.pages, limit: body.limit, page: body.page }));
}
