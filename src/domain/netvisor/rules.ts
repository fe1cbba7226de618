import { type AccountingPeriodState, checkPeriod } from '../../connectors/netvisor/periods';
import { type CustomerRef, netvisorHolds } from './hold-messages';
import { DEFAULT_REJECTED_NAME_CHARACTERS, type DocumentKind, type NetvisorHold } from './hold-codes';

/** Pure seed-rule checks (DESIGN.md §2): each returns the hold, or `undefined` when the rule holds. */

/** A customer as far as payment terms go: Rackbeat's `payment_terms` object or `payment_terms_id`. */
export interface PaymentTermsHolder extends CustomerRef {
  payment_terms?: { number: number } | null | undefined;
  payment_terms_id?: number | null | undefined;
}

function hasTerms(holder: { payment_terms?: { number: number } | null | undefined; payment_terms_id?: number | null | undefined }): boolean {
  return (holder.payment_terms ?? null) !== null || (holder.payment_terms_id ?? null) !== null;
}

/**
 * Netvisor refuses orders and invoices without a payment term; the document's own terms win and
 * the customer's are the fallback. Without `document` it checks the customer alone (the doctor).
 */
export function checkPaymentTerm(customer: PaymentTermsHolder, document?: { kind: DocumentKind; number: number | string; payment_terms?: { number: number } | null | undefined }): NetvisorHold | undefined {
  if (document && hasTerms(document)) return undefined;
  if (hasTerms(customer)) return undefined;
  return document ? netvisorHolds.documentPaymentTermMissing(document.kind, document.number, customer) : netvisorHolds.customerPaymentTermMissing(customer);
}

/** The percentages Netvisor has, over all VAT codes of `vatcodelist.nv`, highest first, distinct. */
export function netvisorPercentages(vatTable: readonly { percentages: readonly number[] }[]): number[] {
  return [...new Set(vatTable.flatMap((code) => code.percentages))].sort((a, b) => b - a);
}

/** Every percentage `source` uses must exist in Netvisor's VAT table (25.5 since 1.9.2024, not 24). */
export function checkVatPercentages(percentages: readonly number[], vatTable: readonly { percentages: readonly number[] }[], source: string): NetvisorHold | undefined {
  const available = netvisorPercentages(vatTable);
  const missing = [...new Set(percentages)].filter((p) => !available.some((a) => Math.abs(a - p) < 1e-9)).sort((a, b) => a - b);
  return missing.length ? netvisorHolds.vatPercentageUnknown(source, missing, available) : undefined;
}

/** The rejected characters in `name`, in the order of `rejectedCharacters`. */
export function rejectedCharactersIn(name: string, rejectedCharacters: readonly string[] = DEFAULT_REJECTED_NAME_CHARACTERS): string[] {
  return rejectedCharacters.filter((c) => c !== '' && name.includes(c));
}

export function checkProductName(productNumber: string, name: string, rejectedCharacters: readonly string[] = DEFAULT_REJECTED_NAME_CHARACTERS): NetvisorHold | undefined {
  const found = rejectedCharactersIn(name, rejectedCharacters);
  return found.length ? netvisorHolds.productNameCharacters(productNumber, name, found) : undefined;
}

/**
 * Whether Netvisor imports something dated `date` (`YYYY-MM-DD`): a fiscal year must cover it and
 * neither the bookkeeping nor the VAT lock may. `what` names it: `invoice 5001`, `documents dated today`.
 */
export function checkDocumentPeriod(state: AccountingPeriodState, date: string, what: string): NetvisorHold | undefined {
  switch (checkPeriod(state, date)) {
    case 'open':
      return undefined;
    case 'no-fiscal-year':
      return netvisorHolds.fiscalYearMissing(date, what);
    case 'period-locked':
      return netvisorHolds.periodClosed(date, state.accountingLockDate ?? date, what);
    case 'vat-locked':
      return netvisorHolds.vatLocked(date, state.vatLockDate ?? date, what);
  }
}

/** Rackbeat's next number must be above Netvisor's largest, or the series overlap (P12). */
export function checkNumberSeries(rackbeatNext: number, netvisorLargest: number, kind: DocumentKind): NetvisorHold | undefined {
  return rackbeatNext > netvisorLargest ? undefined : netvisorHolds.numberSeriesOverlap(kind, rackbeatNext, netvisorLargest);
}
