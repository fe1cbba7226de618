/**
 * Held-transfer codes: stable UPPER_SNAKE values of the `HeldReason` search attribute. Add codes;
 * never rename one, or searches and dashboards for it silently find nothing.
 */
export const HELD_CODES = [
  'CUSTOMER_MISSING',
  'CUSTOMER_PAYMENT_TERMS_MISSING',
  'PAYMENT_TERMS_UNMAPPED',
  'LAYOUT_NOT_FOUND',
  'VAT_ZONE_UNKNOWN',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_NUMBER_TOO_LONG',
  'LINE_TYPE_UNSUPPORTED',
  'PRODUCT_GROUP_UNMAPPED',
  'ORDER_HAS_NO_LINES',
  'AMOUNT_PRECISION',
  'CURRENCY_UNKNOWN',
  'TEXT_TOO_LONG',
  'DELIVERY_DATE_INVALID',
  'SEND_BY_PREREQUISITE',
  'ECONOMIC_REJECTED',
  'ECONOMIC_AUTH',
  'ECONOMIC_INVENTORY_MODULE',
  'RACKBEAT_ORDER_NOT_FOUND',
  'ECONOMIC_DOCUMENT_MISSING',
  'ECONOMIC_NOT_FOUND',
] as const;

export type HeldCode = (typeof HELD_CODES)[number];

/** What the workflow shows and searches on when a transfer is held: a stable code and ONE sentence saying what to fix, in which system. */
export interface HoldReason {
  code: HeldCode;
  message: string;
}

export interface EconomicRejection {
  /** What rackbridge was doing, as a noun phrase: `the draft invoice for order 1042`. */
  step: string;
  /** RejectedRequestError's message (e-conomic's `message`, with its logId). */
  message: string;
  /** RejectedRequestError's field issues, e.g. `{ path: 'lines[0].unitNetPrice', message: '…', code: 'E04740' }`. */
  issues: { path: string; message: string; code?: string }[];
}

/** Issues named in a held message; more would not fit a sentence anyone reads. */
const ISSUES_SHOWN = 5;

/** A held reason for a business rejection (4xx) from e-conomic, naming every failing field it can. */
export function holdFromEconomicRejection(input: EconomicRejection): HoldReason {
  const shown = input.issues.slice(0, ISSUES_SHOWN).map((issue) => {
    const code = issue.code ? ` (${issue.code})` : '';
    return `${issue.path || 'the document'}: ${withoutFinalStop(issue.message)}${code}`;
  });
  const hidden = input.issues.length - shown.length;
  const because = shown.length === 0 ? withoutFinalStop(input.message) : `${shown.join(', ')}${hidden > 0 ? ` and ${hidden} more` : ''}`;
  return {
    code: 'ECONOMIC_REJECTED',
    message: `e-conomic rejected ${input.step} because ${because}; correct this in Rackbeat or in the connection's e-conomic mapping, then send a retry.`,
  };
}

/** `Customer is barred. (logId 8d79)` → `Customer is barred (logId 8d79)`: it becomes part of one sentence. */
function withoutFinalStop(sentence: string): string {
  return sentence.trim().replace(/[.!]+(\s*\([^()]*\))?$/, '$1');
}
