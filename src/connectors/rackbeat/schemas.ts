import { z } from 'zod';

/**
 * Response shapes of the Rackbeat API. Only what rackbridge reads is required; other fields
 * are stripped, so new upstream fields do not break parsing. Field names: reference/rackbeat.md.
 */

const flag = z.boolean();
const nullableString = z.string().nullable().optional();
const amount = z.number();
/**
 * A timestamp as Rackbeat sends it: the SDK parses ISO 8601 with an offset, the docs show
 * `YYYY-MM-DD HH:MM:SS` (rackbeat-verified §1, both VERIFIED; which fields use which is UNKNOWN).
 * Kept as the text; `rackbeatTimestampMs` reads both.
 */
const timestamp = z.string().nullable().optional();

/**
 * Milliseconds since the epoch of a Rackbeat timestamp in either form, or undefined when it does
 * not parse. `YYYY-MM-DD HH:MM:SS` carries no zone (UNKNOWN upstream) and is read as UTC, the
 * zone Rackbeat's filters document for `updated_at_from`.
 */
export function rackbeatTimestampMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value);
  const at = plain ? Date.parse(`${plain[1]}T${plain[2]}Z`) : Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

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

const customerFields = z.object({
  number: z.number().int(),
  /** The display name (VERIFIED, IT19 reads `customer.name`). */
  name: z.string().optional(),
  /** The 2018 name field (VERIFIED·2018 SW `Customer.md`); read only when `name` is missing. */
  company_name: z.string().optional(),
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
  updated_at: timestamp,
});

/**
 * A customer. Its name is read from `name`, falling back to the 2018 `company_name`
 * (rackbeat-verified §6: the write name is UNKNOWN, the read name `name` is VERIFIED).
 */
export const customerSchema = customerFields
  .refine((c) => c.name !== undefined || c.company_name !== undefined, { message: 'a customer has neither name nor company_name', path: ['name'] })
  .transform(({ company_name, name, ...rest }) => ({ ...rest, name: name ?? company_name ?? '' }));

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
  updated_at: timestamp,
});

/**
 * A BOM (`lot`), read from `GET /lots/{n}` (the `/lots` resource: VERIFIED LC `ItemFilters`,
 * SEEN-IN-USE KG `Lot`). Its read shape is UNKNOWN beyond being an item, so only what a
 * product transfer needs is required and the stock fields are optional.
 */
export const lotSchema = productSchema.extend({
  stock_quantity: z.number().optional(),
  in_order_quantity: z.number().optional(),
  available_quantity: z.number().optional(),
  sales_price: amount,
});

/**
 * Line fields as Rackbeat returns them (rackbeat-verified §0.6, §3.3): the item's number in
 * `child_id`, its kind in `child_type` (`product` or `lot`), and an `item` object. `item_id` is
 * the write name; no source shows it read back, but an older account answering with it is read.
 */
const lineFields = z.object({
  child_id: z.union([z.string(), z.number()]).nullable().optional(),
  child_type: z.string().nullable().optional(),
  item_id: z.union([z.string(), z.number()]).nullable().optional(),
  item: z.object({ number: z.union([z.string(), z.number()]).nullable().optional(), name: nullableString, barcode: nullableString, description: nullableString }).nullable().optional(),
  name: z.string(),
  quantity: z.number(),
  line_price: amount,
  discount_percentage: z.number().optional(),
  vat_percentage: z.number().optional(),
  item_cost_price: amount.nullable().optional(),
  line_total: amount.optional(),
  vat_amount: amount.optional(),
});

const text = (value: string | number | null | undefined): string | undefined => (value === null || value === undefined || value === '' ? undefined : String(value));

function lineNumber(line: z.output<typeof lineFields>): string | undefined {
  return text(line.child_id) ?? text(line.item?.number) ?? text(line.item_id);
}

/**
 * The tolerant read of a line's item: number = `child_id` ?? `item.number` ?? `item_id`; type =
 * `child_type`, `product` when absent. `item.number` then always holds that number.
 */
/** What an order or invoice line refers to, as rackbridge reads it. */
export interface LineItem {
  /** The item's number: a product number, or a BOM's when `child_type` is `lot`. */
  number: string;
  name?: string;
  barcode?: string | null;
  description?: string | null;
}

function resolveLine<T extends z.output<typeof lineFields>>(line: T) {
  const { child_id: _child, item_id: _item, item, child_type, ...rest } = line;
  return {
    ...rest,
    /** `product` or `lot` (a BOM); other values are passed on for the caller to refuse. */
    child_type: child_type ?? 'product',
    item: {
      number: lineNumber(line) ?? '',
      ...(item?.name ? { name: item.name } : {}),
      ...(item?.barcode === undefined ? {} : { barcode: item.barcode }),
      ...(item?.description === undefined ? {} : { description: item.description }),
    },
  };
}

/** A line with no number fails the parse, so it never becomes an empty product code downstream. */
const hasNumber = (line: z.output<typeof lineFields>, ctx: z.RefinementCtx): void => {
  if (lineNumber(line) !== undefined) return;
  ctx.addIssue({ code: 'custom', message: `line '${line.name}' carries no product number (none of child_id, item.number, item_id)`, path: ['child_id'] });
};

export const orderLineSchema = lineFields.extend({ id: z.number().int() }).superRefine(hasNumber).transform(resolveLine);

/** A customer-invoice line: the same fields (VERIFIED·2018 SW `CustomerInvoiceLine.md`), its id optional. */
export const invoiceLineSchema = lineFields.extend({ id: z.number().int().optional() }).superRefine(hasNumber).transform(resolveLine);

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
  booked_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});

export const shipmentSchema = z.object({
  id: z.number().int(),
  order_number: z.number().int().optional(),
  is_picked: flag.optional(),
  is_partly_picked: flag.optional(),
  is_shipped: flag,
  shipped_at: timestamp,
  lines: z.array(z.object({ line_id: z.number().int().optional(), item: z.object({ number: z.string() }).optional(), quantity: z.number() })).optional(),
  created_at: timestamp,
  updated_at: timestamp,
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
  lines: z.array(invoiceLineSchema).optional(),
  total_subtotal: amount.optional(),
  total_vat: amount.optional(),
  total_total: amount.optional(),
  is_booked: flag,
  invoice_date: nullableString,
  due_date: nullableString,
  booked_at: timestamp,
  updated_at: timestamp,
});

/** A customer group (`number`, `name`); its route is UNKNOWN upstream (see client `getCustomerGroup`). */
export const customerGroupSchema = z.object({ number: z.number().int(), name: z.string() });

export const webhookSchema = z.object({
  id: z.number().int(),
  event: z.string(),
  url: z.string(),
  is_active: flag,
  failures_since_last_success: z.number().int().optional(),
  /** Present only in the response that created the webhook. */
  token: z.string().optional(),
  created_at: timestamp,
  updated_at: timestamp,
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
