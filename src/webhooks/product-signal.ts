import type { Connection } from '../config';
import { parseWebshopSettings } from '../domain/webshop/settings';
import { target, type TransferTarget } from '../routing/transfer-target';
import { entityEventSignal } from '../workflows/common/entity-messages';
import type { WebshopSource } from '../workflows/webshop/contract';
import { WEBSHOP_PRODUCT_FLOW, type WebshopProductInput, webshopProductSummary, webshopProductWorkflowId } from '../workflows/webshop-product/contract';

/**
 * F3 with the webshop as product master: a shop product webhook (created, updated or deleted)
 * → the product's `webshopProduct` transfer.
 */
export function webshopProductTarget(connection: Connection, source: WebshopSource, delivery: { topic: string; resourceId: string; deliveryId: string }, receivedAt: string): TransferTarget {
  const input: WebshopProductInput = { connectionId: connection.id, source, shopProductId: delivery.resourceId, settings: connection.webshop ?? parseWebshopSettings({}) };
  return target({
    workflowType: 'webshopProduct',
    workflowId: webshopProductWorkflowId(connection.id, source, delivery.resourceId),
    input,
    signal: entityEventSignal,
    signalArgs: [{ deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt }],
    meta: { connectionId: connection.id, flow: WEBSHOP_PRODUCT_FLOW, sourceRef: `${source}:product:${delivery.resourceId}`, summary: webshopProductSummary(source, delivery.resourceId) },
  });
}
