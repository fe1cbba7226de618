import { invalid, Problems, ResourceNotFound } from './http';
import { BodyReader } from './input';
import { type Address, type DomainEvent, type OrderLineRecord, type OrderRecord } from './models';
import type { RackbeatStore } from './store';

export function orderEvent(event: string, order: OrderRecord, changed?: string[]): DomainEvent {
  return { event, key: order.number, keyName: 'number', data: { number: order.number }, ...(changed ? { changed } : {}) };
}

/**
 * Fields a `PUT /orders/{n}` may change, besides `lines`. Other fields are ignored, as Laravel
 * ignores unknown input: `is_paid` and `is_cancelled` have no attested write (rackbeat-verified §3.2).
 */
const EDITABLE = ['currency', 'heading', 'their_reference', 'note', 'order_date', 'deliver_at', 'vat_zone', 'payment_terms_id', 'layout_id', 'employee_id', 'billing_address', 'delivery_address'] as const;

/** Sales orders: create, edit, lines, book, cancel, delete. Shipping and invoicing are in fulfilment.ts. */
export class OrderService {
  constructor(
    private readonly store: RackbeatStore,
    private readonly settings: { ordersBookedOnCreate: boolean },
  ) {}

  create(body: Record<string, unknown>, draft: boolean, events: DomainEvent[]): OrderRecord {
    const read = new BodyReader(body);
    const customerNumber = read.number('customer_id', { required: true, integer: true });
    const customer = customerNumber === undefined ? undefined : this.store.customers.get(customerNumber);
    if (customerNumber !== undefined && !customer) read.problems.add('customer_id', 'The selected customer id is invalid.');
    const requested = read.number('number', { integer: true, min: 1 });
    if (requested !== undefined && this.store.orders.has(requested)) read.problems.add('number', 'The number has already been taken.');
    const lines = this.readLines(body.lines, read.problems);
    const fields = this.readFields(read);
    read.problems.throwIfAny();
    if (!customer) throw invalid('customer_id', 'The selected customer id is invalid.');

    const now = this.store.timestamp();
    const number = requested ?? this.store.next('order');
    this.store.bump('order', number);
    const customerAddress: Address = { ...customer.address, name: customer.name, email: customer.contact_email, phone: customer.contact_phone };
    const order: OrderRecord = {
      number,
      customer_number: customer.number,
      currency: fields.currency ?? customer.currency,
      heading: fields.heading ?? null,
      their_reference: fields.their_reference ?? null,
      note: fields.note ?? null,
      order_date: fields.order_date ?? now.slice(0, 10),
      deliver_at: fields.deliver_at ?? null,
      vat_zone: fields.vat_zone ?? customer.vat_zone,
      payment_terms_id: fields.payment_terms_id === undefined ? customer.payment_terms_id : fields.payment_terms_id,
      layout_id: fields.layout_id ?? customer.layout_id,
      employee_id: fields.employee_id ?? customer.employee_id,
      billing_address: { ...customerAddress, ...fields.billing_address },
      delivery_address: { ...customerAddress, ...fields.delivery_address },
      lines,
      booked_at: null,
      cancelled_at: null,
      invoice_number: null,
      created_at: now,
      updated_at: now,
    };
    this.store.orders.set(number, order);
    events.push(orderEvent('order.created', order));
    if (!draft && this.settings.ordersBookedOnCreate && lines.length > 0) this.book(number, events);
    return order;
  }

  update(number: number, body: Record<string, unknown>, events: DomainEvent[]): OrderRecord {
    const order = this.store.order(number);
    const read = new BodyReader(body);
    const fields = this.readFields(read);
    const lines = body.lines === undefined ? undefined : this.readLines(body.lines, read.problems);
    read.problems.throwIfAny();
    const editsSomething = Object.keys(fields).length > 0 || lines !== undefined;
    if (editsSomething) this.assertEditable(order);
    if (lines !== undefined) this.assertLinesEditable(order);

    const changed: string[] = [];
    this.store.withReservations(order, events, () => {
      for (const key of EDITABLE) {
        const value = fields[key];
        if (value === undefined) continue;
        const merged = typeof value === 'object' && value !== null ? { ...(order[key] as Address), ...value } : value;
        if (JSON.stringify(order[key]) !== JSON.stringify(merged)) changed.push(key);
        (order as unknown as Record<string, unknown>)[key] = merged;
      }
      if (lines !== undefined) {
        order.lines = lines;
        changed.push('lines');
      }
    });
    if (changed.length > 0) {
      order.updated_at = this.store.timestamp();
      events.push(orderEvent('order.updated', order, changed));
    }
    return order;
  }

