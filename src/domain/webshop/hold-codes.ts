/**
 * Webshop hold codes: stable UPPER_SNAKE values used as the `HeldReason` search attribute.
 * Add codes; never rename one, or searches and dashboards for it silently find nothing.
 */
export const WEBSHOP_HOLD_CODES = [
  'WEBSHOP_UNKNOWN_SKU',
  'WEBSHOP_MISSING_SKU',
  'WEBSHOP_HELPER_PRODUCT_MISSING',
  'WEBSHOP_TAX_RATE_UNKNOWN',
  'WEBSHOP_VAT_RATE_MISMATCH',
  'WEBSHOP_TOTAL_MISMATCH',
  'WEBSHOP_CUSTOMER_UNMATCHED',
  'WEBSHOP_PRODUCT_NAME_CHARACTERS',
  'WEBSHOP_PRODUCT_NAME_TOO_LONG',
  'WEBSHOP_PRODUCT_NUMBER_TOO_LONG',
  'WEBSHOP_PRODUCT_PRICE_INVALID',
  'WEBSHOP_EDIT_TOO_LATE',
  'WEBSHOP_EDIT_AFTER_BOOKING',
  'WEBSHOP_CANCEL_TOO_LATE',
  'WEBSHOP_CANCEL_IN_RACKBEAT',
  'WEBSHOP_CUSTOMER_GROUP_MISSING',
] as const;

export type WebshopHoldCode = (typeof WEBSHOP_HOLD_CODES)[number];

/** A stable code and ONE sentence saying what to fix, in which system. */
export interface WebshopHold {
  code: WebshopHoldCode;
  message: string;
}
