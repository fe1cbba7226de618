export { DEFAULT_REJECTED_NAME_CHARACTERS, type DocumentKind, NETVISOR_HOLD_CODES, type NetvisorHold, type NetvisorHoldCode } from './hold-codes';
export { customerLabel, type CustomerRef, netvisorHolds } from './hold-messages';
export {
  checkDocumentPeriod,
  checkNumberSeries,
  checkPaymentTerm,
  checkProductName,
  checkVatPercentages,
  netvisorPercentages,
  type PaymentTermsHolder,
  rejectedCharactersIn,
} from './rules';
export { checkCustomerDetails, customerDetailsDiffer, type DetailDifference, type NetvisorCustomerDetails, type RackbeatCustomerDetails } from './customer-details';
export { DOCTOR_CHECKS, DOCTOR_EXIT, type DoctorCheck, type DoctorFinding, type DoctorReport, type DoctorSeverity, doctorExitCode, formatDoctorReport } from './doctor-report';
export { documentLabel, isSameDocument, mapNetvisorDocument, type NetvisorDocumentContext, preflightNetvisorDocument, type RackbeatSalesDocument, VAT_CODES } from './document';
export { finnishBusinessId, mapNetvisorCustomer, mapNetvisorProduct, productChanges, type RackbeatCustomerCard, type RackbeatProductCard } from './master-data';
export { invoiceSource, orderSource } from './document-source';
export { creditNoteLine, creditNoteUnmatched, grossOfLines, isCreditNote } from './credit-note';
