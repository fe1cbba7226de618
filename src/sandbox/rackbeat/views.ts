import type {
  CustomerRecord,
  CustomerGroupRecord,
  InvoiceRecord,
  ItemType,
  LotRecord,
  OrderLineRecord,
  OrderRecord,
  PaymentTermRecord,
  ProductGroupRecord,
  ProductRecord,
  ShipmentRecord,
  VatZone,
  WebhookRecord,
} from './models';
import { roundMoney } from '../../domain/webshop/money';
import { type RackbeatStore, urlFriendlyNumber } from './store';

export interface Amounts {
  line_total: number;
  vat_percentage: number;
  vat_amount: number;
}


export function vatRate(group: ProductGroupRecord | undefined, zone: VatZone): number {
  if (!group) return 0;
  return zone === 'domestic' ? group.vat_domestic : zone === 'eu' ? group.vat_eu : group.vat_abroad;
}

/** Wire JSON for every resource; `self` links point at the sandbox's public URL. */
export class RackbeatViews {
  constructor(
    private readonly store: RackbeatStore,
    private readonly apiBase: () => string,
  ) {}

  private self(path: string): string {
    return `${this.apiBase()}${path}`;
  }

  /** The product or BOM a line names. */
  private itemOf(number: string, type: ItemType): ProductRecord | LotRecord | undefined {
    return type === 'lot' ? this.store.lots.get(number) : this.store.products.get(number);
  }

  amounts(line: Pick<OrderLineRecord, 'item_number' | 'item_type' | 'quantity' | 'line_price' | 'discount_percentage'>, zone: VatZone): Amounts {
    const item = this.itemOf(line.item_number, line.item_type);
    const rate = vatRate(item ? this.store.productGroups.get(item.group_number) : undefined, zone);
    const lineTotal = roundMoney(line.quantity * line.line_price * (1 - line.discount_percentage / 100));
    return { line_total: lineTotal, vat_percentage: rate, vat_amount: roundMoney((lineTotal * rate) / 100) };
  }

  totals(lines: readonly Amounts[]): { total_subtotal: number; total_vat: number; total_total: number } {
    const subtotal = roundMoney(lines.reduce((sum, l) => sum + l.line_total, 0));
    const vat = roundMoney(lines.reduce((sum, l) => sum + l.vat_amount, 0));
    return { total_subtotal: subtotal, total_vat: vat, total_total: roundMoney(subtotal + vat) };
  }

  paymentTerm(term: PaymentTermRecord): Record<string, unknown> {
    return { ...term, type_translated: term.type === 'net' ? 'Netto' : term.type, self: this.self(`/payment-terms/${term.number}`) };
  }

  productGroup(group: ProductGroupRecord): Record<string, unknown> {
    return { ...group, self: this.self(`/product-groups/${group.number}`) };
  }

  customerGroup(group: CustomerGroupRecord): Record<string, unknown> {
    return { ...group, self: this.self(`/customer-groups/${group.number}`) };
  }

  customer(customer: CustomerRecord): Record<string, unknown> {
    const { address, payment_terms_id, customer_group_number, ...rest } = customer;
    const term = payment_terms_id === null ? undefined : this.store.paymentTerms.get(payment_terms_id);
    return {
      ...rest,
      payment_terms_id,
      payment_terms: term ? this.paymentTerm(term) : null,
      // The read name of the group is UNKNOWN; the simulator mirrors the write name it accepts.
      customer_group_id: customer_group_number,
      address_street: address.street,
      address_street2: address.street2,
      address_zipcode: address.zipcode,
      address_city: address.city,
      address_country: address.country,
      self: this.self(`/customers/${customer.number}`),
    };
  }

  product(product: ProductRecord): Record<string, unknown> {
    const group = this.store.productGroups.get(product.group_number);
    const { unit_name, group_number, ...rest } = product;
    return {
      ...rest,
      urlfriendly_number: urlFriendlyNumber(product.number),
      type: 'product',
      unit: { name: unit_name },
      group_id: group_number,
      group: group ? this.productGroup(group) : null,
      available_quantity: product.stock_quantity - product.in_order_quantity,
      purchased_quantity: 0,
      self: this.self(`/products/${encodeURIComponent(product.number)}`),
    };
  }

  /** A BOM at `GET /lots/{n}`: item fields like a product's; its stock is not simulated. */
  lot(lot: LotRecord): Record<string, unknown> {
    const group = this.store.productGroups.get(lot.group_number);
    const { group_number, components, ...rest } = lot;
    return {
      ...rest,
      urlfriendly_number: urlFriendlyNumber(lot.number),
      type: 'lot',
      group_id: group_number,
      group: group ? this.productGroup(group) : null,
      lines: components.map((c) => ({ child_id: c.item_number, child_type: 'product', quantity: c.quantity })),
      self: this.self(`/lots/${encodeURIComponent(lot.number)}`),
    };
  }

