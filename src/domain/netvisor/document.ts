import type { AccountingPeriodState } from '../../connectors/netvisor/periods';
import type { SalesDocumentInput, VatCode } from '../../connectors/netvisor/types';
import { creditNoteLine } from './credit-note';
import type { DocumentKind, NetvisorHold } from './hold-codes';
import { checkDocumentPeriod, checkNumberSeries, checkPaymentTerm, checkProductName, checkVatPercentages } from './rules';

/** A booked Rackbeat invoice or order, as far as Netvisor needs it (amounts net, VAT per line). */
export interface RackbeatSalesDocument {
  kind: DocumentKind;
  number: number;
  /** A customer invoice worth less than nothing (`isCreditNote`): Netvisor gets a credit note. */
  creditNote?: boolean;
  /** `YYYY-MM-DD`: the invoice date, or the order date. */
  date: string;
  dueDate?: string | null | undefined;
  currency?: string | undefined;
  theirReference?: string | null | undefined;
  vatZone: 'domestic' | 'eu' | 'abroad';
  paymentTerms?: { number: number; maturity_days?: number | undefined } | null | undefined;
  customer: {
    number: number;
    name: string;
    payment_terms?: { number: number; maturity_days?: number | undefined } | null | undefined;
    payment_terms_id?: number | null | undefined;
  };
  /** `itemType` is the line's `child_type`: `product`, or `lot` for a BOM (read from `/lots`). */
  lines: { itemNumber: string; itemType: string; name: string; quantity: number; unitPrice: number; discountPercentage: number; vatPercentage: number }[];
  /** Gross total as Rackbeat shows it; Netvisor gets exactly this amount. */
  total: number;
}

/** What Netvisor looks like right now, read just before sending. */
export interface NetvisorDocumentContext {
  vatTable: readonly { code: string; percentages: readonly number[] }[];
  periods: AccountingPeriodState;
  /** Netvisor's largest number of this kind. */
  largestNumber: number;
  rejectedCharacters: readonly string[];
  invoiceStatus: 'open' | 'unsent';
}

/**
 * Netvisor's VAT code per Rackbeat VAT zone: `KOMY` domestic sales, `EUMY` EU goods sales, `EUUM`
 * sales outside the EU (reference §6.4 from Netvisor's VatCode list; `MUUL` is "other VAT-free turnover").
 */
export const VAT_CODES: Record<RackbeatSalesDocument['vatZone'], VatCode> = { domestic: 'KOMY', eu: 'EUMY', abroad: 'EUUM' };

/** `invoice 5001`, `credit note 5002`, `order 1001`: what operators read in steps and holds. */
export function documentLabel(doc: Pick<RackbeatSalesDocument, 'kind' | 'number' | 'creditNote'>): string {
  return `${doc.creditNote ? 'credit note' : doc.kind} ${doc.number}`;
}

/**
 * Every seed rule (DESIGN.md §2) for one document, in the order an operator would fix them:
 * payment term, VAT percentages, product names, period, number series. The first failing rule
 * holds the transfer; nothing is sent before all pass.
 */
export function preflightNetvisorDocument(doc: RackbeatSalesDocument, nv: NetvisorDocumentContext): NetvisorHold | undefined {
  const vatCode = VAT_CODES[doc.vatZone];
  return (
    checkPaymentTerm(doc.customer, { kind: doc.kind, number: doc.number, payment_terms: doc.paymentTerms }) ??
    checkVatPercentages(
      doc.lines.map((l) => l.vatPercentage),
      nv.vatTable.filter((c) => c.code === vatCode),
      `${documentLabel(doc)} (VAT code ${vatCode})`,
    ) ??
    doc.lines.reduce<NetvisorHold | undefined>((found, l) => found ?? checkProductName(l.itemNumber, l.name, nv.rejectedCharacters), undefined) ??
    checkDocumentPeriod(nv.periods, doc.date, documentLabel(doc)) ??
    // The caller looked the number up first: an equal number here belongs to another document.
    checkNumberSeries(doc.number, nv.largestNumber, doc.kind)
  );
}

/** The Netvisor sales invoice or order for a Rackbeat document that passed the preflight. */
export function mapNetvisorDocument(doc: RackbeatSalesDocument, nv: Pick<NetvisorDocumentContext, 'invoiceStatus'>): SalesDocumentInput {
  const terms = doc.paymentTerms ?? doc.customer.payment_terms;
  const netDays = terms?.maturity_days;
  return {
    number: String(doc.number),
    date: doc.date,
    ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
    amount: doc.total,
    ...(doc.currency ? { currency: doc.currency } : {}),
    status: doc.kind === 'invoice' ? nv.invoiceStatus : 'undelivered',
    customerCode: String(doc.customer.number),
    ...(doc.theirReference ? { yourReference: doc.theirReference } : {}),
    privateComment: `rackbridge: Rackbeat ${documentLabel(doc)}`,
    // Without days (a customer's term known only by number) Netvisor uses the customer's default term.
    ...(netDays === undefined ? { paymentTerm: 'customerdefault' as const } : { paymentTermNetDays: netDays }),
    // A credit note's total is already negative; its lines take Netvisor's form (P5).
    lines: doc.lines.map((line) => {
      const l = doc.creditNote ? creditNoteLine(line) : line;
      return {
        productCode: l.itemNumber,
        productName: l.name,
        unitPrice: l.unitPrice,
        vatPercentage: l.vatPercentage,
        vatCode: VAT_CODES[doc.vatZone],
        quantity: l.quantity,
        ...(l.discountPercentage ? { discountPercentage: l.discountPercentage } : {}),
      };
    }),
  };
}

/**
 * Whether a document already in Netvisor under the same number is the one rackbridge sent
 * (a lost answer, a second run) rather than someone else's: same customer and same amount
 * (negative for a credit note).
 */
export function isSameDocument(existing: { customerCode: string; sum: number }, doc: Pick<RackbeatSalesDocument, 'customer' | 'total'>): boolean {
  return existing.customerCode === String(doc.customer.number) && Math.abs(existing.sum - doc.total) < 0.005;
}
