import { ApplicationFailure } from '@temporalio/activity';
import { RateLimitedError } from '../connectors/http';
import { STOCK_MIN_INTERVAL_MS } from '../domain/webshop';
import type { StockShop } from '../workflows/stock/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import { readAllRackbeatStock, shopifyDrift, wooDrift } from './stock-drift';
import { readRackbeatAvailable } from './stock-rackbeat';
import { pushShopifyStock, type ShopifyStockContext } from './stock-shopify';
import type { FindStockDriftInput, PushStockInput, PushStockResult, RackbeatStockResult, ReadRackbeatStockInput, StockDriftResult } from './stock-types';
import { pushWooStock, type WooStockContext, type WooTarget } from './stock-woocommerce';
import { TtlCache } from './ttl-cache';

export interface StockActivityOptions {
  /** How long a SKU → shop item mapping (or its absence) is remembered. @default 10 minutes */
  mappingTtlMs?: number;
}

const MAPPING_ENTRIES = 200_000;

/**
 * F4 activities: read Rackbeat's available quantity, push it to one shop, find drift. Mappings
 * (SKU → Shopify inventory item, SKU → WooCommerce product) live in this worker's memory.
 */
export function createStockActivities(clients: ClientRegistry, options: StockActivityOptions = {}) {
  const ttl = options.mappingTtlMs ?? 10 * 60_000;
  const shopifyItems = new TtlCache<string | null>(ttl, MAPPING_ENTRIES);
  const shopifyLocations = new TtlCache<string>(ttl);
  const wooProducts = new TtlCache<WooTarget | null>(ttl, MAPPING_ENTRIES);

  const shopifyContext = (connectionId: string): ShopifyStockContext => {
    const { shopify, connection } = clients.get(connectionId);
    if (!shopify) throw notConfigured(connectionId, 'shopify');
    return { connectionId, shopify, configuredLocationId: connection.shopify?.locationId, items: shopifyItems, locations: shopifyLocations };
  };
  const wooContext = (connectionId: string): WooStockContext => {
    const { woocommerce } = clients.get(connectionId);
    if (!woocommerce) throw notConfigured(connectionId, 'woocommerce');
    return { connectionId, woocommerce, products: wooProducts };
  };

  return {
    /** The shops of a connection, as this worker's configuration has them. */
    async stockShops(connectionId: string): Promise<StockShop[]> {
      const { shopify, woocommerce } = clients.get(connectionId);
      return [...(shopify ? (['shopify'] as const) : []), ...(woocommerce ? (['woocommerce'] as const) : [])];
    },

    async readRackbeatStock(input: ReadRackbeatStockInput): Promise<RackbeatStockResult> {
      return stockTranslated(() => readRackbeatAvailable(clients.get(input.connectionId).rackbeat, input.skus));
    },

    /** Writes one batch to one shop; retried by Temporal on 429/THROTTLED/5xx, never sooner than a second. */
    async pushStock(input: PushStockInput): Promise<PushStockResult> {
      return stockTranslated(() => (input.shop === 'shopify' ? pushShopifyStock(shopifyContext(input.connectionId), input.batchKey, input.items) : pushWooStock(wooContext(input.connectionId), input.items)));
    },

    /** Compares every Rackbeat product with each shop; read-only, so any number of runs is harmless. */
    async findStockDrift(input: FindStockDriftInput): Promise<StockDriftResult> {
      return stockTranslated(async () => {
        const all = await readAllRackbeatStock(clients.get(input.connectionId).rackbeat);
        const result: StockDriftResult = { checked: all.available.size, drift: {}, calls: all.calls };
        for (const shop of input.shops) {
          const found = shop === 'shopify' ? await shopifyDrift(shopifyContext(input.connectionId), all.available) : await wooDrift(wooContext(input.connectionId), all.available);
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

function notConfigured(connectionId: string, shop: StockShop): ApplicationFailure {
  return ApplicationFailure.create({ type: 'NotConfiguredError', nonRetryable: true, message: `connection ${connectionId} has no ${shop} settings` });
}
