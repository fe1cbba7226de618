import type { StockUpdate, WooCommerceClient } from '../../../connectors/woocommerce';
import { shopQuantity } from '../../../domain/webshop/stock-quantity';
import { forEachLimit } from '../../stock-rackbeat';
import type { PushStockItem, PushStockResult } from '../../stock-types';
import type { TtlCache } from '../../ttl-cache';

/** SKU lookups in flight at once: WooCommerce can only search one SKU per request. */
const PARALLEL_LOOKUPS = 8;

export interface WooTarget {
  productId: number;
  variationId: number | undefined;
}

export interface WooStockContext {
  connectionId: string;
  woocommerce: WooCommerceClient;
  /** `{conn}:{sku}` → product (or variation), or null when the shop has no such SKU. */
  products: TtlCache<WooTarget | null>;
}

/** SKU → product/variation and its current stock (when looked up now), from the cache or `GET /products?sku=`. */
export async function wooTargets(ctx: WooStockContext, skus: readonly string[], fresh = false): Promise<{ targets: Map<string, WooTarget | null>; stock: Map<string, number | null>; calls: number }> {
  const targets = new Map<string, WooTarget | null>();
  const stock = new Map<string, number | null>();
  const misses: string[] = [];
  for (const sku of skus) {
    const hit = fresh ? undefined : ctx.products.get(`${ctx.connectionId}:${sku}`);
    if (hit === undefined) misses.push(sku);
    else targets.set(sku, hit);
  }
  await forEachLimit(misses, PARALLEL_LOOKUPS, async (sku) => {
    const match = (await ctx.woocommerce.findProductsBySku(sku))[0];
    const target = match ? { productId: match.productId, variationId: match.variationId } : null;
    ctx.products.set(`${ctx.connectionId}:${sku}`, target);
    targets.set(sku, target);
    if (match) stock.set(sku, match.manageStock === true ? match.stockQuantity : null);
  });
  return { targets, stock, calls: misses.length };
}

/**
 * Sets Rackbeat's quantities in WooCommerce through the batch endpoints (≤ 100 items per call,
 * webshops.md §3.5). WooCommerce has no cheap bulk read, so a SKU whose value equals what rackbridge
 * last wrote (`known`) is not written again; drift made in the shop is the reconcile's job.
 */
export async function pushWooStock(ctx: WooStockContext, items: readonly PushStockItem[]): Promise<PushStockResult> {
  const result: PushStockResult = { written: [], unchanged: [], unknown: [], failed: [], calls: 0, writeCalls: 0 };
  const lookup = await wooTargets(ctx, items.map((i) => i.sku));
  result.calls += lookup.calls;
  const updates: Array<StockUpdate & { sku: string }> = [];
  for (const item of items) {
    const target = lookup.targets.get(item.sku);
    const quantity = shopQuantity(item.quantity);
    if (!target) result.unknown.push({ sku: item.sku, reason: 'no WooCommerce product or variation with this SKU' });
    else if (item.known === quantity || lookup.stock.get(item.sku) === quantity) result.unchanged.push({ sku: item.sku, quantity });
    else updates.push({ sku: item.sku, productId: target.productId, variationId: target.variationId, quantity });
  }
  if (updates.length === 0) return result;
  const bySku = new Map(updates.map((u) => [`${u.productId}/${u.variationId ?? ''}`, u.sku]));
  const answer = await ctx.woocommerce.batchUpdateStock(updates.map(({ productId, variationId, quantity }) => ({ productId, variationId, quantity })));
  result.calls += answer.calls;
  result.writeCalls += answer.calls;
  const skuOf = (u: StockUpdate): string => bySku.get(`${u.productId}/${u.variationId ?? ''}`) ?? String(u.variationId ?? u.productId);
  for (const u of answer.updated) result.written.push({ sku: skuOf(u), quantity: u.quantity });
  for (const f of answer.failed) {
    // An id the shop no longer has: look the SKU up again next time.
    ctx.products.delete(`${ctx.connectionId}:${skuOf(f)}`);
    result.failed.push({ sku: skuOf(f), reason: f.code });
  }
  return result;
}

/** SKUs whose WooCommerce stock differs from Rackbeat. One lookup per SKU: the connector has no bulk product list. */
export async function wooDrift(ctx: WooStockContext, available: ReadonlyMap<string, number>): Promise<{ skus: string[]; calls: number }> {
  const lookup = await wooTargets(ctx, [...available.keys()], true);
  const skus = [...lookup.targets].filter(([sku, target]) => target !== null && lookup.stock.get(sku) !== shopQuantity(available.get(sku) ?? 0)).map(([sku]) => sku);
  return { skus, calls: lookup.calls };
}
