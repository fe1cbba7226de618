import type { OrderAccountingSystem } from '../../domain/order';
import { createEconomicOrderAccounting } from './economic';
import type { OrderAccountingPort, OrderActivityDeps } from './port';

/**
 * The order lifecycle's port per accounting system (`ORDER_ACCOUNTING_SYSTEMS` in
 * domain/order/accounting-systems.ts): a system listed there without an entry here does not compile.
 */
export const ORDER_ACCOUNTING: Record<OrderAccountingSystem, (deps: OrderActivityDeps) => OrderAccountingPort> = {
  economic: createEconomicOrderAccounting,
};