  /**
   * A person cancels the order in Rackbeat's UI (`POST /_sandbox/rackbeat/orders/{n}/cancel`):
   * no API cancel route or writable `is_cancelled` is attested (rackbeat-verified §3.1). Releases
   * reserved stock.
   */
  cancel(number: number, events: DomainEvent[]): OrderRecord {
    const order = this.store.order(number);
    if (order.cancelled_at !== null) throw invalid('order', 'The order is already cancelled.');
    if (order.invoice_number !== null) throw invalid('order', 'An invoiced order cannot be cancelled.');
    if (order.lines.some((l) => l.shipped_quantity > 0)) throw invalid('order', 'A shipped order cannot be cancelled.');
    this.store.withReservations(order, events, () => {
      order.cancelled_at = this.store.timestamp();
      order.updated_at = order.cancelled_at;
    });
    events.push(orderEvent('order.cancelled', order));
    return order;
  }

  book(number: number, events: DomainEvent[]): OrderRecord {
    const order = this.store.order(number);
    // laravel-client Order::book throws when the order is booked; the API refuses it too.
    if (order.booked_at !== null) throw invalid('order', 'The order is already booked.');
    if (order.cancelled_at !== null) throw invalid('order', 'A cancelled order cannot be booked.');
    if (order.lines.length === 0) throw invalid('lines', 'An order without lines cannot be booked.');
    this.store.withReservations(order, events, () => {
      order.booked_at = this.store.timestamp();
      order.updated_at = order.booked_at;
    });
    events.push(orderEvent('order.booked', order));
    return order;
  }

  /** `POST /orders/{n}/reopen` (VERIFIED laravel-rackbeat `Order::reopen`): a booked order becomes editable again. */
  reopen(number: number, events: DomainEvent[]): OrderRecord {
    const order = this.store.order(number);
    if (order.booked_at === null) throw invalid('order', 'The order is not booked.');
    this.assertEditable(order);
    if (order.lines.some((l) => l.shipped_quantity > 0)) throw invalid('order', 'A shipped order cannot be reopened.');
    this.store.withReservations(order, events, () => {
      order.booked_at = null;
      order.updated_at = this.store.timestamp();
    });
    events.push(orderEvent('order.updated', order, ['is_booked']));
    return order;
  }

  /** Only drafts and cancelled orders can be deleted; a booked order must be cancelled first. */
  delete(number: number, events: DomainEvent[]): void {
    const order = this.store.order(number);
    if (order.booked_at !== null && order.cancelled_at === null) throw invalid('order', 'A booked order cannot be deleted; cancel it first.');
    if (order.invoice_number !== null) throw invalid('order', 'An invoiced order cannot be deleted.');
    this.store.orders.delete(number);
    for (const shipment of [...this.store.shipments.values()]) if (shipment.order_number === number) this.store.shipments.delete(shipment.id);
    events.push(orderEvent('order.deleted', order));
  }

  addLine(number: number, body: Record<string, unknown>, events: DomainEvent[]): OrderLineRecord {
    const order = this.store.order(number);
    const problems = new Problems();
    const [line] = this.readLines([body], problems, '');
    problems.throwIfAny();
    if (!line) throw invalid('item_id', 'The item id field is required.');
    this.assertEditable(order);
    this.assertLinesEditable(order);
    this.store.withReservations(order, events, () => order.lines.push(line));
    this.touched(order, events);
    return line;
  }

  updateLine(number: number, lineId: number, body: Record<string, unknown>, events: DomainEvent[]): OrderLineRecord {
    const order = this.store.order(number);
    const line = this.line(order, lineId);
    const read = new BodyReader(body);
    const quantity = read.number('quantity', { min: 0.0001 });
    const price = read.number('line_price');
    const discount = read.number('discount_percentage', { min: 0, max: 100 });
    const name = read.string('name');
    read.problems.throwIfAny();
    this.assertEditable(order);
    this.assertLinesEditable(order);
    if (quantity !== undefined && quantity < line.shipped_quantity) throw invalid('quantity', 'The quantity may not be below the shipped quantity.');
    this.store.withReservations(order, events, () => {
      if (quantity !== undefined) line.quantity = quantity;
      if (price !== undefined) line.line_price = price;
      if (discount !== undefined) line.discount_percentage = discount;
      if (typeof name === 'string') line.name = name;
    });
    this.touched(order, events);
    return line;
  }

  deleteLine(number: number, lineId: number, events: DomainEvent[]): void {
    const order = this.store.order(number);
    const line = this.line(order, lineId);
    this.assertEditable(order);
    this.assertLinesEditable(order);
    if (line.shipped_quantity > 0) throw invalid('line', 'A shipped line cannot be deleted.');
    this.store.withReservations(order, events, () => {
      order.lines = order.lines.filter((l) => l.id !== lineId);
    });
    this.touched(order, events);
  }

