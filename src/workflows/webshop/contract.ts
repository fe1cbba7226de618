import type { WebshopSettings } from '../../domain/webshop/settings';
import { type WebshopSource, webshopLabel } from '../../domain/webshop/shops';

/* F1's contract: one workflow per webshop order. Messages are the shared entity-transfer ones. */

export const WEBSHOP_ORDER_FLOW = 'webshop-order';
export type { WebshopSource };

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

export interface WebshopOrderInput {
  connectionId: string;
  source: WebshopSource;
  /** Decimal string: Shopify ids exceed 2^53. */
  shopOrderId: string;
  settings: WebshopSettings;
  seen?: string[];
}