  /**
   * Exactly the attested read fields of a line (rackbeat-verified §3.3: IT19, SW `OrderLine.md`,
   * GY, KU): the item number in `child_id` with `child_type`, never the write name `item_id`.
   */
  lineFields(line: Pick<OrderLineRecord, 'item_number' | 'item_type' | 'name' | 'quantity' | 'line_price' | 'discount_percentage'>, zone: VatZone): Record<string, unknown> {
    const item = this.itemOf(line.item_number, line.item_type);
    return {
      child_id: line.item_number,
      child_type: line.item_type,
      name: line.name,
      quantity: line.quantity,
      line_price: line.line_price,
      discount_percentage: line.discount_percentage,
      vat_percentage: this.amounts(line, zone).vat_percentage,
      item: { number: line.item_number, name: item?.name ?? line.name, barcode: item?.barcode ?? null, description: item?.description ?? null },
      location: null,
      item_cost_price: item?.cost_price ?? null,
      variations: [],
    };
  }

  orderLine(order: OrderRecord, line: OrderLineRecord): Record<string, unknown> {
    return { id: line.id, ...this.lineFields(line, order.vat_zone) };
  }

  order(order: OrderRecord): Record<string, unknown> {
    const customer = this.store.customers.get(order.customer_number);
    const term = order.payment_terms_id === null ? undefined : this.store.paymentTerms.get(order.payment_terms_id);
    const lines = order.lines.map((line) => this.orderLine(order, line));
    const { customer_number, lines: _lines, booked_at, cancelled_at, invoice_number, ...rest } = order;
    return {
      ...rest,
      customer_id: customer_number,
      customer: customer ? this.customer(customer) : null,
      payment_terms: term ? this.paymentTerm(term) : null,
      our_reference: null,
      lines,
      ...this.totals(order.lines.map((line) => this.amounts(line, order.vat_zone))),
      ...orderFlags(order),
      booked_at,
      cancelled_at,
      invoice_id: invoice_number,
      self: this.self(`/orders/${order.number}`),
    };
  }

  shipment(shipment: ShipmentRecord): Record<string, unknown> {
    const order = this.store.orders.get(shipment.order_number);
    const customer = order ? this.store.customers.get(order.customer_number) : undefined;
    const shipped = shipment.shipped_at !== null;
    return {
      id: shipment.id,
      order_number: shipment.order_number,
      customer: customer ? this.customer(customer) : null,
      is_picked: shipped,
      is_partly_picked: false,
      is_shipped: shipped,
      shipped_at: shipment.shipped_at,
      lines: shipment.lines.map((l) => ({ line_id: l.line_id, item: { number: l.item_number }, quantity: l.quantity, is_picked: shipped })),
      created_at: shipment.created_at,
      updated_at: shipment.updated_at,
      self: this.self(`/orders/shipments/${shipment.id}`),
    };
  }

  invoice(invoice: InvoiceRecord): Record<string, unknown> {
    const customer = this.store.customers.get(invoice.customer_number);
    const term = invoice.payment_terms_id === null ? undefined : this.store.paymentTerms.get(invoice.payment_terms_id);
    const lines = invoice.lines.map((line, index) => ({ id: index + 1, ...this.lineFields(line, invoice.vat_zone) }));
    const { customer_number: _customer, order_number, lines: _lines, ...rest } = invoice;
    const dueDate = new Date(Date.parse(invoice.invoice_date) + (term?.maturity_days ?? 0) * 86_400_000).toISOString().slice(0, 10);
    return {
      ...rest,
      order_id: order_number,
      order: order_number === null ? null : { number: order_number, self: this.self(`/orders/${order_number}`) },
      customer: customer ? this.customer(customer) : null,
      payment_terms: term ? this.paymentTerm(term) : null,
      due_date: dueDate,
      lines,
      ...this.totals(invoice.lines.map((line) => this.amounts(line, invoice.vat_zone))),
      is_booked: invoice.booked_at !== null,
      self: this.self(`/customer-invoices/${invoice.number}`),
    };
  }

  /** The token is left out: Rackbeat shows it only in the response that created the webhook. */
  webhook(webhook: WebhookRecord, withToken = false): Record<string, unknown> {
    const { token, ...rest } = webhook;
    return { ...rest, plugin: null, ...(withToken ? { token } : {}) };
  }
}

/** Order state is the set of boolean flags (laravel-client `Order` casts); derived so they never disagree. */
export function orderFlags(order: OrderRecord): Record<string, boolean> {
  const booked = order.booked_at !== null;
  const cancelled = order.cancelled_at !== null;
  const shipped = order.lines.length > 0 && order.lines.every((l) => l.shipped_quantity >= l.quantity);
  const partlyShipped = !shipped && order.lines.some((l) => l.shipped_quantity > 0);
  const invoiced = order.invoice_number !== null;
  return {
    is_booked: booked,
    is_cancelled: cancelled,
    is_ready_for_shipping: booked && !cancelled && !shipped,
    is_shipped: shipped,
    is_partly_shipped: partlyShipped,
    is_ready_for_invoicing: booked && !cancelled && !invoiced && (shipped || partlyShipped),
    is_invoiced: invoiced,
    is_partly_invoiced: false,
    is_archived: invoiced && shipped,
    is_ready_for_purchasing: false,
    is_partly_purchased: false,
  };
}
