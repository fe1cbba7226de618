import { z } from 'zod';

/**
 * Response shapes of the WooCommerce REST API v3 (woo-docs `_orders.md`, `_products.md`,
 * `_product-variations.md`, `_webhooks.md`). Only what rackbridge reads is required; unknown
 * fields are stripped. Money stays a decimal string: parsing it is the domain's job, and a value
 * that is not a decimal fails here instead of turning into 0.
 */
export const money = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount');
/** Date without zone; the `_gmt` twins are UTC. */
const wpDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'a WordPress date');

const addressFields = {
  first_name: z.string(),
  last_name: z.string(),
  company: z.string(),
  address_1: z.string(),
  address_2: z.string(),
  city: z.string(),
  state: z.string(),
  postcode: z.string(),
  country: z.string(),
  phone: z.string().optional(),
};
export const billingSchema = z.object({ ...addressFields, email: z.string() });
export const shippingSchema = z.object(addressFields);

export const lineItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  product_id: z.number().int(),
  variation_id: z.number().int(),
  quantity: z.number(),
  tax_class: z.string(),
  subtotal: money,
  subtotal_tax: money,
  total: money,
  total_tax: money,
  taxes: z.array(z.object({ id: z.number().int(), total: z.string(), subtotal: z.string() })),
  // Lines of deleted products can come back with `sku: null`; no SKU either way.
  sku: z.string().nullable().transform((sku) => sku ?? ''),
  /** The only amount that is a number: line total after discounts / quantity, ex tax. */
  price: z.number(),
});

export const taxLineSchema = z.object({
  id: z.number().int(),
  rate_code: z.string(),
  rate_id: z.number().int(),
  label: z.string(),
  compound: z.boolean(),
  tax_total: money,
  shipping_tax_total: money,
  rate_percent: z.number().optional(),
});

export const shippingLineSchema = z.object({ id: z.number().int(), method_title: z.string(), method_id: z.string(), total: money, total_tax: money });
export const feeLineSchema = z.object({ id: z.number().int(), name: z.string(), tax_class: z.string(), tax_status: z.string(), total: money, total_tax: money });
export const couponLineSchema = z.object({ id: z.number().int(), code: z.string(), discount: money, discount_tax: money });

export const orderSchema = z.object({
  id: z.number().int(),
  parent_id: z.number().int(),
  number: z.string(),
  order_key: z.string(),
  created_via: z.string(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: wpDate,
  date_modified_gmt: wpDate,
  date_paid_gmt: wpDate.nullable(),
  date_completed_gmt: wpDate.nullable(),
  discount_total: money,
  discount_tax: money,
  shipping_total: money,
  shipping_tax: money,
  cart_tax: money,
  total: money,
  total_tax: money,
  prices_include_tax: z.boolean(),
  customer_id: z.number().int(),
  customer_note: z.string(),
  billing: billingSchema,
  shipping: shippingSchema,
  payment_method: z.string(),
  payment_method_title: z.string(),
  transaction_id: z.string(),
  line_items: z.array(lineItemSchema),
  tax_lines: z.array(taxLineSchema),
  shipping_lines: z.array(shippingLineSchema),
  fee_lines: z.array(feeLineSchema),
  coupon_lines: z.array(couponLineSchema),
  /** The order's refunds, `{id, reason, total}` each (woo-docs `_orders.md`); the lines are the refund endpoint's. */
  refunds: z.array(z.looseObject({ id: z.number().int() })).default([]),
});

/** `manage_stock` is `"parent"` on a variation whose stock the parent manages. */
const manageStock = z.union([z.boolean(), z.literal('parent')]);

/** A product, or a variation as `GET /products?sku=` returns it (`type: "variation"`, `parent_id`). */
export const productSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  status: z.string().optional(),
  parent_id: z.number().int().default(0),
  sku: z.string(),
  price: z.string(),
  regular_price: z.string(),
  manage_stock: manageStock,
  stock_quantity: z.number().nullable(),
  stock_status: z.string(),
  date_modified_gmt: wpDate,
  variations: z.array(z.number().int()).default([]),
});

export const variationSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  price: z.string(),
  regular_price: z.string(),
  manage_stock: manageStock,
  stock_quantity: z.number().nullable(),
  stock_status: z.string(),
  date_modified_gmt: wpDate,
  attributes: z.array(z.object({ id: z.number().int(), name: z.string(), option: z.string() })).default([]),
});

export const webhookSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['active', 'paused', 'disabled']),
  topic: z.string(),
  resource: z.string(),
  event: z.string(),
  delivery_url: z.string(),
  date_created_gmt: wpDate.nullable(),
  date_modified_gmt: wpDate.nullable(),
});

export const wpErrorSchema = z.object({ code: z.string(), message: z.string(), data: z.unknown().optional() });

/** One entry of a batch answer: the saved object, or `{id, error}` for that item alone. */
export const batchItemSchema = z.union([
  z.object({ id: z.number().int(), error: wpErrorSchema }),
  z.object({ id: z.number().int(), stock_quantity: z.number().nullable().optional(), manage_stock: manageStock.optional() }),
]);

export const batchResponseSchema = z.object({
  create: z.array(batchItemSchema).default([]),
  update: z.array(batchItemSchema).default([]),
  delete: z.array(batchItemSchema).default([]),
});
