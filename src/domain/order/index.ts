export { decideCredit, decideBooked, type CreditStep, type FoundCreditNote } from './credit-step';
export { decideDraftStep, type DraftStep, type DraftStepInput, readKnownDraftOnly } from './draft-step';
export { decideOrderStep, type DraftLookups, draftLookups, draftTypeInUse, type FoundDocuments, lookForBookedInvoice, orderConcernsEconomic, type OrderStep } from './order-step';
export { type OrderDecisionSettings, reachedTrigger } from './trigger';
export type { DraftRef, EconomicState, Hold, OrderContext, OrderSnapshot, StepResult } from './types';
export { ORDER_ACCOUNTING_LABELS, ORDER_ACCOUNTING_SYSTEMS, orderAccountingOf, type OrderAccountingSystem } from './accounting-systems';
