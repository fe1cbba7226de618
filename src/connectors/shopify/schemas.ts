import { z } from 'zod';

/** A REST id: a JSON number (a decimal string once past 2^53, see json.ts), always returned as a string. */
export const idSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
/** Money is a decimal string in Shopify's JSON; anything else is a contract change, never 0. */
export const moneySchema = z.string().regex(/^-?\d+(\.\d+)?$/);
const nullableId = idSchema.nullable();
/** `gid://shopify/Type/123` */
export const gidSchema = z.string().regex(/^gid:\/\/shopify\/\w+\/\d+/);

const taxLineSchema = z.object({ price: moneySchema, rate: z.number(), title: z.string() });
const discountAllocationSchema = z.object({ amount: moneySchema, discount_application_index: z.number().int().optional() });

export const lineItemSchema = z.object({
  id: idSchema,
  variant_id: nullableId,
  product_id: nullableId,
  sku: z.string().nullable(),
  title: z.string(),
  name: z.string().optional(),
  quantity: z.number().int(),
  price: moneySchema,
  fulfillable_quantity: z.number().int().optional(),
  fulfillment_status: z.string().nullable().optional(),
  taxable: z.boolean().optional(),
  requires_shipping: z.boolean().optional(),
  tax_lines: z.array(taxLineSchema).default([]),
  discount_allocations: z.array(discountAllocationSchema).default([]),
});

export const shippingLineSchema = z.object({
  title: z.string(),
  code: z.string().nullable().optional(),
  price: moneySchema,
  discounted_price: moneySchema.optional(),
  tax_lines: z.array(taxLineSchema).default([]),
});

export const fulfillmentSchema = z.object({
  id: idSchema,
  order_id: idSchema,
  name: z.string().optional(),
  status: z.string(),
  tracking_number: z.string().nullable().optional(),
  tracking_company: z.string().nullable().optional(),
  tracking_url: z.string().nullable().optional(),
  created_at: z.string(),
});

const addressSchema = z.object({
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  company: z.string().nullable().optional(),
  address1: z.string().nullable().optional(),
  address2: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  zip: z.string().nullable().optional(),
  country_code: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const orderSchema = z.object({
  id: idSchema,
  admin_graphql_api_id: gidSchema,
  name: z.string(),
  order_number: z.number().int(),
  email: z.string().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullable(),
  cancel_reason: z.string().nullable().optional(),
  closed_at: z.string().nullable(),
  currency: z.string(),
  taxes_included: z.boolean(),
  financial_status: z.string().nullable(),
  fulfillment_status: z.string().nullable(),
  subtotal_price: moneySchema,
  total_price: moneySchema,
  total_tax: moneySchema,
  total_discounts: moneySchema,
  total_line_items_price: moneySchema,
  tax_lines: z.array(taxLineSchema).default([]),
  discount_codes: z.array(z.object({ code: z.string(), amount: moneySchema, type: z.string() })).default([]),
  line_items: z.array(lineItemSchema),
  shipping_lines: z.array(shippingLineSchema).default([]),
  fulfillments: z.array(fulfillmentSchema).default([]),
  /** The order's refunds (Order resource `refunds`); only their ids are read here, the refund mapping reads the rest. */
  refunds: z.array(z.object({ id: idSchema }).passthrough()).default([]),
  customer: z.object({ id: idSchema, email: z.string().nullable().optional(), first_name: z.string().nullable().optional(), last_name: z.string().nullable().optional() }).nullable().optional(),
  billing_address: addressSchema.nullable().optional(),
  shipping_address: addressSchema.nullable().optional(),
});

export const variantSchema = z.object({
  id: idSchema,
  product_id: idSchema,
  title: z.string(),
  sku: z.string().nullable(),
  price: moneySchema,
  barcode: z.string().nullable().optional(),
  inventory_item_id: idSchema,
  inventory_quantity: z.number().int().optional(),
  updated_at: z.string(),
});

export const productSchema = z.object({
  id: idSchema,
  admin_graphql_api_id: gidSchema,
  title: z.string(),
  handle: z.string(),
  status: z.string(),
  vendor: z.string().nullable().optional(),
  product_type: z.string().nullable().optional(),
  body_html: z.string().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  variants: z.array(variantSchema),
});

export const fulfillmentOrderSchema = z.object({
  id: idSchema,
  order_id: idSchema,
  assigned_location_id: idSchema,
  status: z.string(),
  supported_actions: z.array(z.string()).default([]),
  line_items: z.array(
    z.object({ id: idSchema, line_item_id: idSchema, inventory_item_id: idSchema, variant_id: nullableId, quantity: z.number().int(), fulfillable_quantity: z.number().int() }),
  ),
});

export const inventoryLevelSchema = z.object({ inventory_item_id: idSchema, location_id: idSchema, available: z.number().int().nullable(), updated_at: z.string() });
export const locationSchema = z.object({ id: idSchema, name: z.string(), active: z.boolean() });
export const webhookSchema = z.object({ id: idSchema, topic: z.string(), address: z.string(), format: z.string(), api_version: z.string().optional(), created_at: z.string(), updated_at: z.string() });

export const envelope = <K extends string, S extends z.ZodType>(key: K, item: S) => z.object({ [key]: item } as Record<K, S>);

// GraphQL

export const throttleStatusSchema = z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() });
export const costSchema = z.object({ requestedQueryCost: z.number(), actualQueryCost: z.number().nullable(), throttleStatus: throttleStatusSchema });

export const graphqlEnvelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional(), extensions: z.object({ code: z.string().optional() }).loose().optional() })).optional(),
  extensions: z.object({ cost: costSchema.optional() }).loose().optional(),
});

export const userErrorSchema = z.object({ field: z.array(z.string()).nullable().optional(), message: z.string(), code: z.string().nullable().optional() });

export const inventorySetQuantitiesSchema = z.object({
  inventorySetQuantities: z.object({
    inventoryAdjustmentGroup: z
      .object({
        createdAt: z.string(),
        reason: z.string(),
        changes: z.array(z.object({ name: z.string(), delta: z.number().int(), quantityAfterChange: z.number().int().nullable().optional(), item: z.object({ id: gidSchema }), location: z.object({ id: gidSchema }) })),
      })
      .nullable(),
    userErrors: z.array(userErrorSchema),
  }),
});

export const fulfillmentCreateSchema = z.object({
  fulfillmentCreate: z.object({
    fulfillment: z.object({ id: gidSchema, name: z.string().optional(), status: z.string(), createdAt: z.string(), trackingInfo: z.array(z.object({ number: z.string().nullable(), url: z.string().nullable(), company: z.string().nullable() })).default([]) }).nullable(),
    userErrors: z.array(userErrorSchema),
  }),
});

export const productVariantsSchema = z.object({
  productVariants: z.object({
    nodes: z.array(z.object({ id: gidSchema, sku: z.string().nullable(), inventoryItem: z.object({ id: gidSchema }), product: z.object({ id: gidSchema }).optional() })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }).optional(),
  }),
});
