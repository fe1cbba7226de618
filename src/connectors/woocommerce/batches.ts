import type { StockUpdate } from './types';

export interface StockBatch {
  /** `/products/batch` or `/products/{id}/variations/batch`. */
  path: string;
  items: StockUpdate[];
}

/**
 * Splits stock updates into batch calls: simple products through `/products/batch`, variations
 * through their parent's `/variations/batch`, at most `limit` items per call. Order is kept.
 */
export function planStockBatches(items: readonly StockUpdate[], limit: number): StockBatch[] {
  const groups = new Map<string, StockUpdate[]>();
  for (const item of items) {
    const path = item.variationId === undefined ? '/products/batch' : `/products/${item.productId}/variations/batch`;
    const group = groups.get(path) ?? [];
    group.push(item);
    groups.set(path, group);
  }
  const batches: StockBatch[] = [];
  for (const [path, group] of groups) {
    for (let at = 0; at < group.length; at += limit) batches.push({ path, items: group.slice(at, at + limit) });
  }
  return batches;
}

/** The update entry WooCommerce needs: `stock_quantity` is ignored unless `manage_stock` is on. */
export function stockUpdateBody(item: StockUpdate): { id: number; manage_stock: true; stock_quantity: number } {
  return { id: item.variationId ?? item.productId, manage_stock: true, stock_quantity: item.quantity };
}