  private line(order: OrderRecord, lineId: number): OrderLineRecord {
    const line = order.lines.find((l) => l.id === lineId);
    if (!line) throw new ResourceNotFound(`Order line ${lineId} not found.`);
    return line;
  }

  private touched(order: OrderRecord, events: DomainEvent[]): void {
    order.updated_at = this.store.timestamp();
    events.push(orderEvent('order.updated', order, ['lines']));
  }

  private assertEditable(order: OrderRecord): void {
    if (order.cancelled_at !== null) throw invalid('order', 'A cancelled order cannot be changed.');
    if (order.invoice_number !== null) throw invalid('order', 'An invoiced order cannot be changed.');
  }

  /** Lines of a booked order are locked (SEEN-IN-USE, gytisdemo README §2); reopening unlocks them. */
  private assertLinesEditable(order: OrderRecord): void {
    if (order.booked_at !== null) throw invalid('lines', 'The lines of a booked order cannot be changed; reopen the order first.');
  }

  private readFields(read: BodyReader) {
    const fields: {
      currency?: string; heading?: string | null; their_reference?: string | null; note?: string | null; order_date?: string;
      deliver_at?: string | null; vat_zone?: OrderRecord['vat_zone']; payment_terms_id?: number | null; layout_id?: number; employee_id?: number;
      billing_address?: Partial<Address>; delivery_address?: Partial<Address>;
    } = {};
    const currency = read.string('currency');
    if (typeof currency === 'string') {
      if (/^[A-Z]{3}$/.test(currency)) fields.currency = currency;
      else read.problems.add('currency', 'The currency must be a 3-letter ISO code.');
    }
    for (const key of ['heading', 'their_reference', 'note'] as const) {
      const value = read.string(key);
      if (value !== undefined) fields[key] = value;
    }
    const orderDate = read.date('order_date');
    if (orderDate) fields.order_date = orderDate;
    const deliverAt = read.date('deliver_at');
    if (deliverAt !== undefined) fields.deliver_at = deliverAt;
    const zone = read.vatZone();
    if (zone) fields.vat_zone = zone;
    const terms = read.number('payment_terms_id', { integer: true });
    if (terms !== undefined) {
      if (this.store.paymentTerms.has(terms)) fields.payment_terms_id = terms;
      else read.problems.add('payment_terms_id', 'The selected payment terms id is invalid.');
    }
    const layout = read.number('layout_id', { integer: true });
    if (layout !== undefined) fields.layout_id = layout;
    const employee = read.number('employee_id', { integer: true });
    if (employee !== undefined) fields.employee_id = employee;
    const billing = read.address('address_', 'billing_address');
    if (billing) fields.billing_address = billing;
    const delivery = read.address('delivery_address_', 'delivery_address');
    if (delivery) fields.delivery_address = delivery;
    return fields;
  }

  /**
   * Lines as `{item_id: "<item number>", quantity, line_price?, discount_percentage?, name?}`;
   * the number names a product or a BOM (lot), read back as `child_id` / `child_type`.
   */
  private readLines(raw: unknown, problems: Problems, prefix = 'lines.'): OrderLineRecord[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      problems.add('lines', 'The lines must be an array.');
      return [];
    }
    const lines: OrderLineRecord[] = [];
    raw.forEach((entry: unknown, index) => {
      const at = prefix ? `${prefix}${index}.` : '';
      const read = new BodyReader(entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {});
      const itemNumber = read.string('item_id', { required: true, field: `${at}item_id` });
      const quantity = read.number('quantity', { required: true, min: 0.0001, field: `${at}quantity` });
      // Negative prices carry webshop discounts on a discount product (Rackbeat's own integrations need one; unconfirmed upstream).
      const price = read.number('line_price', { field: `${at}line_price` });
      const discount = read.number('discount_percentage', { min: 0, max: 100, field: `${at}discount_percentage` });
      const name = read.string('name');
      const product = typeof itemNumber === 'string' ? (this.store.products.get(itemNumber) ?? this.store.lots.get(itemNumber)) : undefined;
      if (typeof itemNumber === 'string' && !product) problems.add(`${at}item_id`, 'The selected item id is invalid.');
      else if (product?.is_barred) problems.add(`${at}item_id`, 'The selected item is barred.');
      problems.merge(read.problems);
      if (!product || quantity === undefined) return;
      lines.push({
        id: this.store.next('line'),
        item_number: product.number,
        item_type: this.store.lots.has(product.number) && !this.store.products.has(product.number) ? 'lot' : 'product',
        name: typeof name === 'string' ? name : product.name,
        quantity,
        line_price: price ?? product.sales_price,
        discount_percentage: discount ?? 0,
        shipped_quantity: 0,
      });
    });
    return lines;
  }
}
