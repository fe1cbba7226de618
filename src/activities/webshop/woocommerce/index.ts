import { fromWooCommerce, wooOrderRefundsSchema, wooRefundFrom, wooRefundIds } from '../../../domain/webshop';
import { isTrashedWooProduct, variantsFromWooProduct } from '../../../domain/webshop/product-changes';
import { wooOrderEnded } from '../../../domain/webshop/trigger';
import { TtlCache } from '../../ttl-cache';
import { DEFAULT_MAPPING_TTL_MS, MAPPING_ENTRIES, type WebshopPort, type WebshopPortFactory } from '../port';
import { pushWooStock, type WooStockContext, type WooTarget, wooDrift } from './stock';

/** WooCommerce through its REST API connector (numeric ids); SKU → product mappings cached per worker. */
export const createWooCommercePort: WebshopPortFactory = (options) => {
  const products = new TtlCache<WooTarget | null>(options.mappingTtlMs ?? DEFAULT_MAPPING_TTL_MS, MAPPING_ENTRIES);
  return ({ connection, woocommerce }): WebshopPort | undefined => {
    if (!woocommerce) return undefined;
    const stock: WooStockContext = { connectionId: connection.id, woocommerce, products };
    return {
      source: 'woocommerce',
      readOrder: async (id) => fromWooCommerce(await woocommerce.getOrderPayload(Number(id))),
      async *changedOrdersSince(since) {
        for await (const o of woocommerce.iterateOrdersModifiedAfter(since)) {
          yield { id: String(o.id), updatedAt: o.date_modified_gmt, updatedAtMs: Date.parse(`${o.date_modified_gmt}Z`), createdAtMs: Date.parse(`${o.date_created_gmt}Z`), status: o.status, refundIds: o.refunds.map((r) => String(r.id)) };
        }
      },
      async readProductVariants(id) {
        const product = await woocommerce.getProductPayload(Number(id));
        if (isTrashedWooProduct(product)) return undefined;
        const isVariable = (product as { type?: unknown }).type === 'variable';
        return variantsFromWooProduct(product, isVariable ? await woocommerce.listVariationPayloads(Number(id)) : []);
      },
      pushStock: (_batchKey, batch) => pushWooStock(stock, batch),
      findStockDrift: (available) => wooDrift(stock, available),
      async fulfilOrder(id) {
        // Set to `completed` only when it is not already, so a retry writes nothing.
        const current = await woocommerce.getOrder(Number(id));
        if (current.status === 'completed') return `WooCommerce order ${id} was already completed`;
        // A refunded or cancelled order stays so: a later run of the order lifecycle (a refund wakes it) must not complete it again.
        if (wooOrderEnded(current.status)) return `WooCommerce order ${id} is ${current.status}: left as it is`;
        await woocommerce.updateOrderStatus(Number(id), 'completed');
        return `WooCommerce order ${id} set to completed`;
      },
      async readRefund(shopOrderId, refundId) {
        // The order lists its refunds (a deleted one is gone from it: WooCommerce sends no webhook for that); the lines are the refund's own.
        const order = await woocommerce.getOrderPayload(Number(shopOrderId));
        if (!wooRefundIds(wooOrderRefundsSchema.parse(order)).includes(refundId)) return undefined;
        return wooRefundFrom(order, await woocommerce.getRefundPayload(Number(shopOrderId), Number(refundId)));
      },
    };
  };
};
