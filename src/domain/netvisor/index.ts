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
