import type { RackbeatCustomer, RackbeatCustomerInvoice, RackbeatOrder } from '../../connectors/rackbeat';
import { grossOfLines, isCreditNote } from './credit-note';
import type { RackbeatSalesDocument } from './document';

type Zone = RackbeatSalesDocument['vatZone'];
const zoneOf = (value: string | undefined, fallback: string | undefined): Zone => {
  const zone = value ?? fallback;
  return zone === 'eu' || zone === 'abroad' ? zone : 'domestic';
};
const day = (value: string | null | undefined, fallback: string): string => (value ? value.slice(0, 10) : fallback);

function customerOf(customer: RackbeatCustomer): RackbeatSalesDocument['customer'] {
  return {
    number: customer.number,
    name: customer.name,
    payment_terms: customer.payment_terms ? { number: customer.payment_terms.number, ...(customer.payment_terms.maturity_days == null ? {} : { maturity_days: customer.payment_terms.maturity_days }) } : null,
    payment_terms_id: customer.payment_terms_id ?? null,
  };
}

function termsOf(terms: { number: number; maturity_days?: number | null | undefined } | null | undefined): RackbeatSalesDocument['paymentTerms'] {
  return terms ? { number: terms.number, ...(terms.maturity_days == null ? {} : { maturity_days: terms.maturity_days }) } : null;
}

type SourceLine = NonNullable<RackbeatCustomerInvoice['lines']>[number] | RackbeatOrder['lines'][number];

function linesOf(lines: readonly SourceLine[]): RackbeatSalesDocument['lines'] {
  return lines.map((l) => ({
    itemNumber: l.item.number,
    itemType: l.child_type,
    name: l.name,
    quantity: l.quantity,
    unitPrice: l.line_price,
    discountPercentage: l.discount_percentage ?? 0,
    vatPercentage: l.vat_percentage ?? 0,
  }));
}

/**
 * A booked Rackbeat customer invoice; `customer` is the full customer card (the invoice embeds a
 * short one). One worth less than nothing is a credit note (`credit-note.ts`); a credit note
 * without a total gets its lines' gross, so Netvisor's amount is negative as P5 asks.
 */
export function invoiceSource(invoice: RackbeatCustomerInvoice, customer: RackbeatCustomer, today: string): RackbeatSalesDocument {
  const lines = linesOf(invoice.lines ?? []);
  const creditNote = isCreditNote(invoice.total_total, lines);
  return {
    kind: 'invoice',
    ...(creditNote ? { creditNote } : {}),
    number: invoice.number,
    date: day(invoice.invoice_date, today),
    dueDate: invoice.due_date ? invoice.due_date.slice(0, 10) : null,
    ...(invoice.currency ? { currency: invoice.currency } : {}),
    theirReference: invoice.their_reference,
    vatZone: zoneOf(invoice.vat_zone, customer.vat_zone),
    paymentTerms: termsOf(invoice.payment_terms),
    customer: customerOf(customer),
    lines,
    total: invoice.total_total ?? (creditNote ? grossOfLines(lines) : 0),
  };
}

/** A booked Rackbeat order, sent to Netvisor as a sales order. */
export function orderSource(order: RackbeatOrder, customer: RackbeatCustomer, today: string): RackbeatSalesDocument {
  return {
    kind: 'order',
    number: order.number,
    date: day(order.order_date, today),
    dueDate: null,
    currency: order.currency,
    theirReference: order.their_reference,
    vatZone: zoneOf(order.vat_zone, customer.vat_zone),
    paymentTerms: termsOf(order.payment_terms),
    customer: customerOf(customer),
    lines: linesOf(order.lines),
    total: order.total_total ?? 0,
  };
}
