export { type KnownProductLine, type RefundHold, type RefundLineSettings, type RefundLinesResult, refundLines } from './credit-lines';
export { invoiceHasRefund, mapRefundCreditNote } from './credit-note';
