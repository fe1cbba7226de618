/** Accounting period state as `accountingperiodlist.nv` reports it. Dates are `YYYY-MM-DD`. */
export interface AccountingPeriodState {
  /** Bookkeeping is locked up to and including this date. */
  accountingLockDate?: string;
  /** VAT is locked (declared) up to and including this date. */
  vatLockDate?: string;
  fiscalYears: { netvisorKey: string; name: string; begin: string; end: string }[];
}

export type PeriodCheck = 'open' | 'no-fiscal-year' | 'period-locked' | 'vat-locked';

/**
 * Whether a document dated `date` can be imported: an established fiscal year must contain it,
 * and neither the accounting nor the VAT lock may cover it (P12). Pure, for preflight checks.
 */
export function checkPeriod(state: AccountingPeriodState, date: string): PeriodCheck {
  if (!state.fiscalYears.some((y) => y.begin <= date && date <= y.end)) return 'no-fiscal-year';
  if (state.accountingLockDate !== undefined && date <= state.accountingLockDate) return 'period-locked';
  if (state.vatLockDate !== undefined && date <= state.vatLockDate) return 'vat-locked';
  return 'open';
}
