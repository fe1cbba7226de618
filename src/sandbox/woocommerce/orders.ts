import { randomBytes } from 'node:crypto';
import { invalidParams, WpError } from './errors';
import { type Address, type OrderRecord, type OrderStatus, type ResourceEvent, SILENT_ORDER_STATUSES, type TaxLineRecord } from './models';
import { toCents } from './money';
import { type WooCommerceSimulatorSettings, taxRateFor } from './settings';
import { deriveStockStatus, isVariation, type WooStore } from './store';
import { computeTotals, type CouponSpec } from './totals';

export interface OrderLineSpec {
  sku?: string | undefined;
  productId?: number | undefined;
  variationId?: number | undefined;
  quantity: number;
  /** Unit price in cents in the order's price basis; the product's price when left out. */
  unitPrice?: number | undefined;
}

export interface NewOrderSpec {
  status: OrderStatus;
  currency: string;
  pricesIncludeTax: boolean;
  customerId: number;
  billing: Partial<Address>;
  shipping: Partial<Address>;
  lines: OrderLineSpec[];
  coupon?: CouponSpec | undefined;
  /** Excluding tax, in cents. */
  shippingLine?: { methodId: string; methodTitle: string; total: number } | undefined;
  fees: Array<{ name: string; total: number; taxable: boolean }>;
  paymentMethod: string;
  paymentMethodTitle: string;
  createdVia: string;
  customerNote: string;
  /** Backdates creation (imported history, paging tests); ms since epoch. */
  createdAt?: number | undefined;
}

/** Statuses in which WooCommerce has reduced stock (`wc_maybe_reduce_stock_levels`). */
const STOCK_HOLDING: readonly string[] = ['processing', 'completed', 'on-hold'];
/** Statuses that give reduced stock back (`wc_maybe_increase_stock_levels`). */
const STOCK_RELEASING: readonly string[] = ['cancelled', 'pending'];
const PAID: readonly string[] = ['processing', 'completed'];

/** Creating orders and moving them between statuses, with the stock and webhook side effects. */
export class OrderService {
  constructor(
    private readonly store: WooStore,
    private readonly settings: WooCommerceSimulatorSettings,
  ) {}

  create(spec: NewOrderSpec, events: ResourceEvent[]): OrderRecord {
    if (spec.lines.length === 0) throw invalidParams({ line_items: 'line_items must contain at least one item.' });
    const resolved = spec.lines.map((line, i) => this.resolveLine(line, i));
    const standard = this.settings.taxRatePercent;
    const computed = computeTotals({
      pricesIncludeTax: spec.pricesIncludeTax,
      lines: resolved.map((r) => ({ unitPrice: r.unitPrice, quantity: r.quantity, taxRatePercent: r.taxRatePercent })),
      coupon: spec.coupon,
      shipping: spec.shippingLine ? { total: spec.shippingLine.total, taxRatePercent: standard } : undefined,
      fees: spec.fees.map((f) => ({ total: f.total, taxRatePercent: f.taxable ? standard : 0 })),
    });
    const at = spec.createdAt === undefined ? this.store.now() : Math.floor(spec.createdAt / 1000) * 1000;
    const id = this.store.next('order');
    const item = () => this.store.next('item');
    const order: OrderRecord = {
      id,
      order_key: `wc_order_${randomBytes(7).toString('hex').slice(0, 13)}`,
      created_via: spec.createdVia,
      status: spec.status,
      currency: spec.currency,
      prices_include_tax: spec.pricesIncludeTax,
      customer_id: spec.customerId,
      customer_note: spec.customerNote,
      billing: { ...emptyAddress(), email: '', ...spec.billing },
      shipping: withoutEmail({ ...emptyAddress(), ...spec.shipping }),
      payment_method: spec.paymentMethod,
      payment_method_title: spec.paymentMethodTitle,
      transaction_id: '',
      created_at: at,
      modified_at: at,
      paid_at: PAID.includes(spec.status) ? at : null,
      completed_at: spec.status === 'completed' ? at : null,
      lines: resolved.map((r, i) => {
        const amounts = computed.lines[i] ?? { subtotal: 0, subtotal_tax: 0, total: 0, total_tax: 0 };
        return { id: item(), name: r.name, product_id: r.productId, variation_id: r.variationId, quantity: r.quantity, tax_class: r.taxClass, sku: r.sku, ...amounts };
      }),
      shipping_lines: spec.shippingLine && computed.shipping
        ? [{ id: item(), method_id: spec.shippingLine.methodId, method_title: spec.shippingLine.methodTitle, ...computed.shipping }]
        : [],
      fee_lines: spec.fees.map((f, i) => ({ id: item(), name: f.name, tax_class: '', tax_status: f.taxable ? 'taxable' : 'none', total: computed.fees[i]?.total ?? 0, total_tax: computed.fees[i]?.total_tax ?? 0 })),
      coupon_lines: spec.coupon ? [{ id: item(), code: spec.coupon.code, discount: computed.discount_total, discount_tax: computed.discount_tax }] : [],
      tax_lines: [],
      totals: {
        discount_total: computed.discount_total,
        discount_tax: computed.discount_tax,
        shipping_total: computed.shipping_total,
        shipping_tax: computed.shipping_tax,
        cart_tax: computed.cart_tax,
        total: computed.total,
        total_tax: computed.total_tax,
      },
      refunds: [],
    };
    order.tax_lines = taxLines(order, standard, item);
    this.store.orders.set(id, order);
    if (!SILENT_ORDER_STATUSES.includes(order.status)) events.push({ resource: 'order', event: 'created', id });
    this.applyStock(order, events);
    return order;
  }

