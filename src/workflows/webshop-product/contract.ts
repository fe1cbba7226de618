import type { WebshopSettings } from '../../domain/webshop/settings';
import { type EntityEvent, entityEventSignal } from '../common/entity-messages';
import type { TransferFlow } from '../common/transfer-flow';
import { type WebshopSource, webshopLabel } from '../../domain/webshop/shops';
import type { Generational } from '../common/generation';

/* F3 with the webshop as product master: one workflow per shop product. Messages are the shared entity-transfer ones. */

export const WEBSHOP_PRODUCT_FLOW = 'webshop-product';

/**
 * `webshop-product:{conn}:{source}-{shopProductId}`: one per shop product, not per SKU, because
 * one product's webhook carries all its variants; the shop is part of the key because one
 * connection may carry a Shopify and a WooCommerce shop whose product ids could meet.
 */
export function webshopProductWorkflowId(connectionId: string, source: WebshopSource, shopProductId: string): string {
  return `${WEBSHOP_PRODUCT_FLOW}:${connectionId}:${source}-${shopProductId}`;
}

export function webshopProductSummary(source: WebshopSource, shopProductId: string): string {
  return `${webshopLabel(source)} product ${shopProductId} → Rackbeat → accounting`;
}

export interface WebshopProductInput extends Generational {
  connectionId: string;
  source: WebshopSource;
  /** Decimal string: Shopify ids exceed 2^53. A WooCommerce variation's own id when the webhook was about one. */
  shopProductId: string;
  settings: WebshopSettings;
  seen?: string[];
}

/** A shop product as routing addresses it. */
export interface WebshopProductKey {
  source: WebshopSource;
  shopProductId: string;
}

/** F3 with the webshop as product master: a shop product webhook (created, updated or deleted) → the product's transfer. */
export const WEBSHOP_PRODUCT_TRANSFER: TransferFlow<WebshopProductKey, WebshopProductInput, [EntityEvent], 'webshopProduct'> = {
  flow: WEBSHOP_PRODUCT_FLOW,
  workflowType: 'webshopProduct',
  signal: entityEventSignal,
  workflowId: (connectionId, key) => webshopProductWorkflowId(connectionId, key.source, key.shopProductId),
  input: (connection, key) => ({ connectionId: connection.id, source: key.source, shopProductId: key.shopProductId, settings: connection.webshop }),
  sourceRef: (key) => `${key.source}:product:${key.shopProductId}`,
  summary: (key) => webshopProductSummary(key.source, key.shopProductId),
  enabledFor: (connection) => connection.webshop.productMaster === 'webshop',
  pausable: true,
  webshop: {
    topic: 'product',
    key: (delivery) => ({ source: delivery.source, shopProductId: delivery.resourceId }),
    args: (delivery, receivedAt) => [{ deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt }],
  },
};
