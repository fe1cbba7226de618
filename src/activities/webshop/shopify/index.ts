import { fromShopify, shopifyRefundFrom, variantsFromShopifyProduct } from '../../../domain/webshop';
import { TtlCache } from '../../ttl-cache';
import { DEFAULT_MAPPING_TTL_MS, MAPPING_ENTRIES, type WebshopPort, type WebshopPortFactory } from '../port';
import { pushShopifyStock, type ShopifyStockContext, shopifyDrift } from './stock';

/** Shopify through its Admin API connector; stock mappings (SKU → inventory item, location) cached per worker. */
export const createShopifyPort: WebshopPortFactory = (options) => {
  const ttl = options.mappingTtlMs ?? DEFAULT_MAPPING_TTL_MS;
  const items = new TtlCache<string | null>(ttl, MAPPING_ENTRIES);
  const locations = new TtlCache<string>(ttl);
  return ({ connection, shopify }): WebshopPort | undefined => {
    if (!shopify) return undefined;
    const stock: ShopifyStockContext = { connectionId: connection.id, shopify, configuredLocationId: connection.shopify?.locationId, items, locations };
    return {
      source: 'shopify',
      readOrder: async (id) => fromShopify(await shopify.getOrderPayload(id)),
      async *changedOrdersSince(since) {
        let cursor: string | undefined;
        do {
          const page = await shopify.listOrdersUpdatedSince(since, { limit: 250, ...(cursor ? { cursor } : {}) });
          for (const o of page.items) yield { id: String(o.id), updatedAt: o.updated_at, updatedAtMs: Date.parse(o.updated_at), createdAtMs: Date.parse(o.created_at), name: o.name, refundIds: o.refunds.map((r) => r.id) };
          cursor = page.nextCursor;
        } while (cursor);
      },
      readProductVariants: async (id) => variantsFromShopifyProduct(await shopify.getProductPayload(id)),
      pushStock: (batchKey, batch) => pushShopifyStock(stock, batchKey, batch),
      findStockDrift: (available) => shopifyDrift(stock, available),
      async fulfilOrder(id) {
        // Rackbeat's shipments carry no tracking fields in its API (reference open question 4), so none is sent.
        // The fulfilment's read-first makes a retry return the fulfilment already made.
        const fulfilment = await shopify.createFulfillment({ orderId: id, notifyCustomer: true });
        return fulfilment.created ? `Shopify order ${id} fulfilled (fulfilment ${fulfilment.id})` : `Shopify order ${id} was already fulfilled`;
      },
      readRefund: async (shopOrderId, refundId) => shopifyRefundFrom(await shopify.getOrderPayload(shopOrderId), refundId),
    };
  };
};
