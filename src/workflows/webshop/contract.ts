import type { WebshopSettings } from '../../domain/webshop/settings';
import { type WebshopSource, webshopLabel } from '../../domain/webshop/shops';
import { type EntityEvent, entityEventSignal } from '../common/entity-messages';
import type { TransferFlow } from '../common/transfer-flow';
import type { Generational } from '../common/generation';

export type { WebshopSource };

/* F1's contract: one workflow per webshop order. Messages are the shared entity-transfer ones. */

export const WEBSHOP_ORDER_FLOW = 'webshop-order';

/**
 * `webshop-order:{conn}:{source}-{shopOrderId}`: the shop is part of the key because one
 * connection may carry a Shopify and a WooCommerce shop whose order ids could meet.
 */
export function webshopOrderWorkflowId(connectionId: string, source: WebshopSource, shopOrderId: string): string {
  return `${WEBSHOP_ORDER_FLOW}:${connectionId}:${source}-${shopOrderId}`;
}

export function webshopOrderSummary(source: WebshopSource, shopOrderId: string, name?: string): string {
  return `${webshopLabel(source)} order ${name ?? shopOrderId} → Rackbeat`;
}

export interface WebshopOrderInput extends Generational {
  connectionId: string;
  source: WebshopSource;
  /** Decimal string: Shopify ids exceed 2^53. */
  shopOrderId: string;
  settings: WebshopSettings;
  seen?: string[];
}

/** A webshop order as routing addresses it. */
export interface WebshopOrderKey {
  source: WebshopSource;
  shopOrderId: string;
  /** The shop's display name (`#1001`), for the summary. */
  name?: string | undefined;
}

/** F1's descriptor: every order delivery of a shop starts or wakes the order's transfer, which reads it and decides. */
export const WEBSHOP_ORDER_TRANSFER: TransferFlow<WebshopOrderKey, WebshopOrderInput, [EntityEvent], 'webshopOrder'> = {
  flow: WEBSHOP_ORDER_FLOW,
  workflowType: 'webshopOrder',
  signal: entityEventSignal,
  workflowId: (connectionId, key) => webshopOrderWorkflowId(connectionId, key.source, key.shopOrderId),
  input: (connection, key) => ({ connectionId: connection.id, source: key.source, shopOrderId: key.shopOrderId, settings: connection.webshop }),
  sourceRef: (key) => `${key.source}:order:${key.shopOrderId}`,
  summary: (key) => webshopOrderSummary(key.source, key.shopOrderId, key.name),
  enabledFor: (connection) => connection.shopify !== undefined || connection.woocommerce !== undefined,
  pausable: true,
  // A held shop order waits for its products in Rackbeat.
  heldWake: { on: ['product'], args: (wake) => [wake] },
  webshop: {
    topic: 'order',
    key: (delivery) => ({ source: delivery.source, shopOrderId: delivery.resourceId, name: delivery.name }),
    args: (delivery, receivedAt) => [{ deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt }],
  },
};
