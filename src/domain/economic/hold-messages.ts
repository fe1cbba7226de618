import type { RackbeatCustomer } from '../../connectors/rackbeat/types';
import type { HoldReason } from './hold-reasons';
import { customerLabel } from './rackbeat-fields';

type CustomerRef = Pick<RackbeatCustomer, 'number' | 'name'>;

/** Every held sentence in one place: what to fix, and in which system. */
export const holdReasons = {
  customerMissing: (orderNumber: number): HoldReason => ({
    code: 'CUSTOMER_MISSING',
    message: `Set a customer on order ${orderNumber} in Rackbeat.`,
  }),
  orderHasNoLines: (orderNumber: number): HoldReason => ({
    code: 'ORDER_HAS_NO_LINES',
    message: `Add at least one line to order ${orderNumber} in Rackbeat.`,
  }),
  customerPaymentTermsMissing: (customer: CustomerRef): HoldReason => ({
    code: 'CUSTOMER_PAYMENT_TERMS_MISSING',
    message: `Set payment terms on ${customerLabel(customer)} in Rackbeat.`,
  }),
  paymentTermsUnmapped: (rackbeatNumber: number, name: string | undefined, economicNumber: number): HoldReason => ({
    code: 'PAYMENT_TERMS_UNMAPPED',
    message: `Map Rackbeat payment terms ${rackbeatNumber}${name ? ` (${name})` : ''} to existing e-conomic payment terms in the connection's economic.paymentTermsMap, because e-conomic has no payment terms ${economicNumber}.`,
  }),
  layoutNotFound: (layoutNumber: number): HoldReason => ({
    code: 'LAYOUT_NOT_FOUND',
    message: `Set the connection's economic.layoutNumber to a layout that exists in e-conomic, because e-conomic has no layout ${layoutNumber}.`,
  }),
  vatZoneMissing: (customer: CustomerRef): HoldReason => ({
    code: 'VAT_ZONE_UNKNOWN',
    message: `Set a VAT zone (domestic, eu or abroad) on ${customerLabel(customer)} in Rackbeat.`,
  }),
  vatZoneInvalid: (value: string, source: string): HoldReason => ({
    code: 'VAT_ZONE_UNKNOWN',
    message: `Set the VAT zone of ${source} in Rackbeat to domestic, eu or abroad instead of '${value}'.`,
  }),
  vatZoneUnmapped: (zone: string, economicNumber: number): HoldReason => ({
    code: 'VAT_ZONE_UNKNOWN',
    message: `Set economic.vatZoneMap.${zone} in the connection to a VAT zone that exists in e-conomic, because e-conomic has no VAT zone ${economicNumber}.`,
  }),
  productNotFound: (productNumber: string, orderNumber: number): HoldReason => ({
    code: 'PRODUCT_NOT_FOUND',
    message: `Restore product '${productNumber}' in Rackbeat or remove it from order ${orderNumber}, because Rackbeat no longer has it.`,
  }),
  /** Rackbeat documents `product` and `lot` (BOM) lines only (rackbeat-verified §0.6); anything else is not guessed at. */
  lineTypeUnsupported: (orderNumber: number, itemNumber: string, childType: string): HoldReason => ({
    code: 'LINE_TYPE_UNSUPPORTED',
    message: `Replace line '${itemNumber}' of Rackbeat order ${orderNumber} with a product or BOM line, because rackbridge cannot transfer a line of type '${childType}'.`,
  }),
  productNumberTooLong: (productNumber: string, max: number): HoldReason => ({
    code: 'PRODUCT_NUMBER_TOO_LONG',
    message: `Shorten product number '${productNumber}' in Rackbeat to at most ${max} characters, e-conomic's limit (it has ${productNumber.length}).`,
  }),
  productGroupMissing: (productNumber: string): HoldReason => ({
    code: 'PRODUCT_GROUP_UNMAPPED',
    message: `Put product '${productNumber}' in a product group in Rackbeat.`,
  }),
  productGroupUnmapped: (group: { number: number; name?: string | undefined }, productNumber: string, economicNumber: number): HoldReason => ({
    code: 'PRODUCT_GROUP_UNMAPPED',
    message: `Map Rackbeat product group ${group.number}${group.name ? ` (${group.name})` : ''} of product '${productNumber}' to an existing e-conomic product group in the connection's economic.productGroupMap, because e-conomic has no product group ${economicNumber}.`,
  }),
  amountPrecision: (what: string, line: string, orderNumber: number, value: number, maxDecimals: number): HoldReason => ({
    code: 'AMOUNT_PRECISION',
    message: `Round the ${what} of ${line} on order ${orderNumber} in Rackbeat to ${maxDecimals} decimals, the most e-conomic accepts (it is ${value}).`,
  }),
  currencyMissing: (customer: CustomerRef): HoldReason => ({
    code: 'CURRENCY_UNKNOWN',
    message: `Set a currency on ${customerLabel(customer)} in Rackbeat.`,
  }),
  currencyUnknown: (currency: string, source: string): HoldReason => ({
    code: 'CURRENCY_UNKNOWN',
    message: `Change currency '${currency}' of ${source} in Rackbeat to one the e-conomic agreement has.`,
  }),
  textTooLong: (field: string, source: string, max: number, length: number): HoldReason => ({
    code: 'TEXT_TOO_LONG',
    message: `Shorten the ${field} of ${source} in Rackbeat to at most ${max} characters, e-conomic's limit (it has ${length}).`,
  }),
  deliveryDateInvalid: (orderNumber: number, value: string): HoldReason => ({
    code: 'DELIVERY_DATE_INVALID',
    message: `Set a valid delivery date on order ${orderNumber} in Rackbeat instead of '${value}'.`,
  }),
  sendByEmailNeedsAddress: (customer: CustomerRef): HoldReason => ({
    code: 'SEND_BY_PREREQUISITE',
    message: `Add an e-mail address to ${customerLabel(customer)} in Rackbeat, which e-conomic needs to e-mail the invoice.`,
  }),
  sendByEanNeedsEan: (customer: CustomerRef): HoldReason => ({
    code: 'SEND_BY_PREREQUISITE',
    message: `Set a 13-digit EAN on ${customerLabel(customer)} in Rackbeat, which e-conomic needs to send the invoice by EAN.`,
  }),
  rackbeatOrderNotFound: (orderNumber: number | string): HoldReason => ({
    code: 'RACKBEAT_ORDER_NOT_FOUND',
    message: `Rackbeat has no order ${orderNumber}: check the order exists in Rackbeat, then send a retry.`,
  }),
  /** Only from a lookup by `references.other` that came back empty: never from a 404 of one endpoint. */
  economicDocumentMissing: (orderNumber: number | string, reference: string, archivedOrderNumber?: number): HoldReason => ({
    code: 'ECONOMIC_DOCUMENT_MISSING',
    message: `e-conomic has no invoice and no open order with reference ${reference} for Rackbeat order ${orderNumber}${archivedOrderNumber === undefined ? '' : ` (order ${archivedOrderNumber} is archived without its invoice)`}: check whether it was deleted by hand in e-conomic, then send a retry.`,
  }),
  economicNotFound: (step: string, orderNumber: number | string): HoldReason => ({
    code: 'ECONOMIC_NOT_FOUND',
    message: `e-conomic answered 404 Not Found while trying to ${step} for Rackbeat order ${orderNumber}: send a retry, which looks the documents up by reference again.`,
  }),
  economicAuth: (connectionId: string): HoldReason => ({
    code: 'ECONOMIC_AUTH',
    message: `Renew the e-conomic agreement grant token of connection '${connectionId}' in the connections file, because e-conomic refused it.`,
  }),
  economicInventoryModule: (connectionId: string): HoldReason => ({
    code: 'ECONOMIC_INVENTORY_MODULE',
    message: `Set documentType to invoice for connection '${connectionId}', because the e-conomic agreement has the inventory module and refuses orders.`,
  }),
};
