import { ShopifyHttpError, unprocessable } from './errors';
import type { ShopifyId } from './ids';
import type { AddressInput, DiscountCode, FinancialStatus, LineRecord, OrderRecord, ShopEvent } from './models';
import { SHOP } from './settings';
import type { ShopifyStore } from './store';
import { parseMoney } from './totals';
import { fulfillmentOrderView } from './views-catalog';
import { fulfillmentStatus, orderView } from './views-order';

export interface PlaceOrderInput {
  lines: Array<{ sku?: string | undefined; variant_id?: ShopifyId | undefined; quantity: number; price?: string | undefined }>;
  shipping?: { title: string; price: string; code?: string | undefined } | undefined;
  discount_code?: { code: string; type: 'percentage' | 'fixed_amount'; value: string } | undefined;
  /** @default true: prices in a Danish shop include VAT */
  taxes_included?: boolean | undefined;
  /** @default 0.25 */
  tax_rate?: number | undefined;
  currency?: string | undefined;
  financial_status?: 'pending' | 'paid' | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  note?: string | undefined;
  /** Backdates creation (history before go-live); ISO 8601. @default now */
  created_at?: string | undefined;
}

/** What customers and staff do to orders; each change returns the webhook events it causes. */
export class OrderService {
  constructor(private readonly store: ShopifyStore) {}

  place(input: PlaceOrderInput, events: ShopEvent[]): OrderRecord {
    const store = this.store;
    const now = input.created_at === undefined ? store.timestamp() : store.timestamp(new Date(input.created_at));
    if (input.lines.length === 0) throw unprocessable('line_items', 'must have at least one line item');
    const lines = input.lines.map((l, i) => this.lineFrom(l, i));
    const discount = input.discount_code ? discountFrom(input.discount_code) : null;
    const shippingPrice = input.shipping ? parseMoney(input.shipping.price) : undefined;
    if (input.shipping && shippingPrice === undefined) throw unprocessable('shipping_lines', 'price is invalid');
    const email = input.email ?? 'kunde@example.dk';
    const address: AddressInput = { first_name: input.first_name ?? 'Karen', last_name: input.last_name ?? 'Jensen', address1: 'Algade 5', city: 'Roskilde', zip: '4000', country_code: 'DK', company: null, phone: null };
    const order: OrderRecord = {
      id: store.id(),
      order_number: store.orderNumber(),
      email,
      currency: input.currency ?? SHOP.currency,
      taxes_included: input.taxes_included ?? true,
      tax_rate: input.tax_rate ?? SHOP.taxRate,
      financial_status: input.financial_status ?? 'pending',
      cancelled_at: null,
      cancel_reason: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
      customer: { id: store.id(), email, first_name: address.first_name, last_name: address.last_name },
      address,
      lines,
      shipping: input.shipping && shippingPrice !== undefined ? { id: store.id(), title: input.shipping.title, code: input.shipping.code ?? input.shipping.title, price: shippingPrice } : null,
      discount,
      fulfillmentIds: [],
      note: input.note ?? null,
    };
    store.orders.set(order.id, order);
    this.openFulfillmentOrder(order);
    this.takeStock(order.lines, -1);
    events.push({ topic: 'orders/create', body: orderView(store, order) });
    if (order.financial_status === 'paid') events.push({ topic: 'orders/paid', body: orderView(store, order) });
    return order;
  }

  pay(id: ShopifyId, events: ShopEvent[]): OrderRecord {
    const order = this.store.order(id);
    if (order.cancelled_at) throw unprocessable('base', 'Cannot pay a cancelled order');
    if (order.financial_status === 'paid') throw unprocessable('financial_status', 'is already paid');
    order.financial_status = 'paid';
    this.touch(order, events, 'orders/paid');
    return order;
  }

  cancel(id: ShopifyId, options: { reason?: string | undefined; restock?: boolean | undefined }, events: ShopEvent[]): OrderRecord {
    const order = this.store.order(id);
    if (order.cancelled_at) throw unprocessable('base', 'Order has already been cancelled');
    if (fulfillmentStatus(order) !== null) throw unprocessable('base', 'Cannot cancel an order that has fulfillments');
    const now = this.store.timestamp();
    order.cancelled_at = now;
    order.cancel_reason = options.reason ?? 'customer';
    order.closed_at = now;
    order.financial_status = nextOnCancel(order.financial_status);
    for (const fo of this.store.fulfillmentOrdersOf(order.id)) {
      fo.status = 'closed';
      fo.updated_at = now;
    }
    if (options.restock) this.takeStock(order.lines, +1);
    this.touch(order, events, 'orders/cancelled');
    return order;
  }

