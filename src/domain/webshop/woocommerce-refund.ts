import { z } from 'zod';
import type { Cents } from './money';
import { centsSchema, idSchema, textSchema } from './schema-helpers';
import type { ShopRefund, ShopRefundCharge, ShopRefundLine } from './shop-refund';
import { wooTaxRate } from './woocommerce-order';

/*
 * WooCommerce refunds (docs/refunds.md, docs/connectors/woocommerce.md). WooCommerce has no refund
 * webhook topic: `wc_create_refund` fires `woocommerce_order_refunded`, one of the hooks of the
 * `order.updated` topic, so a refund arrives as an order delivery whose body lists the order's
 * refunds as `refunds[]` ({id, reason, total}). The refund's lines are read from
 * `GET /orders/{id}/refunds/{refund_id}`.
 */

/** The part of an order body (webhook or `GET /orders/{id}`) that names its refunds. */
export const wooOrderRefundsSchema = z.looseObject({
  refunds: z.array(z.looseObject({ id: idSchema }), { error: 'must be a list of refunds, each with its numeric id' }).nullish(),
});

/** The ids of the refunds an order body carries, once each, in the order WooCommerce lists them. */
export function wooRefundIds(order: z.output<typeof wooOrderRefundsSchema>): string[] {
  return [...new Set((order.refunds ?? []).map((r) => r.id))];
}

const taxes = z.array(z.looseObject({ id: z.union([z.number(), z.string()]).transform(String), total: z.union([z.string(), z.number()]).nullish() })).nullish().transform((t) => t ?? []);
const meta = z.array(z.looseObject({ key: z.string(), value: z.unknown() })).nullish().transform((m) => m ?? []);
/** `quantity` is negative on a refund's line (`set_quantity( $qty * -1 )`); 0 when only an amount was refunded. */
const refundQuantity = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** Item amounts of a refund are negative (`wc_format_refund_total`). */
const charge = z.looseObject({ id: idSchema.nullish(), total: centsSchema, total_tax: centsSchema.nullish(), taxes, meta_data: meta });

/**
 * A refund as `GET /wp-json/wc/v3/orders/{id}/refunds/{refund_id}` answers (woo-docs
 * `_order-refunds.md`; `WC_REST_Order_Refunds_V2_Controller::get_formatted_item_data`, which also
 * returns `shipping_lines`, `tax_lines` and `fee_lines` that the docs' table leaves out — read
 * when present, an empty list when not).
 */
export const wooRefundSchema = z.looseObject({
  id: idSchema,
  date_created_gmt: z.string().nullish(),
  date_created: z.string().nullish(),
  amount: centsSchema,
  reason: textSchema,
  line_items: z
    .array(
      charge.extend({
        name: z.string().nullish(),
        sku: textSchema,
        quantity: refundQuantity,
        product_id: idSchema.nullish(),
        variation_id: idSchema.nullish(),
      }),
    )
    .nullish()
    .transform((l) => l ?? []),
  shipping_lines: z.array(charge.extend({ method_title: z.string().nullish() })).nullish().transform((l) => l ?? []),
  fee_lines: z.array(charge.extend({ name: z.string().nullish() })).nullish().transform((l) => l ?? []),
});

/** The order fields the refund's normalisation reads: currency, number, the refunded lines' SKUs, the tax rates. */
const orderSchema = z.looseObject({
  id: idSchema,
  number: z.union([z.string(), z.number()]).transform(String).nullish(),
  currency: z.string().length(3),
  line_items: z.array(z.looseObject({ id: idSchema, sku: textSchema, name: z.string().nullish() })).default([]),
  shipping_lines: z.array(z.looseObject({ id: idSchema, method_title: z.string().nullish() })).default([]),
  fee_lines: z.array(z.looseObject({ id: idSchema, name: z.string().nullish() })).default([]),
  tax_lines: z.array(z.looseObject({ rate_id: z.union([z.number(), z.string()]).transform(String), rate_percent: z.number().nullish() })).default([]),
});

type Charge = z.output<typeof charge>;

/** The order item a refund line gives back: its `_refunded_item_id` meta (set by `wc_create_refund`). */
function refundedItemId(item: Charge): string | undefined {
  const value = item.meta_data.find((m) => m.key === '_refunded_item_id')?.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** WooCommerce writes refunded amounts negative; the refund is given back, so it is positive here. */
const back = (cents: Cents | null | undefined): Cents => 0 - (cents ?? 0);

/**
 * One WooCommerce refund, normalised to the shop-neutral `ShopRefund`: per refunded line the SKU
 * (the refund line's own `sku`, else the order line's it points at), the quantity, gross incl. VAT
 * (`total` + `total_tax`: WooCommerce keeps item totals without VAT whatever the price basis) and
 * its VAT rate (the order's `tax_lines[].rate_percent` for the line's tax rate ids, else inferred
 * from the amounts); refunded shipping and fees the same way (`wc_create_refund` copies a fee item
 * as it copies a product line, and the refund controller returns it in `fee_lines`); the money
 * returned is the refund's `amount`. A refund of an amount only (no lines) gives empty lines,
 * which the credit holds as `REFUND_WITHOUT_LINES`.
 */
export function wooRefundFrom(orderPayload: unknown, refundPayload: unknown): ShopRefund {
  const order = orderSchema.parse(orderPayload);
  const refund = wooRefundSchema.parse(refundPayload);
  const percents = new Map(order.tax_lines.map((t) => [t.rate_id, t.rate_percent]));
  const amounts = (item: Charge) => {
    const net = back(item.total);
    const tax = back(item.total_tax);
    return { gross: net + tax, tax, taxRate: wooTaxRate(percents, item.taxes.map((t) => t.id), Math.abs(net), Math.abs(tax)) };
  };
  const lines: ShopRefundLine[] = refund.line_items.map((item) => {
    const original = order.line_items.find((l) => l.id === refundedItemId(item));
    const sku = item.sku ?? original?.sku ?? '';
    return { sku, name: item.name ?? original?.name ?? sku, quantity: Math.abs(item.quantity), ...amounts(item) };
  });
  const shipping: ShopRefundCharge[] = refund.shipping_lines.map((item) => {
    const original = order.shipping_lines.find((l) => l.id === refundedItemId(item));
    return { title: item.method_title ?? original?.method_title ?? 'Shipping', ...amounts(item) };
  });
  const fees: ShopRefundCharge[] = refund.fee_lines.map((item) => {
    const original = order.fee_lines.find((l) => l.id === refundedItemId(item));
    return { title: item.name ?? original?.name ?? 'Fee', ...amounts(item) };
  });
  const created = refund.date_created_gmt ? `${refund.date_created_gmt.replace(/Z$/, '')}Z` : (refund.date_created ?? '');
  return {
    source: 'woocommerce',
    id: refund.id,
    shopOrderId: order.id,
    orderName: `#${order.number ?? order.id}`,
    currency: order.currency.toUpperCase(),
    createdAt: created,
    note: refund.reason,
    lines,
    shipping,
    fees,
    amount: refund.amount,
  };
}
