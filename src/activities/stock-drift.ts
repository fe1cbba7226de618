import type { RackbeatClient } from '../connectors/rackbeat';
import { keepsInventory } from './stock-rackbeat';
import { type ShopifyStockContext, shopifyInventoryItems, shopifyLevels, shopifyLocation, shopQuantity } from './stock-shopify';
import type { WooStockContext } from './stock-woocommerce';
import { wooTargets } from './stock-woocommerce';

/** Every Rackbeat product that keeps inventory, with its available quantity (one call per 200 products). */
export async function readAllRackbeatStock(rackbeat: RackbeatClient): Promise<{ available: Map<string, number>; calls: number }> {
  const available = new Map<string, number>();
  let seen = 0;
  for await (const product of rackbeat.iterateProducts()) {
    seen++;
    if (keepsInventory(product)) available.set(product.number, product.available_quantity);
  }
  return { available, calls: Math.max(1, Math.ceil(seen / 200)) };
}

/** SKUs whose Shopify level at the location differs from Rackbeat (levels read in bulk, 250 per call). */
export async function shopifyDrift(ctx: ShopifyStockContext, available: ReadonlyMap<string, number>): Promise<{ skus: string[]; calls: number }> {
  const location = await shopifyLocation(ctx);
  const mapping = await shopifyInventoryItems(ctx, [...available.keys()]);
  const mapped = [...mapping.items].filter((e): e is [string, string] => e[1] !== null);
  const levels = await shopifyLevels(ctx, mapped.map(([, itemId]) => itemId), location.locationId);
  const skus = mapped.filter(([sku, itemId]) => levels.levels.has(itemId) && levels.levels.get(itemId) !== shopQuantity(available.get(sku) ?? 0)).map(([sku]) => sku);
  return { skus, calls: location.calls + mapping.calls + levels.calls };
}

/** SKUs whose WooCommerce stock differs from Rackbeat. One lookup per SKU: the connector has no bulk product list. */
export async function wooDrift(ctx: WooStockContext, available: ReadonlyMap<string, number>): Promise<{ skus: string[]; calls: number }> {
  const lookup = await wooTargets(ctx, [...available.keys()], true);
  const skus = [...lookup.targets].filter(([sku, target]) => target !== null && lookup.stock.get(sku) !== shopQuantity(available.get(sku) ?? 0)).map(([sku]) => sku);
  return { skus, calls: lookup.calls };
}
