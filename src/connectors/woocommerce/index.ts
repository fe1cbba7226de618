export { DEFAULT_WOO_BATCH_LIMIT, WooCommerceClient } from './client';
export { planStockBatches, stockUpdateBody, type StockBatch } from './batches';
export { wooErrorCode, wooErrorMessage, wooFieldIssues, wooRejection } from './errors';
export { formatWooGmt, totalPages } from './paging';
export type * from './types';
export { WOOCOMMERCE_REST_NAMESPACE, WOOCOMMERCE_REST_PATH } from './version';
