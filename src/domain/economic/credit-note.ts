import type { BookedInvoice, LineInput, SalesDocumentInput } from '../../connectors/economic/types';
import { optional } from './optional';
import { creditNoteReference } from './references';

type BookedLine = NonNullable<BookedInvoice['lines']>[number];

export interface MapCreditNoteInput {
  connectionId: string;
  rackbeatOrderNumber: string | number;
  /** `YYYY-MM-DD`, from workflow time. */
  date: string;
}

/**
 * The draft-invoice body that credits a booked invoice: same customer, recipient, layout, terms
 * and exchange rate (a credit reverses at the rate it was invoiced at), every line's quantity
 * negated so the totals are the invoice's with the opposite sign.
 */
export function mapCreditNote(booked: BookedInvoice, input: MapCreditNoteInput): SalesDocumentInput {
  const lines = booked.lines ?? [];
  if (lines.length === 0) throw new Error(`booked invoice ${booked.bookedInvoiceNumber} has no lines to credit`);
  return { ...creditNoteHeader(booked, { date: input.date, reference: creditNoteReference(input.connectionId, input.rackbeatOrderNumber) }), lines: lines.map(creditLine) };
}

/**
 * What every credit note of a booked invoice shares with it: customer, recipient, layout, terms
 * and exchange rate (a credit reverses at the rate it was invoiced at), its own reference, and a
 * text naming the invoice.
 */
export function creditNoteHeader(booked: BookedInvoice, input: { date: string; reference: string; text?: string }): Omit<SalesDocumentInput, 'lines'> {
  const { recipient } = booked;
  return {
    date: input.date,
    currency: booked.currency,
    ...optional('exchangeRate', booked.exchangeRate),
    // Payment terms of type dueDate need a due date; a credit is due at once.
    ...optional('dueDate', booked.paymentTerms.paymentTermsType === 'dueDate' ? input.date : undefined),
    customer: { customerNumber: booked.customer.customerNumber },
    layout: { layoutNumber: booked.layout.layoutNumber },
    paymentTerms: { paymentTermsNumber: booked.paymentTerms.paymentTermsNumber },
    recipient: {
      name: recipient.name,
      vatZone: { vatZoneNumber: recipient.vatZone.vatZoneNumber },
      ...optional('address', recipient.address),
      ...optional('zip', recipient.zip),
      ...optional('city', recipient.city),
      ...optional('country', recipient.country),
      ...optional('ean', recipient.ean),
    },
    notes: {
      ...optional('heading', booked.notes?.heading),
      textLine1: input.text ?? `Credit note for invoice ${booked.bookedInvoiceNumber}`,
    },
    references: { other: input.reference },
  };
}

function creditLine(line: BookedLine): LineInput {
  return {
    ...optional('lineNumber', line.lineNumber),
    ...optional('sortKey', line.sortKey),
    ...optional('description', line.description),
    ...optional('product', line.product ? { productNumber: line.product.productNumber } : undefined),
    ...optional('unit', line.unit ? { unitNumber: line.unit.unitNumber } : undefined),
    ...optional('quantity', line.quantity === undefined ? undefined : negate(line.quantity)),
    ...optional('unitNetPrice', line.unitNetPrice),
    ...optional('discountPercentage', line.discountPercentage),
    ...optional('unitCostPrice', line.unitCostPrice),
  };
}

/** Without turning 0 into -0, which JSON writes as 0 but deepEqual tells apart. */
export function negate(value: number): number {
  return value === 0 ? 0 : -value;
}
