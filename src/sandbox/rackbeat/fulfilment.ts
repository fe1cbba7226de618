import { invalid } from './http';
import { BodyReader } from './input';
import type { DomainEvent, InvoiceRecord, OrderRecord, ShipmentRecord } from './models';
import { orderEvent } from './orders';
import type { CreditNoteAmounts } from './settings';
import type { RackbeatStore } from './store';
import { orderFlags } from './views';

export function invoiceEvent(event: string, invoice: InvoiceRecord): DomainEvent {
  return { event, key: invoice.number, keyName: 'number', data: { number: invoice.number, order_number: invoice.order_number } };
}

/** Shipments and invoices: what happens to an order after it is booked. */
export class FulfilmentService {
  constructor(
    private readonly store: RackbeatStore,
    private readonly settings: { creditNoteAmounts: CreditNoteAmounts },
  ) {}

  /**
   * `POST /orders/{n}/create-shipment`. Requires a booked, unshipped order (laravel-client
   * `Order::createShipment`). Without a body the shipment takes every quantity not yet on a
   * shipment; `{lines:[{line_id, quantity}]}` ships part of an order (simulator extension).
   */
  createShipment(number: number, body: Record<string, unknown>, events: DomainEvent[]): ShipmentRecord {
    const order = this.store.order(number);
    const flags = orderFlags(order);
    if (!flags.is_booked) throw invalid('order', 'The order must be booked before it can be shipped.');
    if (flags.is_cancelled) throw invalid('order', 'A cancelled order cannot be shipped.');
    if (flags.is_shipped) throw invalid('order', 'The order is already shipped.');
    const open = this.unallocated(order);
    const wanted = this.requestedLines(body, open);
    const lines = [...wanted.entries()].filter(([, qty]) => qty > 0).map(([lineId, quantity]) => {
      const line = order.lines.find((l) => l.id === lineId);
      return { line_id: lineId, item_number: line?.item_number ?? '', quantity };
    });
    if (lines.length === 0) throw invalid('order', 'Every line of the order is already on a shipment.');
    const now = this.store.timestamp();
    const shipment: ShipmentRecord = { id: this.store.next('shipment'), order_number: number, lines, shipped_at: null, created_at: now, updated_at: now };
    this.store.shipments.set(shipment.id, shipment);
    order.updated_at = now;
    events.push(orderEvent('order.updated', order, ['shipments']));
    return shipment;
  }

  /** `POST /orders/shipments/{id}/mark-shipped` with `{"pick": true}`: stock leaves the warehouse. */
  markShipped(id: number, events: DomainEvent[]): ShipmentRecord {
    const shipment = this.store.shipment(id);
    if (shipment.shipped_at !== null) throw invalid('shipment', 'The shipment is already shipped.');
    const order = this.store.order(shipment.order_number);
    if (order.cancelled_at !== null) throw invalid('order', 'A cancelled order cannot be shipped.');
    const now = this.store.timestamp();
    this.store.withReservations(order, events, () => {
      for (const shipped of shipment.lines) {
        const line = order.lines.find((l) => l.id === shipped.line_id);
        if (line) line.shipped_quantity += shipped.quantity;
      }
    });
    for (const shipped of shipment.lines) this.store.takeFromStock(shipped.item_number, shipped.quantity, events);
    shipment.shipped_at = now;
    shipment.updated_at = now;
    order.updated_at = now;
    const flags = orderFlags(order);
    events.push(flags.is_shipped ? orderEvent('order.shipped', order) : orderEvent('order.updated', order, ['is_partly_shipped']));
    return shipment;
  }

