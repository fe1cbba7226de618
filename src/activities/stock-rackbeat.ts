import { NotFoundError } from '../connectors/http';
import type { RackbeatClient } from '../connectors/rackbeat';
import type { RackbeatStockResult } from './stock-types';

/** Up to this many SKUs are read one by one; more start by paging through the product list. */
const DIRECT_READ_MAX = 5;
const PAGE_LIMIT = 200;
const PARALLEL_READS = 8;

/**
 * Rackbeat's current available quantity for `skus`, in as few calls as it can: a few SKUs by
 * `GET /products/{number}`; more by paging the product list, switching to single reads once fewer
 * SKUs remain than pages (Rackbeat budgets calls per token, reference rackbeat.md).
 */
export async function readRackbeatAvailable(rackbeat: RackbeatClient, skus: readonly string[]): Promise<RackbeatStockResult> {
  const wanted = new Set(skus);
  const quantities: Record<string, number> = {};
  let calls = 0;
  const missing: string[] = [];
  const untracked: string[] = [];
  if (wanted.size > DIRECT_READ_MAX) {
    for (let page = 1; ; page++) {
      const result = await rackbeat.listProducts({ limit: PAGE_LIMIT, page });
      calls++;
      for (const p of result.items) {
        if (!wanted.delete(p.number)) continue;
        if (keepsInventory(p)) quantities[p.number] = p.available_quantity;
        else untracked.push(p.number);
      }
      const pagesLeft = result.pages - page;
      if (pagesLeft <= 0 || result.items.length === 0) {
        // Paged to the end: whatever is left does not exist.
        missing.push(...wanted);
        wanted.clear();
        break;
      }
      if (wanted.size === 0 || pagesLeft > wanted.size) break;
    }
  }
  const rest = [...wanted];
  await forEachLimit(rest, PARALLEL_READS, async (sku) => {
    calls++;
    try {
      const product = await rackbeat.getProduct(sku);
      if (keepsInventory(product)) quantities[sku] = product.available_quantity;
      else untracked.push(sku);
    } catch (err) {
      if (err instanceof NotFoundError) missing.push(sku);
      else throw err;
    }
  });
  return { quantities, missing, untracked, calls };
}

/** Services and other products in a group without inventory have no stock to push (`has_inventory` false). */
export function keepsInventory(product: { group?: { has_inventory?: boolean | undefined } | null | undefined }): boolean {
  return product.group?.has_inventory !== false;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
