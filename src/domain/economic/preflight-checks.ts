import type { HoldReason } from './hold-reasons';
import { holdReasons } from './hold-messages';

/** What the activity read from e-conomic, cached per agreement. */
export interface PaymentTermsInfo {
  paymentTermsNumber: number;
  paymentTermsType: string;
  daysOfCredit?: number | undefined;
}

export interface EconomicCatalog {
  /** `GET /self` lists module 15 "Lager": `/orders` cannot be written. */
  hasInventoryModule: boolean;
  layoutNumbers: number[];
  paymentTermsNumbers: number[];
  /** Type and days of each payment term, for the due date; absent in catalogs built before it. */
  paymentTerms?: PaymentTermsInfo[];
  vatZoneNumbers: number[];
  productGroupNumbers: number[];
  /** ISO codes from `GET /currencies`; unchecked when absent. */
  currencies?: string[];
}

export type CheckResult = { ok: true } | { ok: false; hold: HoldReason };

/** A check returns the hold it found, or `undefined` to go on. */
export type Check = () => HoldReason | undefined;

/** Runs checks in order and stops at the first hold: one sentence, one thing to fix at a time. */
export function firstHold(checks: readonly Check[]): HoldReason | undefined {
  for (const check of checks) {
    const hold = check();
    if (hold) return hold;
  }
  return undefined;
}

export function toCheckResult(hold: HoldReason | undefined): CheckResult {
  return hold ? { ok: false, hold } : { ok: true };
}

export interface TextLimit {
  /** The field in Rackbeat's words, e.g. `street and street2`. */
  field: string;
  /** Where it is fixed, e.g. `the billing address of order 1042`. */
  source: string;
  value: string | undefined;
  max: number;
}

export function checkTextLengths(limits: readonly TextLimit[]): HoldReason | undefined {
  const over = limits.find((limit) => limit.value !== undefined && limit.value.length > limit.max);
  return over ? holdReasons.textTooLong(over.field, over.source, over.max, over.value?.length ?? 0) : undefined;
}

export function checkCurrency(currency: string, source: string, catalog: EconomicCatalog): HoldReason | undefined {
  if (catalog.currencies === undefined) return undefined;
  const known = catalog.currencies.some((code) => code.toUpperCase() === currency.toUpperCase());
  return known ? undefined : holdReasons.currencyUnknown(currency, source);
}

export function checkLayout(layoutNumber: number, catalog: EconomicCatalog): HoldReason | undefined {
  return catalog.layoutNumbers.includes(layoutNumber) ? undefined : holdReasons.layoutNotFound(layoutNumber);
}
