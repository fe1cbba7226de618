import type { RackbeatCustomer, RackbeatOrder, RackbeatItem } from '../../connectors/rackbeat/types';
import type { HoldReason } from './hold-reasons';
import { holdReasons } from './hold-messages';
import type { EconomicMapping } from './mapping-settings';
import { checkCurrency, checkLayout, type EconomicCatalog, firstHold } from './preflight-checks';
import { checkDeliveryDate, checkDocumentTexts, checkLinePrecision } from './preflight-document';
import { checkPaymentTerms, checkProductNumber, checkVatZone, preflightCustomer, preflightProduct } from './preflight-master-data';
import { customerLabel, orderPaymentTermsName, orderPaymentTermsNumber, text } from './rackbeat-fields';
import type { SendBySetting } from './send-by';

export type DocumentType = 'order' | 'invoice';

export type PreflightResult =
  | { ok: true; documentType: DocumentType; notes: string[] }
  | { ok: false; hold: HoldReason };

export interface PreflightOrderInput {
  order: RackbeatOrder;
  /** The order's customer as read from Rackbeat; pass the same one to `mapSalesDocument`. */
  customer: RackbeatCustomer;
  /** Every product on the order's lines, as read from Rackbeat. */
  products: RackbeatItem[];
  catalog: EconomicCatalog;
  mapping: EconomicMapping;
  documentType: DocumentType;
  sendBy: SendBySetting;
}

export const INVENTORY_MODULE_NOTE = "the agreement has e-conomic's inventory module, so orders cannot be written: creating a draft invoice instead";

/**
 * DESIGN.md §2's e-conomic rules, checked before any write: the first rule that fails holds the
 * transfer. The inventory module is not a hold: the document becomes an invoice, with a note.
 */
export function preflightOrder(input: PreflightOrderInput): PreflightResult {
  const { order, customer, catalog, mapping } = input;
  const terms = orderPaymentTermsNumber(order, customer);
  const hold = firstHold([
    () => (order.customer === null ? holdReasons.customerMissing(order.number) : undefined),
    () => (order.lines.length === 0 ? holdReasons.orderHasNoLines(order.number) : undefined),
    () => checkCurrency(order.currency, `order ${order.number}`, catalog),
    () => checkLayout(mapping.layoutNumber, catalog),
    () => (terms === undefined ? holdReasons.customerPaymentTermsMissing(customer) : checkPaymentTerms(terms, orderPaymentTermsName(order, customer), mapping, catalog)),
    () => {
      const own = text(order.vat_zone);
      return own === undefined
        ? checkVatZone(text(customer.vat_zone), customerLabel(customer), customer, mapping, catalog)
        : checkVatZone(own, `order ${order.number}`, customer, mapping, catalog);
    },
    () => holdOf(preflightCustomer(customer, { catalog, mapping, ...(terms === undefined ? {} : { fallbackPaymentTermsNumber: terms }) })),
    () => checkLineProducts(input),
    () => checkLinePrecision(order),
    () => checkDeliveryDate(order),
    () => checkDocumentTexts(order, customer),
    () => checkSendBy(input.sendBy, customer),
  ]);
  if (hold) return { ok: false, hold };
  if (input.documentType === 'order' && catalog.hasInventoryModule) {
    return { ok: true, documentType: 'invoice', notes: [INVENTORY_MODULE_NOTE] };
  }
  return { ok: true, documentType: input.documentType, notes: [] };
}

function checkLineProducts({ order, products, catalog, mapping }: PreflightOrderInput): HoldReason | undefined {
  for (const line of order.lines) {
    const number = line.item.number;
    const tooLong = checkProductNumber(number);
    if (tooLong) return tooLong;
    const product = products.find((p) => p.number === number);
    if (!product) return holdReasons.productNotFound(number, order.number);
    const hold = holdOf(preflightProduct(product, { catalog, mapping }));
    if (hold) return hold;
  }
  return undefined;
}

const EAN_PATTERN = /^\d{13}$/;

/** e-conomic e-mails to the customer's `email` and sends EAN invoices to a 13-digit EAN (economic.md §4.2, §4.4). */
function checkSendBy(sendBy: SendBySetting, customer: RackbeatCustomer): HoldReason | undefined {
  if (sendBy === 'email' && text(customer.contact_email) === undefined) return holdReasons.sendByEmailNeedsAddress(customer);
  if (sendBy === 'ean' && !EAN_PATTERN.test(customer.ean ?? '')) return holdReasons.sendByEanNeedsEan(customer);
  return undefined;
}

function holdOf(result: { ok: true } | { ok: false; hold: HoldReason }): HoldReason | undefined {
  return result.ok ? undefined : result.hold;
}
