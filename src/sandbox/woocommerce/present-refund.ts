import { formatGmt, formatLocal } from './dates';
import type { OrderRecord, RefundItemRecord, RefundRecord } from './models';
import { formatCents as m } from './money';

type Json = Record<string, unknown>;

/**
 * A refund as `GET /orders/{id}/refunds/{refund_id}` answers: the documented fields (woo-docs
 * `_order-refunds.md`) and the `shipping_lines`, `tax_lines` and `fee_lines` that
 * `WC_REST_Order_Refunds_V2_Controller::get_formatted_item_data` returns too. Items are rendered
 * as the orders controller renders an order's (`get_order_item_data`), amounts negative.
 */
export function renderRefund(order: OrderRecord, refund: RefundRecord, apiUrl: string, timezone: string): Json {
  const items = (type: RefundItemRecord['type']) => refund.items.filter((i) => i.type === type);
  const taxTotal = (i: RefundItemRecord) => i.taxes.reduce((n, t) => n + t.total, 0);
  const taxes = (i: RefundItemRecord) => i.taxes.map((t) => ({ id: t.rate_id, total: m(t.total), subtotal: m(t.total) }));
  const metaOf = (i: RefundItemRecord) => [{ id: i.meta_id, key: '_refunded_item_id', value: String(i.refunded_item_id), display_key: '_refunded_item_id', display_value: String(i.refunded_item_id) }];
  const byRate = new Map<number, { tax: number; shipping: number }>();
  for (const item of refund.items) {
    for (const t of item.taxes) {
      const sums = byRate.get(t.rate_id) ?? { tax: 0, shipping: 0 };
      if (item.type === 'shipping') sums.shipping += t.total;
      else sums.tax += t.total;
      byRate.set(t.rate_id, sums);
    }
  }
  const base = `${apiUrl}/orders/${order.id}/refunds`;
  return {
    id: refund.id,
    date_created: formatLocal(refund.created_at, timezone),
    date_created_gmt: formatGmt(refund.created_at),
    amount: m(refund.amount),
    reason: refund.reason,
    refunded_by: refund.refunded_by,
    refunded_payment: refund.refunded_payment,
    meta_data: [],
    line_items: items('line_item').map((i) => ({
      id: i.id,
      name: i.name,
      product_id: i.product_id,
      variation_id: i.variation_id,
      quantity: i.quantity,
      tax_class: i.tax_class,
      subtotal: m(i.total),
      subtotal_tax: m(taxTotal(i)),
      total: m(i.total),
      total_tax: m(taxTotal(i)),
      taxes: taxes(i),
      meta_data: metaOf(i),
      sku: i.sku,
      price: i.quantity === 0 ? 0 : i.total / 100 / Math.abs(i.quantity),
    })),
    shipping_lines: items('shipping').map((i) => ({ id: i.id, method_title: i.name, method_id: i.method_id, instance_id: '', total: m(i.total), total_tax: m(taxTotal(i)), taxes: taxes(i), meta_data: metaOf(i) })),
    tax_lines: [...byRate.entries()].map(([rateId, sums]) => {
      const line = order.tax_lines.find((t) => t.rate_id === rateId);
      return { id: rateId, rate_code: line?.rate_code ?? '', rate_id: rateId, label: line?.label ?? '', compound: false, tax_total: m(sums.tax), shipping_tax_total: m(sums.shipping), rate_percent: line?.rate_percent ?? 0, meta_data: [] };
    }),
    fee_lines: items('fee').map((i) => ({ id: i.id, name: i.name, tax_class: i.tax_class, tax_status: i.taxes.length > 0 ? 'taxable' : 'none', total: m(i.total), total_tax: m(taxTotal(i)), taxes: taxes(i), meta_data: metaOf(i) })),
    _links: { self: [{ href: `${base}/${refund.id}` }], collection: [{ href: base }], up: [{ href: `${apiUrl}/orders/${order.id}` }] },
  };
}

/** The order's `refunds[]`: `{id, reason, total}` per refund, total negative (woo-docs `_orders.md`, "Order - Refunds properties"). */
export function orderRefunds(order: OrderRecord): Json[] {
  return order.refunds.map((r) => ({ id: r.id, reason: r.reason, total: m(-r.amount) }));
}
