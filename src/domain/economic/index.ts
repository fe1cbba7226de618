export { customerChanges, customerUpdateBody, mapCustomer, type MapCustomerOptions } from './mapping-customer';
export { mapProduct, productChanges, productUpdateBody } from './mapping-product';
export { mapLines, mapSalesDocument, type MapSalesDocumentInput } from './mapping-document';
export { creditNoteHeader, mapCreditNote, type MapCreditNoteInput } from './credit-note';
export { CUSTOMER_PAYMENT_SIGN, mapCustomerPayment, type MapCustomerPaymentInput } from './payment';
export {
  DEFAULT_ECONOMIC_MAPPING,
  type EconomicMapping,
  economicPaymentTermsNumber,
  economicProductGroupNumber,
  economicVatZoneNumber,
  SANDBOX_ECONOMIC_MAPPING,
} from './mapping-settings';
export { creditNoteReference, orderReference, refundReference } from './references';
export { documentRevision } from './revision';
export { type InvoicingProgress, type InvoicingStep, nextInvoicingStep, sameInvoicingStep } from './invoicing';
export { type DocumentType, INVENTORY_MODULE_NOTE, preflightOrder, type PreflightOrderInput, type PreflightResult } from './preflight';
export { type CheckResult, type EconomicCatalog } from './preflight-checks';
export { preflightCustomer, type PreflightCustomerInput, preflightProduct } from './preflight-master-data';
export { economicSendBy, type SendBySetting } from './send-by';
export { type EconomicRejection, HELD_CODES, type HeldCode, holdFromEconomicRejection, type HoldReason } from './hold-reasons';
export { holdReasons } from './hold-messages';
export { decimalPlaces, ECONOMIC_MAX_DECIMALS, ECONOMIC_MAX_LENGTH } from './limits';
export { economicLineAmounts, type EconomicLineAmounts, lineNetCents, lineVatCents } from './line-amounts';
export { PreflightRequiredError } from './errors';
export { RACKBEAT_VAT_ZONES, type RackbeatVatZone } from './rackbeat-fields';
