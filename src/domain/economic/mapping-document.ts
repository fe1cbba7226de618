import type { RackbeatCustomer, RackbeatOrder } from '../../connectors/rackbeat/types';
import type { LineInput, SalesDocumentInput } from '../../connectors/economic/types';
import {
  type EconomicMapping,
  economicPaymentTermsNumber,
  economicVatZoneNumber,
} from './mapping-settings';
import { deliveryParty, recipientParty } from './mapping-parties';
import { PreflightRequiredError } from './errors';
import type { PaymentTermsInfo } from './preflight-checks';
import { economicLineAmounts } from './line-amounts';
import { optional } from './optional';
import { orderReference } from './references';
import { asVatZone, lineDescription, orderPaymentTermsNumber, orderVatZoneText, text } from './rackbeat-fields';

export interface MapSalesDocumentInput {
  connectionId: string;
  /** `YYYY-MM-DD`, from workflow time: mapping never reads a clock. */
  date: string;
  mapping: EconomicMapping;
  /** The customer as read from Rackbeat; defaults to the one embedded in the order. */
  customer?: RackbeatCustomer;
  /** e-conomic's payment terms (catalog), to send `dueDate` when the mapped term is of type `dueDate`. */
  paymentTerms?: readonly PaymentTermsInfo[] | undefined;
}

/**
 * `dueDate` is mandatory when the payment term's type is `dueDate` (e-conomic schema
 * `invoices.drafts.post`, description of `dueDate`; reference/economic.md): the document date plus
 * the term's `daysOfCredit` (0 when the term has none). Other types: e-conomic computes it.
 */
export function dueDateFor(date: string, termsNumber: number, terms: readonly PaymentTermsInfo[] | undefined): string | undefined {
  const term = terms?.find((t) => t.paymentTermsNumber === termsNumber);
  if (term?.paymentTermsType !== 'dueDate') return undefined;
  const due = new Date(`${date}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + (term.daysOfCredit ?? 0));
  return due.toISOString().slice(0, 10);
}

/**
 * The e-conomic order / draft-invoice body for a Rackbeat order. Texts go through unchanged
 * (preflight holds what e-conomic would refuse); line amounts are restated with at most 2
 * decimals so that every line's net is the Rackbeat line's to the cent (`mapLines`).
 */
export function mapSalesDocument(order: RackbeatOrder, input: MapSalesDocumentInput): SalesDocumentInput {
  const customer = input.customer ?? order.customer;
  if (!customer) throw new PreflightRequiredError(`order ${order.number} has no customer: run preflightOrder first`);
  const terms = orderPaymentTermsNumber(order, customer);
  const zone = asVatZone(orderVatZoneText(order, customer));
  if (terms === undefined || zone === undefined) {
    throw new PreflightRequiredError(`order ${order.number} has no payment terms or VAT zone: run preflightOrder first`);
  }
  const { recipient } = recipientParty(order, customer);
  const heading = text(order.heading);
  const termsNumber = economicPaymentTermsNumber(terms, input.mapping);
  return {
    date: input.date,
    ...optional('dueDate', dueDateFor(input.date, termsNumber, input.paymentTerms)),
    currency: order.currency,
    customer: { customerNumber: customer.number },
    layout: { layoutNumber: input.mapping.layoutNumber },
    paymentTerms: { paymentTermsNumber: termsNumber },
    recipient: { ...recipient, vatZone: { vatZoneNumber: economicVatZoneNumber(zone, input.mapping) } },
    ...optional('delivery', deliveryParty(order)),
    ...optional('notes', heading === undefined ? undefined : { heading }),
    references: { other: orderReference(input.connectionId, order.number) },
    lines: mapLines(order),
  };
}

/**
 * One e-conomic line per Rackbeat line, or two of the same product when no 2-decimal price and
 * discount reproduce the line's net to the cent (`economicLineAmounts`, docs/connectors/economic.md).
 */
export function mapLines(order: RackbeatOrder): LineInput[] {
  const parts = order.lines.flatMap((line) =>
    economicLineAmounts(line).map((amounts) => ({
      product: { productNumber: line.item.number },
      description: lineDescription(line),
      quantity: amounts.quantity,
      unitNetPrice: amounts.unitNetPrice,
      ...optional('discountPercentage', amounts.discountPercentage),
    })),
  );
  return parts.map((part, index) => ({ lineNumber: index + 1, sortKey: index + 1, ...part }));
}
