export { LIST_PAGE_SIZE, NetvisorClient } from './client';
export { NETVISOR_CATEGORIES, NetvisorAuthError, NetvisorRejectedError, NetvisorTransientError, splitStatusText, toNetvisorError, type NetvisorCategory } from './errors';
export { checkPeriod, type AccountingPeriodState, type PeriodCheck } from './periods';
export { computeNetvisorMac, formatNetvisorTimestamp, netvisorAuthHeaders, newTransactionId, type MacInput } from './signature';
export { formatDecimal, parseDecimal } from './xml';
export type * from './outputs';
export type * from './types';
