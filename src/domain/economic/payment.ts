import type { BookedInvoice, CustomerPaymentVoucherInput } from '../../connectors/economic/types';
import { negate } from './credit-note';
import { optional } from './optional';

/**
 * The sign of a customer-payment amount. A payment credits the debtor, so it is negative: a
 * report from a live agreement (klaus-mcp, economic.md §5) says a positive amount doubled the
 * customer's balance; traels' test sends +100 but is only a stub. Verify on a trial agreement by
 * reading the invoice's `remainder` after booking the journal; this constant is the one place to change.
 */
export const CUSTOMER_PAYMENT_SIGN = -1;

export interface MapCustomerPaymentInput {
  /** `YYYY-MM-DD`, from workflow time; the accounting year is its calendar year. */
  date: string;
  /** Entry text, at most 250 characters (e-conomic refuses longer). */
  text: string;
  /** When absent, e-conomic uses the journal's customer-payments contra account. */
  contraAccountNumber?: number;
}

/**
 * The customer-payment voucher settling a booked invoice in full (its `grossAmount`, in its
 * currency), linked by `customerInvoice`. POST it to `/journals/{journalNumber}/vouchers`.
 * Agreements with a broken financial year (e.g. "2025/2026") need another year label.
 */
export function mapCustomerPayment(booked: BookedInvoice, input: MapCustomerPaymentInput): CustomerPaymentVoucherInput {
  const amount = CUSTOMER_PAYMENT_SIGN < 0 ? negate(booked.grossAmount) : booked.grossAmount;
  return {
    accountingYear: input.date.slice(0, 4),
    entries: [
      {
        amount,
        date: input.date,
        customer: { customerNumber: booked.customer.customerNumber },
        customerInvoice: booked.bookedInvoiceNumber,
        currency: { code: booked.currency },
        text: input.text,
        ...optional('contraAccount', input.contraAccountNumber === undefined ? undefined : { accountNumber: input.contraAccountNumber }),
      },
    ],
  };
}
