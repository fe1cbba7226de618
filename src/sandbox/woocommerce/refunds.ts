import { invalidParams, WpError } from './errors';
import { type Json, textOf, toBoolean, toInteger } from './http';
import type { OrderRecord, RefundItemRecord, RefundRecord, ResourceEvent } from './models';
import { toCents } from './money';
import type { OrderService } from './orders';
import { deriveStockStatus, type WooStore } from './store';

/** One refunded item as `wc_create_refund` takes it (after `RestApiUtil::adjust_create_refund_request_parameters`). */
interface RefundItemSpec {
  qty: number;
  /** Excl. tax, positive cents; undefined when not a number (then no amount can be computed). */
  refundTotal: number | undefined;
  /** Per tax rate id, positive cents. */
  refundTax: Map<number, number | undefined>;
}

export interface NewRefundSpec {
  /** Positive cents; undefined: computed from the items when every amount is a number, else 0. */
  amount: number | undefined;
  reason: string;
  items: Map<number, RefundItemSpec>;
  /** `api_refund`: the simulator has no gateways and records it as done (see docs/connectors/woocommerce.md). */
  refundPayment: boolean;
  /** `api_restock`, default true: refunded quantities go back to stock (`wc_restock_refunded_items`). */
  restock: boolean;
}

function cents(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' || typeof value === 'number' ? toCents(value) : undefined;
  if (parsed === undefined) throw invalidParams({ [field]: `${field} is not of type number.` });
  return parsed;
}

/** `refund_tax` as the REST API takes it (`[{id, refund_total}]`) or in the internal form (`{rate_id: amount}`). */
function readTaxes(value: unknown, field: string): Map<number, number | undefined> {
  const out = new Map<number, number | undefined>();
  if (Array.isArray(value)) {
    for (const [i, t] of (value as Json[]).entries()) {
      const id = toInteger(t?.id);
      if (id === undefined) throw invalidParams({ [`${field}[${i}][id]`]: 'id is not of type integer.' });
      out.set(id, cents(t.refund_total, `${field}[${i}][refund_total]`));
    }
  } else if (value && typeof value === 'object') {
    for (const [id, amount] of Object.entries(value as Json)) if (toInteger(id) !== undefined) out.set(Number(id), cents(amount, `${field}[${id}]`));
  }
  return out;
}

/**
 * `POST /orders/{id}/refunds` (woo-docs `_order-refunds.md`; `WC_REST_Order_Refunds_Controller`):
 * `amount`, `reason`, `line_items` as `[{id, quantity, refund_total, refund_tax: [{id, refund_total}]}]`
 * (or the internal form keyed by item id with `qty`), `api_refund`, `api_restock`.
 */
export function readRefundRequest(body: Json): NewRefundSpec {
  const items = new Map<number, RefundItemSpec>();
  const raw = body.line_items;
  const entries: [number | undefined, Json, string][] = Array.isArray(raw)
    ? (raw as Json[]).map((item, i) => [toInteger(item?.id), item ?? {}, `line_items[${i}]`])
    : raw && typeof raw === 'object'
      ? Object.entries(raw as Json).map(([id, item]) => [toInteger(id), (item ?? {}) as Json, `line_items[${id}]`])
      : [];
  for (const [id, item, field] of entries) {
    if (id === undefined) throw invalidParams({ [`${field}[id]`]: 'id is not of type integer.' });
    const qty = toInteger(item.quantity ?? item.qty ?? 0);
    if (qty === undefined || qty < 0) throw invalidParams({ [`${field}[quantity]`]: 'quantity is not of type integer.' });
    items.set(id, { qty, refundTotal: cents(item.refund_total, `${field}[refund_total]`) ?? (item.refund_total === undefined ? 0 : undefined), refundTax: readTaxes(item.refund_tax, `${field}[refund_tax]`) });
  }
  const amount = cents(body.amount, 'amount');
  return {
    amount,
    reason: textOf(body.reason),
    items,
    refundPayment: toBoolean(body.api_refund) ?? true,
    restock: toBoolean(body.api_restock) ?? true,
  };
}

/** `RestApiUtil::calculate_refund_amount_from_line_items`: only when every item's amounts are numbers. */
function amountFromItems(items: Map<number, RefundItemSpec>): number | undefined {
  if (items.size === 0) return undefined;
  let sum = 0;
  for (const item of items.values()) {
    if (item.refundTotal === undefined) return undefined;
    sum += item.refundTotal;
    for (const tax of item.refundTax.values()) {
      if (tax === undefined) return undefined;
      sum += tax;
    }
  }
  return sum;
}

/** `wc_format_decimal( …, wc_get_price_decimals() )`: WooCommerce compares refund amounts rounded to the price decimals (2 here), never as raw floats. */
const toPriceDecimals = (amount: number): number => Math.round(amount * 100) / 100;

export function refundedTotal(order: OrderRecord): number {
  return order.refunds.reduce((n, r) => n + r.amount, 0);
}

/** Refunds as `wc_create_refund` makes them, with the order's status, stock and webhook side effects. */
export class RefundService {
  constructor(
    private readonly store: WooStore,
    private readonly orders: OrderService,
  ) {}

