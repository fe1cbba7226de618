import { z } from 'zod';
import { type Cents, percentFromFraction, roundHalfAway } from './money';
import { centsSchema, idSchema, quantitySchema, textSchema } from './schema-helpers';
import type { ShopRefund, ShopRefundCharge, ShopRefundLine } from './shop-refund';

const rate = z.object({ rate: z.number().nonnegative().nullish() }).passthrough();
const moneySet = z.object({ shop_money: z.object({ amount: centsSchema }).passthrough() }).passthrough();

/**
 * The REST Refund resource as it appears in the order's `refunds[]` and the `refunds/create`
 * webhook (Refund resource, REST Admin API 2024-10 and later): `refund_line_items[]` with
 * `subtotal` and `total_tax`, refunded shipping in `refund_shipping_lines[]` (from 2024-10; before,
 * an `order_adjustments[]` entry of kind `shipping_refund` with negative `amount`/`tax_amount`),
 * and the money returned in `transactions[]` (kind `refund`, status `success`).
 */
const refundSchema = z
  .object({
    id: idSchema,
    created_at: z.string(),
    note: textSchema,
    refund_line_items: z
      .array(
        z
          .object({
            line_item_id: idSchema,
            quantity: quantitySchema,
            subtotal: centsSchema.optional(),
            total_tax: centsSchema.optional(),
            line_item: z.object({ price: centsSchema, quantity: quantitySchema, tax_lines: z.array(z.object({ price: centsSchema, rate: z.number().nonnegative().nullish() }).passthrough()).default([]) }).passthrough().nullish(),
          })
          .passthrough(),
      )
      .default([]),
    refund_shipping_lines: z
      .array(z.object({ shipping_line_id: idSchema.nullish(), subtotal_amount_set: moneySet, tax_amount_set: moneySet.nullish() }).passthrough())
      .default([]),
    order_adjustments: z.array(z.object({ kind: z.string(), amount: centsSchema, tax_amount: centsSchema.default(0) }).passthrough()).default([]),
    transactions: z.array(z.object({ kind: z.string(), status: z.string().nullish(), amount: centsSchema }).passthrough()).default([]),
  })
  .passthrough();

const orderSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    currency: z.string().length(3),
    taxes_included: z.boolean().default(false),
    line_items: z.array(z.object({ id: idSchema, sku: textSchema, name: z.string().nullish(), title: z.string().nullish(), tax_lines: z.array(rate).optional() }).passthrough()),
    shipping_lines: z.array(z.object({ id: idSchema.nullish(), title: z.string().nullish(), tax_lines: z.array(rate).optional() }).passthrough()).default([]),
    refunds: z.array(z.unknown()).default([]),
  })
  .passthrough();

function rateOf(taxLines: z.output<typeof rate>[] | undefined, tax: Cents): number | null {
  if (!taxLines || taxLines.length === 0) return tax === 0 ? 0 : null;
  const rates = taxLines.map((t) => t.rate);
  return rates.every((r): r is number => typeof r === 'number') ? percentFromFraction(rates.reduce((a, b) => a + b, 0)) : null;
}

/**
 * One refund of a Shopify order, read from the order (which carries its `refunds[]`), or
 * undefined when the order has no refund with that id. `subtotal` is in the order's price basis
 * (incl. VAT when `taxes_included`), as the order's own line amounts are (inferred from the REST
 * Order and Refund resources: the refund docs do not say so in words).
 */
export function shopifyRefundFrom(orderPayload: unknown, refundId: string): ShopRefund | undefined {
  const order = orderSchema.parse(orderPayload);
  const raw = order.refunds.find((r) => typeof r === 'object' && r !== null && String((r as { id?: unknown }).id) === refundId);
  if (raw === undefined) return undefined;
  const refund = refundSchema.parse(raw);
  const gross = (subtotal: Cents, tax: Cents): Cents => (order.taxes_included ? subtotal : subtotal + tax);
  const lines: ShopRefundLine[] = refund.refund_line_items.map((r) => {
    const line = order.line_items.find((l) => l.id === r.line_item_id);
    // Payloads older than the `subtotal`/`total_tax` fields (the 2016 sample) carry only the refunded line item: its price and tax, shared by quantity.
    const embedded = r.line_item;
    const share = (cents: Cents): Cents => (embedded && embedded.quantity > 0 ? roundHalfAway((cents * r.quantity) / embedded.quantity) : 0);
    const tax = r.total_tax ?? share(embedded?.tax_lines.reduce((n, t) => n + t.price, 0) ?? 0);
    const subtotal = r.subtotal ?? (embedded ? embedded.price * r.quantity : 0);
    return { sku: line?.sku ?? '', name: line?.name ?? line?.title ?? line?.sku ?? r.line_item_id, quantity: r.quantity, gross: gross(subtotal, tax), tax, taxRate: rateOf(line?.tax_lines?.length ? line.tax_lines : embedded?.tax_lines, tax) };
  });
  const shipping: ShopRefundCharge[] = refund.refund_shipping_lines.map((s) => {
    const line = order.shipping_lines.find((l) => l.id !== undefined && l.id === s.shipping_line_id) ?? order.shipping_lines[0];
    const tax = s.tax_amount_set?.shop_money.amount ?? 0;
    return { title: line?.title ?? 'Shipping', gross: gross(s.subtotal_amount_set.shop_money.amount, tax), tax, taxRate: rateOf(line?.tax_lines, tax) };
  });
  // Before API 2024-10 refunded shipping was an order adjustment, with negative amounts.
  for (const adjustment of refund.order_adjustments.filter((a) => a.kind === 'shipping_refund')) {
    const tax = -adjustment.tax_amount;
    shipping.push({ title: order.shipping_lines[0]?.title ?? 'Shipping', gross: gross(-adjustment.amount, tax), tax, taxRate: rateOf(order.shipping_lines[0]?.tax_lines, tax) });
  }
  const amount = refund.transactions.filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success').reduce((n, t) => n + t.amount, 0);
  return { source: 'shopify', id: refund.id, shopOrderId: order.id, orderName: order.name, currency: order.currency.toUpperCase(), createdAt: refund.created_at, note: refund.note, lines, shipping, amount };
}
