import type { ShopifyClient } from '../../../connectors/shopify';
import { ShopifyUserError } from '../../../connectors/shopify';
import { shopQuantity } from '../../../domain/webshop/stock-quantity';
import type { TtlCache } from '../../ttl-cache';
import { stockIdempotencyKey } from '../../stock-key';
import type { PushStockItem, PushStockResult } from '../../stock-types';

/** `getInventoryLevels` and `inventorySetQuantities` take at most this many items per call. */
const SHOPIFY_ITEMS_PER_CALL = 250;

export interface ShopifyStockContext {
  connectionId: string;
  shopify: ShopifyClient;
  /** `connection.shopify.locationId`; undefined → the shop's first active location. */
  configuredLocationId: string | undefined;
  /** `{conn}:{sku}` → inventory item id, or null when the shop has no such SKU. */
  items: TtlCache<string | null>;
  /** `{conn}` → location id. */
  locations: TtlCache<string>;
}

export async function shopifyLocation(ctx: ShopifyStockContext): Promise<{ locationId: string; calls: number }> {
  if (ctx.configuredLocationId) return { locationId: ctx.configuredLocationId, calls: 0 };
  const cached = ctx.locations.get(ctx.connectionId);
  if (cached) return { locationId: cached, calls: 0 };
  const locations = await ctx.shopify.listLocations();
  const first = locations.find((l) => l.active) ?? locations[0];
  if (!first) throw new Error(`shop of connection ${ctx.connectionId} has no location`);
  ctx.locations.set(ctx.connectionId, first.id);
  return { locationId: first.id, calls: 1 };
}

/** SKU → inventory item id (null when unknown), from the cache or one `productVariants` search per 50 SKUs. */
export async function shopifyInventoryItems(ctx: ShopifyStockContext, skus: readonly string[]): Promise<{ items: Map<string, string | null>; calls: number }> {
  const items = new Map<string, string | null>();
  const misses: string[] = [];
  for (const sku of skus) {
    const hit = ctx.items.get(`${ctx.connectionId}:${sku}`);
    if (hit === undefined) misses.push(sku);
    else items.set(sku, hit);
  }
  if (misses.length === 0) return { items, calls: 0 };
  const found = await ctx.shopify.findVariantsBySku(misses);
  for (const sku of misses) {
    // Two variants with one SKU: the first wins (Rackbeat matches on SKU, so the shop should not have twins).
    const itemId = found.find((v) => v.sku === sku)?.inventoryItemId ?? null;
    ctx.items.set(`${ctx.connectionId}:${sku}`, itemId);
    items.set(sku, itemId);
  }
  return { items, calls: Math.ceil(misses.length / 50) };
}

/** Current `available` per inventory item at the location (items without a level are absent). */
export async function shopifyLevels(ctx: ShopifyStockContext, itemIds: readonly string[], locationId: string): Promise<{ levels: Map<string, number | null>; calls: number }> {
  const levels = new Map<string, number | null>();
  let calls = 0;
  for (let i = 0; i < itemIds.length; i += SHOPIFY_ITEMS_PER_CALL) {
    const chunk = itemIds.slice(i, i + SHOPIFY_ITEMS_PER_CALL);
    for (const level of await ctx.shopify.getInventoryLevels({ inventoryItemIds: chunk, locationIds: [locationId] })) levels.set(level.inventory_item_id, level.available);
    calls++;
  }
  return { levels, calls };
}

/**
 * Sets Rackbeat's quantities in Shopify with `inventorySetQuantities` + `changeFromQuantity` (API
 * 2026-04; webshops.md §1 rule 7): the value is the quantity rackbridge last knew Shopify to hold —
 * what it last wrote (`known`, the mutation's `quantityAfterChange`) or, without one, the level read
 * now. Never null: skipping the check would overwrite a sale made between the read and the write.
 * Equal values are skipped. A stale compare (the shop changed the level, e.g. a sale) refuses the
 * chunk; the workflow then forgets `known`, so the next flush, a second later, reads the levels again.
 */
export async function pushShopifyStock(ctx: ShopifyStockContext, batchKey: string, items: readonly PushStockItem[]): Promise<PushStockResult> {
  const result: PushStockResult = { written: [], unchanged: [], unknown: [], failed: [], calls: 0, writeCalls: 0 };
  const location = await shopifyLocation(ctx);
  const mapping = await shopifyInventoryItems(ctx, items.map((i) => i.sku));
  result.calls += location.calls + mapping.calls;
  const mapped = items.flatMap((item) => {
    const itemId = mapping.items.get(item.sku);
    if (!itemId) {
      result.unknown.push({ sku: item.sku, reason: 'no Shopify variant with this SKU' });
      return [];
    }
    return [{ ...item, itemId }];
  });
  // What rackbridge last wrote serves as the compare quantity; only SKUs without one are read (REST budget: 2 calls/s).
  const unread = mapped.filter((m) => m.known === undefined);
  const levels = await shopifyLevels(ctx, unread.map((m) => m.itemId), location.locationId);
  result.calls += levels.calls;
  const changes = mapped.flatMap((m) => {
    const target = shopQuantity(m.quantity);
    if (m.known === undefined && !levels.levels.has(m.itemId)) {
      result.unknown.push({ sku: m.sku, reason: `not stocked at location ${location.locationId}` });
      return [];
    }
    const current = m.known ?? levels.levels.get(m.itemId);
    if (current === target) {
      result.unchanged.push({ sku: m.sku, quantity: target });
      return [];
    }
    return [{ sku: m.sku, inventoryItemId: m.itemId, locationId: location.locationId, quantity: target, changeFromQuantity: current ?? null }];
  });
  for (let i = 0; i < changes.length; i += SHOPIFY_ITEMS_PER_CALL) {
    const chunk = changes.slice(i, i + SHOPIFY_ITEMS_PER_CALL);
    const quantities = chunk.map(({ inventoryItemId, locationId, quantity, changeFromQuantity }) => ({ inventoryItemId, locationId, quantity, changeFromQuantity }));
    result.calls++;
    result.writeCalls++;
    try {
      await ctx.shopify.setInventoryQuantities(quantities, stockIdempotencyKey(`${batchKey}:${i / SHOPIFY_ITEMS_PER_CALL}`, quantities), { reason: 'correction' });
      for (const c of chunk) result.written.push({ sku: c.sku, quantity: c.quantity });
    } catch (err) {
      if (!(err instanceof ShopifyUserError)) throw err;
      // The mutation is atomic: nothing in the chunk changed. A wrong item may mean a stale mapping.
      if (!err.codes.every((c) => c === 'CHANGE_FROM_QUANTITY_STALE')) for (const c of chunk) ctx.items.delete(`${ctx.connectionId}:${c.sku}`);
      const reason = [...new Set(err.codes)].join(',') || 'userErrors';
      for (const c of chunk) result.failed.push({ sku: c.sku, reason });
    }
  }
  return result;
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
