/* The order lifecycle's plain data lives in the domain (src/domain/order/types.ts); activities and workflows import it from here too. */
export type { DraftRef, EconomicState, Hold, OrderContext, OrderSnapshot, StepResult } from '../domain/order/types';