  /** Changes line quantities (an order edit); totals and the open fulfillment order follow. */
  edit(id: ShopifyId, changes: Array<{ line_item_id?: ShopifyId | undefined; sku?: string | undefined; quantity: number }>, events: ShopEvent[]): OrderRecord {
    const order = this.store.order(id);
    if (order.cancelled_at) throw unprocessable('base', 'Cannot edit a cancelled order');
    for (const change of changes) {
      const line = order.lines.find((l) => (change.line_item_id !== undefined ? l.id === change.line_item_id : l.sku === change.sku));
      if (!line) throw unprocessable('line_items', `line ${change.line_item_id ?? change.sku ?? ''} not found`);
      if (change.quantity < line.fulfilled) throw unprocessable('quantity', 'cannot be below the fulfilled quantity');
      this.takeStock([{ ...line, quantity: change.quantity - line.quantity }], -1);
      line.quantity = change.quantity;
      for (const fo of this.store.fulfillmentOrdersOf(order.id)) {
        const foLine = fo.lines.find((l) => l.line_item_id === line.id);
        if (foLine && fo.status === 'open') {
          foLine.quantity = change.quantity;
          foLine.fulfillable_quantity = change.quantity - line.fulfilled;
        }
      }
    }
    const editedAt = this.store.timestamp();
    events.push({ topic: 'orders/edited', body: { order_edit: { id: this.store.id(), app_id: null, created_at: editedAt, notify_customer: false, order_id: order.id, staff_note: '', user_id: null } } });
    this.touch(order, events);
    return order;
  }

  /** One fulfillment order per order at the primary location (unconfirmed upstream for multi-location shops). */
  private openFulfillmentOrder(order: OrderRecord): void {
    const location = this.store.primaryLocation();
    const id = this.store.id();
    this.store.fulfillmentOrders.set(id, {
      id,
      order_id: order.id,
      location_id: location.id,
      status: 'open',
      created_at: order.created_at,
      updated_at: order.created_at,
      // Lines that need no shipping (services) are fulfillable too, so they belong to the fulfillment order.
      lines: order.lines.map((l) => ({ id: this.store.id(), line_item_id: l.id, inventory_item_id: this.store.variant(l.variant_id).inventory_item_id, variant_id: l.variant_id, quantity: l.quantity, fulfillable_quantity: l.quantity })),
    });
  }

  private lineFrom(input: PlaceOrderInput['lines'][number], index: number): LineRecord {
    const variant = input.variant_id !== undefined ? this.store.variants.get(input.variant_id) : input.sku !== undefined ? this.store.variantsBySku(input.sku)[0] : undefined;
    if (!variant) throw unprocessable(`line_items[${index}]`, `variant ${input.variant_id ?? input.sku ?? '(none)'} not found`);
    if (!Number.isInteger(input.quantity) || input.quantity < 1) throw unprocessable(`line_items[${index}].quantity`, 'must be greater than 0');
    const price = input.price === undefined ? variant.price : parseMoney(input.price);
    if (price === undefined) throw unprocessable(`line_items[${index}].price`, 'is invalid');
    const product = this.store.product(variant.product_id);
    return {
      id: this.store.id(),
      variant_id: variant.id,
      product_id: product.id,
      sku: variant.sku,
      title: product.title,
      variant_title: variant.title === 'Default Title' ? '' : variant.title,
      price,
      quantity: input.quantity,
      fulfilled: 0,
      taxable: variant.taxable,
      requires_shipping: variant.requires_shipping,
      grams: variant.grams,
    };
  }

  /** Orders take stock at the primary location when placed; `sign` -1 takes, +1 gives back. */
  private takeStock(lines: Array<Pick<LineRecord, 'variant_id' | 'quantity'>>, sign: 1 | -1): void {
    const location = this.store.primaryLocation();
    for (const line of lines) {
      const variant = this.store.variants.get(line.variant_id);
      if (!variant) continue;
      const item = this.store.inventoryItems.get(variant.inventory_item_id);
      if (!item?.tracked) continue;
      const level = this.store.level(item.id, location.id);
      this.store.setLevel(item.id, location.id, (level?.available ?? 0) + sign * line.quantity);
    }
  }

  private touch(order: OrderRecord, events: ShopEvent[], topic?: string): void {
    order.updated_at = this.store.timestamp();
    if (topic) events.push({ topic, body: orderView(this.store, order) });
    events.push({ topic: 'orders/updated', body: orderView(this.store, order) });
  }

  fulfillmentOrders(orderId: ShopifyId): Array<Record<string, unknown>> {
    this.store.order(orderId);
    return this.store.fulfillmentOrdersOf(orderId).map((fo) => fulfillmentOrderView(this.store, fo));
  }
}

function discountFrom(input: NonNullable<PlaceOrderInput['discount_code']>): DiscountCode {
  if (input.type === 'percentage') {
    const value = Number(input.value);
    if (!Number.isFinite(value) || value <= 0 || value > 100) throw unprocessable('discount_code', 'percentage must be between 0 and 100');
    return { code: input.code, type: 'percentage', value };
  }
  const cents = parseMoney(input.value);
  if (cents === undefined) throw new ShopifyHttpError(422, { discount_code: ['amount is invalid'] });
  return { code: input.code, type: 'fixed_amount', value: cents };
}

function nextOnCancel(status: FinancialStatus): FinancialStatus {
  if (status === 'paid') return 'refunded';
  if (status === 'pending' || status === 'authorized') return 'voided';
  return status;
}