  /** `POST /orders/{n}/convert-to-invoice?book=`: one invoice for the whole order, number in sequence. */
  convertToInvoice(number: number, book: boolean, events: DomainEvent[]): InvoiceRecord {
    const order = this.store.order(number);
    if (order.booked_at === null) throw invalid('order', 'The order must be booked before it can be invoiced.');
    if (order.cancelled_at !== null) throw invalid('order', 'A cancelled order cannot be invoiced.');
    if (order.invoice_number !== null) throw invalid('order', `The order is already invoiced (invoice ${order.invoice_number}).`);
    const now = this.store.timestamp();
    const invoice: InvoiceRecord = {
      number: this.store.next('invoice'),
      order_number: order.number,
      customer_number: order.customer_number,
      currency: order.currency,
      heading: order.heading,
      their_reference: order.their_reference,
      vat_zone: order.vat_zone,
      payment_terms_id: order.payment_terms_id,
      billing_address: { ...order.billing_address },
      lines: order.lines.map((l) => ({ item_number: l.item_number, item_type: l.item_type, name: l.name, quantity: l.quantity, line_price: l.line_price, discount_percentage: l.discount_percentage })),
      invoice_date: now.slice(0, 10),
      booked_at: null,
      created_at: now,
      updated_at: now,
    };
    this.store.invoices.set(invoice.number, invoice);
    order.invoice_number = invoice.number;
    order.updated_at = now;
    events.push(invoiceEvent('customer_invoice.created', invoice));
    if (book) this.bookInvoice(invoice.number, events);
    events.push(orderEvent('order.updated', order, ['is_invoiced', 'is_ready_for_invoicing']));
    return invoice;
  }

  bookInvoice(number: number, events: DomainEvent[]): InvoiceRecord {
    const invoice = this.store.invoice(number);
    if (invoice.booked_at !== null) throw invalid('invoice', 'The invoice is already booked.');
    if (invoice.lines.length === 0) throw invalid('lines', 'An invoice without lines cannot be booked.');
    invoice.booked_at = this.store.timestamp();
    invoice.updated_at = invoice.booked_at;
    events.push(invoiceEvent('customer_invoice.booked', invoice));
    return invoice;
  }

  /**
   * `POST /customer-invoices/{n}/create-creditnote` (seen in use, no body): a booked customer
   * invoice with the next invoice number crediting invoice n in full — its customer, currency, VAT
   * zone and lines, the minus on the quantities or the prices (`creditNoteAmounts`). It names no
   * order and not the invoice it credits, and fires no event: no source attests any of them.
   */
  createCreditNote(number: number): InvoiceRecord {
    // Whether Rackbeat refuses to credit an unbooked invoice is not attested: the simulator refuses nothing.
    const invoice = this.store.invoice(number);
    const negate = this.settings.creditNoteAmounts === 'negative-quantities' ? { quantity: -1, price: 1 } : { quantity: 1, price: -1 };
    const now = this.store.timestamp();
    const credit: InvoiceRecord = {
      ...invoice,
      number: this.store.next('invoice'),
      order_number: null,
      billing_address: { ...invoice.billing_address },
      lines: invoice.lines.map((l) => ({ ...l, quantity: negate.quantity * l.quantity, line_price: negate.price * l.line_price })),
      invoice_date: now.slice(0, 10),
      booked_at: now,
      created_at: now,
      updated_at: now,
    };
    this.store.invoices.set(credit.number, credit);
    return credit;
  }

  /** Per order line: the quantity not yet on any shipment. */
  private unallocated(order: OrderRecord): Map<number, number> {
    const open = new Map(order.lines.map((l) => [l.id, l.quantity]));
    for (const shipment of this.store.shipments.values()) {
      if (shipment.order_number !== order.number) continue;
      for (const line of shipment.lines) open.set(line.line_id, (open.get(line.line_id) ?? 0) - line.quantity);
    }
    return open;
  }

  private requestedLines(body: Record<string, unknown>, open: Map<number, number>): Map<number, number> {
    if (!Array.isArray(body.lines)) return open;
    const wanted = new Map<number, number>();
    const read = new BodyReader({});
    body.lines.forEach((entry: unknown, index) => {
      const line = new BodyReader(entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {});
      const lineId = line.number('line_id', { required: true, integer: true, field: `lines.${index}.line_id` });
      const quantity = line.number('quantity', { required: true, min: 0.0001, field: `lines.${index}.quantity` });
      read.problems.merge(line.problems);
      if (lineId === undefined || quantity === undefined) return;
      const available = open.get(lineId);
      if (available === undefined) read.problems.add(`lines.${index}.line_id`, 'The selected line id is invalid.');
      else if (quantity > available) read.problems.add(`lines.${index}.quantity`, `The quantity may not be greater than ${available}.`);
      else wanted.set(lineId, quantity);
    });
    read.problems.throwIfAny();
    return wanted;
  }
}
