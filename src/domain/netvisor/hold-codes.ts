/**
 * Netvisor hold codes: stable UPPER_SNAKE values, shared by the transfer workflows (as the
 * `HeldReason` search attribute) and the doctor. Add codes; never rename one, or searches and
 * dashboards for it silently find nothing.
 */
export const NETVISOR_HOLD_CODES = [
  'PAYMENT_TERM_MISSING',
  'VAT_PERCENTAGE_UNKNOWN',
  'PRODUCT_NAME_CHARACTERS',
  'PERIOD_CLOSED',
  'FISCAL_YEAR_MISSING',
  'VAT_LOCKED',
  'NUMBER_SERIES_OVERLAP',
  'NUMBER_SERIES_UNVERIFIED',
  'CUSTOMER_DETAILS_DIFFER',
  'NETVISOR_AUTH',
  'RACKBEAT_AUTH',
  'NETVISOR_UNREACHABLE',
  'RACKBEAT_UNREACHABLE',
  'RACKBEAT_CUSTOMER_GROUP_MISSING',
  'RACKBEAT_CUSTOMER_GROUP_UNCHECKED',
  'RACKBEAT_WEBHOOK_MISSING',
] as const;

export type NetvisorHoldCode = (typeof NETVISOR_HOLD_CODES)[number];

/** A stable code and ONE sentence saying what to fix, in which system. */
export interface NetvisorHold {
  code: NetvisorHoldCode;
  message: string;
}

/**
 * Characters Netvisor refuses in product names (DESIGN.md §2: "`/ * & #` and the like");
 * the list is configurable wherever a check takes `rejectedCharacters`.
 */
export const DEFAULT_REJECTED_NAME_CHARACTERS: readonly string[] = ['/', '*', '&', '#'];

export type DocumentKind = 'invoice' | 'order';
