import type { StockShop } from '../workflows/stock/contract';

/** Inputs and results of the F4 stock activities; workflows import these as types only. */

export interface ReadRackbeatStockInput {
  connectionId: string;
  skus: string[];
}

export interface RackbeatStockResult {
  /** Product number → Rackbeat `available_quantity` at read time. */
  quantities: Record<string, number>;
  /** Numbers Rackbeat does not know (deleted products). */
  missing: string[];
  /** Products whose group keeps no inventory (services): no stock to push. */
  untracked: string[];
  calls: number;
}

export interface PushStockItem {
  sku: string;
  /** Rackbeat's available quantity, read for this flush. */
  quantity: number;
  /** What rackbridge last wrote to this shop for the SKU, when still believed current. */
  known?: number | undefined;
}

export interface PushStockInput {
  connectionId: string;
  shop: StockShop;
  /** `{workflowId}:{first run id}:{batch sequence}`: the base of Shopify's idempotency key, the same on every retry, new for a workflow started afresh. */
  batchKey: string;
  items: PushStockItem[];
}

export interface PushStockResult {
  /** Written, with the quantity the shop now holds. */
  written: Array<{ sku: string; quantity: number }>;
  /** The shop already held Rackbeat's value: no write. */
  unchanged: Array<{ sku: string; quantity: number }>;
  /** Not in the shop (or not stocked at the location): skipped, not an error. */
  unknown: Array<{ sku: string; reason: string }>;
  /** Refused for this SKU only (a stale compare quantity, a per-item batch error): stays pending. */
  failed: Array<{ sku: string; reason: string }>;
  calls: number;
  writeCalls: number;
}

export interface FindStockDriftInput {
  connectionId: string;
  shops: StockShop[];
}

export interface StockDriftResult {
  /** Rackbeat products compared. */
  checked: number;
  /** Per shop, the SKUs whose shop quantity differs from Rackbeat's available quantity. */
  drift: Partial<Record<StockShop, string[]>>;
  calls: number;
}