  /** An admin or REST status change; every save fires `order.updated` (`woocommerce_update_order`). */
  setStatus(order: OrderRecord, status: OrderStatus, events: ResourceEvent[]): OrderRecord {
    const now = this.store.now();
    order.status = status;
    order.modified_at = now;
    if (PAID.includes(status) && order.paid_at === null) order.paid_at = now;
    if (status === 'completed') order.completed_at = now;
    events.push({ resource: 'order', event: 'updated', id: order.id });
    this.applyStock(order, events);
    return order;
  }

  /** Reduces stock once when the order is paid or on hold; gives it back on cancellation. */
  private applyStock(order: OrderRecord, events: ResourceEvent[]): void {
    const reduced = this.store.stockReduced.has(order.id);
    let sign = 0;
    if (!reduced && STOCK_HOLDING.includes(order.status)) sign = -1;
    if (reduced && STOCK_RELEASING.includes(order.status)) sign = 1;
    if (sign === 0) return;
    if (sign < 0) this.store.stockReduced.add(order.id);
    else this.store.stockReduced.delete(order.id);
    for (const line of order.lines) {
      const target = line.variation_id ? this.store.variations.get(line.variation_id) : this.store.products.get(line.product_id);
      if (!target?.manage_stock || target.stock_quantity === null) continue;
      target.stock_quantity += sign * line.quantity;
      target.modified_at = this.store.now();
      deriveStockStatus(target);
      events.push({ resource: 'product', event: 'updated', id: target.id });
    }
  }

  private resolveLine(line: OrderLineSpec, index: number) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw invalidParams({ [`line_items[${index}][quantity]`]: 'quantity must be a positive integer.' });
    let record;
    if (line.sku !== undefined) {
      record = this.store.bySku(line.sku)[0];
      if (!record) throw new WpError(400, 'woocommerce_rest_invalid_product_sku', `No product with SKU ${line.sku}.`);
    } else if (line.variationId) {
      record = this.store.variations.get(line.variationId);
    } else if (line.productId !== undefined) {
      record = this.store.products.get(line.productId);
    }
    if (!record) throw new WpError(400, 'woocommerce_rest_invalid_product_id', 'Product ID provided is invalid.');
    const parent = isVariation(record) ? this.store.products.get(record.parent_id) : undefined;
    if (!isVariation(record) && record.type === 'variable') throw new WpError(400, 'woocommerce_rest_invalid_product_id', 'A variable product needs a variation_id.');
    const price = line.unitPrice ?? toCents(record.sale_price !== '' ? record.sale_price : record.regular_price) ?? 0;
    const taxClass = isVariation(record) && record.tax_class === 'parent' ? (parent?.tax_class ?? '') : record.tax_class;
    const name = isVariation(record) ? `${parent?.name ?? ''} - ${record.attributes.map((a) => a.option).join(', ')}` : record.name;
    return {
      productId: isVariation(record) ? record.parent_id : record.id,
      variationId: isVariation(record) ? record.id : 0,
      sku: record.sku,
      name,
      quantity: line.quantity,
      unitPrice: price,
      taxClass,
      taxRatePercent: taxRateFor(this.settings, taxClass, record.tax_status),
    };
  }
}

/** One tax line per rate used (standard and zero-rate), as `WC_Order::update_taxes` groups them. */
function taxLines(order: OrderRecord, standardPercent: number, nextId: () => number): TaxLineRecord[] {
  const byRate = new Map<number, { tax: number; shipping: number }>();
  const add = (rate: number, tax: number, shipping: number) => {
    const entry = byRate.get(rate) ?? { tax: 0, shipping: 0 };
    byRate.set(rate, { tax: entry.tax + tax, shipping: entry.shipping + shipping });
  };
  for (const line of order.lines) add(line.tax_class === 'zero-rate' ? 0 : standardPercent, line.total_tax, 0);
  for (const fee of order.fee_lines) if (fee.tax_status === 'taxable') add(standardPercent, fee.total_tax, 0);
  for (const ship of order.shipping_lines) add(standardPercent, 0, ship.total_tax);
  return [...byRate.entries()].map(([rate, sums]) => ({
    id: nextId(),
    rate_id: rate === 0 ? 2 : 1,
    rate_code: rate === 0 ? 'DK-MOMSFRI-2' : 'DK-MOMS-1',
    label: rate === 0 ? 'Momsfri' : 'Moms',
    rate_percent: rate,
    tax_total: sums.tax,
    shipping_tax_total: sums.shipping,
  }));
}

export function emptyAddress(): Address {
  return { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '', phone: '' };
}

function withoutEmail(address: Address): Address {
  const { email: _email, ...rest } = address;
  return rest;
}
