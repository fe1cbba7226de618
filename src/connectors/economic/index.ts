export { EconomicClient, hasInventoryModule, INVENTORY_MODULE_NUMBER } from './client';
export { escapeFilterValue, escapePathId } from './escape';
export { toFieldIssues, toRejection } from './errors';
export * as economicFilter from './filter';
export type * from './types';
