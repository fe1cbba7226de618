import { ResourceNotFound } from './http';
import type {
  CustomerGroupRecord,
  CustomerRecord,
  DomainEvent,
  InvoiceRecord,
  LotRecord,
  OrderRecord,
  PaymentTermRecord,
  ProductGroupRecord,
  ProductRecord,
  ShipmentRecord,
  WebhookRecord,
} from './models';

/** First numbers of the series; Rackbeat lets an account choose them under settings → numbering. */
export const FIRST_ORDER_NUMBER = 1001;
export const FIRST_INVOICE_NUMBER = 5001;

/**
 * All simulator state. Lookups throw 404s; the business rules live in orders.ts and
 * parties.ts so this file stays the data model and its invariants (stock reservations).
 */
export class RackbeatStore {
  readonly paymentTerms = new Map<number, PaymentTermRecord>();
  readonly productGroups = new Map<number, ProductGroupRecord>();
  readonly customers = new Map<number, CustomerRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly lots = new Map<string, LotRecord>();
  readonly customerGroups = new Map<number, CustomerGroupRecord>();
  readonly orders = new Map<number, OrderRecord>();
  readonly shipments = new Map<number, ShipmentRecord>();
  readonly invoices = new Map<number, InvoiceRecord>();
  readonly webhooks = new Map<number, WebhookRecord>();
  private counters = freshCounters();

  constructor(readonly now: () => Date = () => new Date()) {}

  reset(): void {
    for (const map of [this.paymentTerms, this.productGroups, this.customerGroups, this.customers, this.products, this.lots, this.orders, this.shipments, this.invoices, this.webhooks]) {
      map.clear();
    }
    this.counters = freshCounters();
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  next(series: keyof ReturnType<typeof freshCounters>): number {
    return this.counters[series]++;
  }

  /** Keeps a series above numbers chosen by the caller (or the seed). */
  bump(series: keyof ReturnType<typeof freshCounters>, used: number): void {
    if (used >= this.counters[series]) this.counters[series] = used + 1;
  }

  order(number: number): OrderRecord {
    return found(this.orders.get(number), `Order ${number} not found.`);
  }

  customer(number: number): CustomerRecord {
    return found(this.customers.get(number), `Customer ${number} not found.`);
  }

  /** Finds a product by its number or its `urlfriendly_number`. */
  product(numberOrSlug: string): ProductRecord {
    const direct = this.products.get(numberOrSlug);
    if (direct) return direct;
    const bySlug = [...this.products.values()].find((p) => urlFriendlyNumber(p.number) === numberOrSlug);
    return found(bySlug, `Product ${numberOrSlug} not found.`);
  }

  lot(number: string): LotRecord {
    return found(this.lots.get(number), `Lot ${number} not found.`);
  }

  customerGroup(number: number): CustomerGroupRecord {
    return found(this.customerGroups.get(number), `Customer group ${number} not found.`);
  }

  productGroup(number: number): ProductGroupRecord {
    return found(this.productGroups.get(number), `Product group ${number} not found.`);
  }

  paymentTerm(number: number): PaymentTermRecord {
    return found(this.paymentTerms.get(number), `Payment term ${number} not found.`);
  }

  shipment(id: number): ShipmentRecord {
    return found(this.shipments.get(id), `Shipment ${id} not found.`);
  }

  invoice(number: number): InvoiceRecord {
    return found(this.invoices.get(number), `Customer invoice ${number} not found.`);
  }

  webhook(id: number): WebhookRecord {
    return found(this.webhooks.get(id), `Webhook ${id} not found.`);
  }

  /**
   * Runs a change to one order and keeps `in_order_quantity` equal to what booked, open
   * orders still owe: whatever the change (book, edit lines, ship, cancel), the products
   * whose quantities moved get an `inventory.changed` event.
   */
  withReservations<T>(order: OrderRecord, events: DomainEvent[], change: () => T): T {
    const before = reservedBy(order);
    const result = change();
    const after = reservedBy(order);
    for (const number of new Set([...before.keys(), ...after.keys()])) {
      const delta = (after.get(number) ?? 0) - (before.get(number) ?? 0);
      const product = this.products.get(number);
      if (delta === 0 || !product) continue;
      product.in_order_quantity += delta;
      product.updated_at = this.timestamp();
      events.push(inventoryChanged(product));
    }
    return result;
  }

  /** Ships quantities out of stock (a shipment marked shipped). */
  takeFromStock(number: string, quantity: number, events: DomainEvent[]): void {
    const product = this.products.get(number);
    if (!product) return;
    product.stock_quantity -= quantity;
    product.updated_at = this.timestamp();
    events.push(inventoryChanged(product));
  }
}

/** What a booked, open order still holds back from stock, per product number. */
export function reservedBy(order: OrderRecord): Map<string, number> {
  const reserved = new Map<string, number>();
  if (order.booked_at === null || order.cancelled_at !== null) return reserved;
  for (const line of order.lines) {
    // A BOM's own stock is not simulated; its lines reserve nothing here.
    if (line.item_type !== 'product') continue;
    const open = line.quantity - line.shipped_quantity;
    if (open > 0) reserved.set(line.item_number, (reserved.get(line.item_number) ?? 0) + open);
  }
  return reserved;
}

export function inventoryChanged(product: ProductRecord): DomainEvent {
  return {
    event: 'inventory.changed',
    key: product.number,
    keyName: 'number',
    data: {
      number: product.number,
      stock_quantity: product.stock_quantity,
      in_order_quantity: product.in_order_quantity,
      available_quantity: product.stock_quantity - product.in_order_quantity,
    },
  };
}

/**
 * The simulator's guess at Rackbeat's `urlfriendly_number`: anything outside `[A-Za-z0-9_-]`
 * becomes `-`. Real accounts may differ; the connector rawurlencodes instead.
 */
export function urlFriendlyNumber(number: string): string {
  return number.replace(/[^A-Za-z0-9_-]/g, '-');
}

function freshCounters() {
  return { order: FIRST_ORDER_NUMBER, invoice: FIRST_INVOICE_NUMBER, customer: 1, product: 1, line: 1, shipment: 1, webhook: 1 };
}

function found<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new ResourceNotFound(message);
  return value;
}
