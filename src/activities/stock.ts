import { RateLimitedError } from '../connectors/http';
import { STOCK_MIN_INTERVAL_MS } from '../domain/webshop';
import type { StockShop } from '../workflows/stock/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import { readAllRackbeatStock } from './stock-drift';
import { readRackbeatAvailable } from './stock-rackbeat';
import type { FindStockDriftInput, PushStockInput, PushStockResult, RackbeatStockResult, ReadRackbeatStockInput, StockDriftResult } from './stock-types';
import { createWebshopPorts, type WebshopPortOptions } from './webshop/ports';

export type StockActivityOptions = WebshopPortOptions;

/**
 * F4 activities: read Rackbeat's available quantity, push it to one shop, find drift. Mappings
 * (SKU → Shopify inventory item, SKU → WooCommerce product) live in this worker's memory.
 */
export function createStockActivities(clients: ClientRegistry, options: StockActivityOptions = {}) {
  const ports = createWebshopPorts(options);

  return {
    /** The shops of a connection, as this worker's configuration has them. */
    async stockShops(connectionId: string): Promise<StockShop[]> {
      return ports.sources(clients.get(connectionId));
    },

    async readRackbeatStock(input: ReadRackbeatStockInput): Promise<RackbeatStockResult> {
      return stockTranslated(() => readRackbeatAvailable(clients.get(input.connectionId).rackbeat, input.skus));
    },

    /** Writes one batch to one shop; retried by Temporal on 429/THROTTLED/5xx, never sooner than a second. */
    async pushStock(input: PushStockInput): Promise<PushStockResult> {
      return stockTranslated(() => ports.get(clients.get(input.connectionId), input.shop).pushStock(input.batchKey, input.items));
    },

    /** Compares every Rackbeat product with each shop; read-only, so any number of runs is harmless. */
    async findStockDrift(input: FindStockDriftInput): Promise<StockDriftResult> {
      return stockTranslated(async () => {
        const all = await readAllRackbeatStock(clients.get(input.connectionId).rackbeat);
        const result: StockDriftResult = { checked: all.available.size, drift: {}, calls: all.calls };
        for (const shop of input.shops) {
          const found = await ports.get(clients.get(input.connectionId), shop).findStockDrift(all.available);
          result.drift[shop] = found.skus;
          result.calls += found.calls;
        }
        return result;
      });
    },
  };
}

/**
 * `translated`, with a floor on rate-limit waits: a throttled write is not repeated within a second,
 * so no SKU is sent to a shop more than once per second (STOCK_MIN_INTERVAL_MS) even across retries.
 */
function stockTranslated<T>(fn: () => Promise<T>): Promise<T> {
  return translated(async () => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RateLimitedError) throw new RateLimitedError(err.system, Math.max(err.retryAfterMs ?? 0, STOCK_MIN_INTERVAL_MS), err.request);
      throw err;
    }
  });
}
