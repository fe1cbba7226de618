import { unprocessable } from './errors';
import type { ShopifyId } from './ids';
import type { Cents, OrderRecord, RefundLineRecord, RefundRecord, ShopEvent } from './models';
import type { ShopifyStore } from './store';
import { computeTotals, taxOf } from './totals';
import { orderView } from './views-order';
import { refundView } from './views-refund';

export interface RefundInput {
  /** Lines by id or SKU, with the quantity refunded. */
  lines: Array<{ line_item_id?: ShopifyId | undefined; sku?: string | undefined; quantity: number }>;
  /** Refund the order's shipping in full. */
  shipping?: boolean | undefined;
  note?: string | undefined;
  /** @default true */
  restock?: boolean | undefined;
}

/**
 * A staff refund, as `POST orders/{id}/refunds.json` after `refunds/calculate` would make it
 * (Refund resource, REST Admin API): each refunded line gets its share of the line's discounted
 * amount and tax, in proportion to the quantity; refunding the last units gives what is left, so a
 * line refunded in parts adds up to the line to the cent. The share's rounding is Shopify's own and
 * unpublished (inferred: half up per line, as the order's tax). Shipping is refunded in full or not
 * at all; the transaction returns the lines' and shipping's gross amounts. The order becomes
 * `partially_refunded`, or `refunded` when nothing is left; its lines keep their `quantity` and
 * `current_quantity` (whether a refund lowers `current_quantity` is not attested: the tolerant choice).
 */
export function refundOrder(store: ShopifyStore, orderId: ShopifyId, input: RefundInput, events: ShopEvent[]): { order: OrderRecord; refund: RefundRecord } {
  const order = store.order(orderId);
  if (order.cancelled_at) throw unprocessable('order', 'is cancelled');
  if (order.financial_status !== 'paid' && order.financial_status !== 'partially_refunded') throw unprocessable('financial_status', `is ${order.financial_status}: only paid orders can be refunded`);
  const refunds = (order.refunds ??= []);
  const totals = computeTotals(order);
  const lines: RefundLineRecord[] = [];
  for (const wanted of input.lines) {
    const index = order.lines.findIndex((l) => (wanted.line_item_id !== undefined ? l.id === wanted.line_item_id : l.sku === wanted.sku));
    const line = order.lines[index];
    const t = totals.lines[index];
    if (!line || !t) throw unprocessable('refund_line_items', `no line ${wanted.line_item_id ?? wanted.sku ?? ''} on the order`);
    const before = refunds.flatMap((r) => r.lines).filter((l) => l.line_item_id === line.id);
    const refunded = before.reduce((n, l) => n + l.quantity, 0);
    if (wanted.quantity < 1 || refunded + wanted.quantity > line.quantity) throw unprocessable('refund_line_items', `quantity ${wanted.quantity} is more than the ${line.quantity - refunded} left to refund on ${line.sku}`);
    const base = t.gross - t.discount;
    const last = refunded + wanted.quantity === line.quantity;
    const subtotal = last ? base - before.reduce((n, l) => n + l.subtotal, 0) : Math.round((base * wanted.quantity) / line.quantity);
    const tax = last ? t.tax - before.reduce((n, l) => n + l.total_tax, 0) : line.taxable ? taxOf(subtotal, order.tax_rate, order.taxes_included) : 0;
    lines.push({ id: store.id(), line_item_id: line.id, quantity: wanted.quantity, subtotal, total_tax: tax });
  }
  let shipping: RefundRecord['shipping'] = null;
  if (input.shipping) {
    if (!order.shipping) throw unprocessable('shipping', 'the order has no shipping');
    if (refunds.some((r) => r.shipping)) throw unprocessable('shipping', 'is already refunded');
    shipping = { id: store.id(), shipping_line_id: order.shipping.id, subtotal: order.shipping.price, tax: totals.shippingTax };
  }
  if (lines.length === 0 && !shipping) throw unprocessable('refund', 'refunds nothing');
  const gross = (subtotal: Cents, tax: Cents): Cents => (order.taxes_included ? subtotal : subtotal + tax);
  const amount = lines.reduce((n, l) => n + gross(l.subtotal, l.total_tax), 0) + (shipping ? gross(shipping.subtotal, shipping.tax) : 0);
  const refund: RefundRecord = { id: store.id(), created_at: store.timestamp(), note: input.note ?? null, restock: input.restock ?? true, lines, shipping, transaction: { id: store.id(), amount, gateway: 'manual' } };
  refunds.push(refund);
  const left = order.lines.some((l) => refunds.flatMap((r) => r.lines).filter((r) => r.line_item_id === l.id).reduce((n, r) => n + r.quantity, 0) < l.quantity);
  order.financial_status = left || (order.shipping && !refunds.some((r) => r.shipping)) ? 'partially_refunded' : 'refunded';
  order.updated_at = store.timestamp();
  events.push({ topic: 'refunds/create', body: refundView(order, refund) });
  events.push({ topic: 'orders/updated', body: orderView(store, order) });
  return { order, refund };
}
