import { gid } from './ids';
import type { Cents, OrderRecord, RefundRecord } from './models';
import { money } from './totals';

type Json = Record<string, unknown>;

function moneySet(cents: Cents, currency: string): Json {
  const m = { amount: money(cents), currency_code: currency };
  return { shop_money: m, presentment_money: m };
}

/**
 * The REST Refund resource (API 2024-10 on: refunded shipping in `refund_shipping_lines`, no
 * longer an order adjustment), as `GET orders/{id}/refunds/{id}.json`, the order's `refunds[]`
 * and the `refunds/create` webhook show it.
 */
export function refundView(order: OrderRecord, refund: RefundRecord): Json {
  const c = order.currency;
  return {
    id: refund.id,
    order_id: order.id,
    admin_graphql_api_id: gid('Refund', refund.id),
    created_at: refund.created_at,
    processed_at: refund.created_at,
    note: refund.note,
    restock: refund.restock,
    user_id: null,
    refund_line_items: refund.lines.map((l) => {
      const line = order.lines.find((x) => x.id === l.line_item_id);
      return {
        id: l.id,
        line_item_id: l.line_item_id,
        quantity: l.quantity,
        restock_type: refund.restock ? 'return' : 'no_restock',
        location_id: null,
        subtotal: Number(money(l.subtotal)),
        total_tax: Number(money(l.total_tax)),
        subtotal_set: moneySet(l.subtotal, c),
        total_tax_set: moneySet(l.total_tax, c),
        line_item: line ? { id: line.id, variant_id: line.variant_id, product_id: line.product_id, sku: line.sku, title: line.title, name: line.variant_title ? `${line.title} - ${line.variant_title}` : line.title, quantity: line.quantity, price: money(line.price) } : null,
      };
    }),
    refund_shipping_lines: refund.shipping
      ? [{ id: refund.shipping.id, shipping_line_id: refund.shipping.shipping_line_id, subtotal_amount_set: moneySet(refund.shipping.subtotal, c), tax_amount_set: moneySet(refund.shipping.tax, c) }]
      : [],
    order_adjustments: [],
    transactions: [{ id: refund.transaction.id, order_id: order.id, kind: 'refund', status: 'success', amount: money(refund.transaction.amount), currency: c, gateway: refund.transaction.gateway, created_at: refund.created_at, test: false }],
  };
}