  create(order: OrderRecord, spec: NewRefundSpec, events: ResourceEvent[]): RefundRecord {
    const amount = toPriceDecimals(spec.amount ?? amountFromItems(spec.items) ?? 0);
    if (amount < 0) throw new WpError(400, 'woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.');
    // `get_remaining_refund_amount()`
    const remaining = toPriceDecimals(order.totals.total - refundedTotal(order));
    // wc_create_refund throws, and the controller answers its WP_Error with 500.
    if (amount > remaining) throw new WpError(500, 'woocommerce_rest_cannot_create_order_refund', 'Invalid refund amount.');
    // `get_remaining_refund_items`: the order's item count less what earlier refunds gave back.
    const remainingItems = order.lines.reduce((n, l) => n + l.quantity, 0) - order.refunds.reduce((n, r) => n + r.items.reduce((m, i) => m - i.quantity, 0), 0);
    const now = this.store.now();
    const refund: RefundRecord = { id: this.store.next('order'), parent_id: order.id, amount, reason: spec.reason, refunded_by: 1, refunded_payment: spec.refundPayment, created_at: now, items: [] };
    let refundedQty = 0;
    for (const [itemId, item] of spec.items) {
      const copy = this.copyOf(order, itemId);
      if (!copy) continue;
      if (item.qty === 0 && !item.refundTotal && item.refundTax.size === 0) continue;
      const taxes = [...item.refundTax.entries()].filter(([, t]) => t).map(([rate_id, t]) => ({ rate_id, total: -(t ?? 0) }));
      refund.items.push({ ...copy, id: this.store.next('item'), meta_id: this.store.next('item'), refunded_item_id: itemId, quantity: copy.type === 'line_item' ? -item.qty : 0, total: -(item.refundTotal ?? 0), taxes });
      refundedQty += item.qty;
    }
    order.refunds.unshift(refund);
    if (spec.restock) this.restock(order, spec.items, events);
    const hasFreeItem = order.lines.some((l) => l.total === 0);
    const fully = !(toPriceDecimals(remaining - amount) > 0 || (hasFreeItem && remainingItems - refundedQty > 0));
    // Fully refunded: the order moves to `refunded` (`woocommerce_order_fully_refunded_status`).
    if (fully && order.status !== 'refunded') this.orders.setStatus(order, 'refunded', events);
    // `$order->save()` and `woocommerce_order_refunded`: both hooks of the `order.updated` topic.
    order.modified_at = now;
    events.push({ resource: 'order', event: 'updated', id: order.id });
    return refund;
  }

  /**
   * `wc_order_fully_refunded`, hooked on `woocommerce_order_status_refunded`: an order set to
   * `refunded` by hand gets a refund of what is left, without lines ("Order fully refunded.").
   */
  statusChanged(order: OrderRecord, previous: string, events: ResourceEvent[]): void {
    if (order.status !== 'refunded' || previous === 'refunded') return;
    const left = toPriceDecimals(order.totals.total - refundedTotal(order));
    if (left <= 0) return;
    this.create(order, { amount: left, reason: 'Order fully refunded.', items: new Map(), refundPayment: false, restock: false }, events);
  }

  /** The order item a refund line copies (`new $class( $item )`): line items, fees and shipping alike. */
  private copyOf(order: OrderRecord, itemId: number): Omit<RefundItemRecord, 'id' | 'meta_id' | 'refunded_item_id' | 'quantity' | 'total' | 'taxes'> | undefined {
    const line = order.lines.find((l) => l.id === itemId);
    if (line) return { type: 'line_item', name: line.name, product_id: line.product_id, variation_id: line.variation_id, sku: line.sku, tax_class: line.tax_class, method_id: '' };
    const ship = order.shipping_lines.find((s) => s.id === itemId);
    if (ship) return { type: 'shipping', name: ship.method_title, product_id: 0, variation_id: 0, sku: '', tax_class: '', method_id: ship.method_id };
    const fee = order.fee_lines.find((f) => f.id === itemId);
    if (fee) return { type: 'fee', name: fee.name, product_id: 0, variation_id: 0, sku: '', tax_class: fee.tax_class, method_id: '' };
    return undefined;
  }

  /** `wc_restock_refunded_items`: only lines whose stock the order reduced, of products that manage stock. */
  private restock(order: OrderRecord, items: Map<number, RefundItemSpec>, events: ResourceEvent[]): void {
    if (!this.store.stockReduced.has(order.id)) return;
    for (const line of order.lines) {
      const qty = items.get(line.id)?.qty ?? 0;
      const target = line.variation_id ? this.store.variations.get(line.variation_id) : this.store.products.get(line.product_id);
      if (!qty || !target?.manage_stock || target.stock_quantity === null) continue;
      target.stock_quantity += qty;
      target.modified_at = this.store.now();
      deriveStockStatus(target);
      events.push({ resource: 'product', event: 'updated', id: target.id });
    }
  }

  refund(order: OrderRecord, refundId: number): RefundRecord {
    const refund = order.refunds.find((r) => r.id === refundId);
    if (refund) return refund;
    // Another order's refund, or no refund at all (`prepare_object_for_response`, `get_item`).
    if ([...this.store.orders.values()].some((o) => o.refunds.some((r) => r.id === refundId))) throw new WpError(404, 'woocommerce_rest_invalid_order_refund_id', 'Invalid order refund ID.');
    throw new WpError(404, 'woocommerce_rest_shop_order_refund_invalid_id', 'Invalid ID.');
  }

  /** `DELETE /orders/{id}/refunds/{rid}`: gone from the order; WooCommerce fires no webhook for it (issue #26532). */
  delete(order: OrderRecord, refundId: number): RefundRecord {
    const refund = this.refund(order, refundId);
    order.refunds = order.refunds.filter((r) => r !== refund);
    return refund;
  }
}
