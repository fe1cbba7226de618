import type { Connection } from '../config';
import { parseWebshopSettings } from '../domain/webshop/settings';
import type { WebshopSource } from '../workflows/webshop/contract';
import { WEBSHOP_PRODUCT_FLOW, type WebshopProductInput, webshopProductSummary, webshopProductWorkflowId } from '../workflows/webshop-product/contract';
import type { Dispatcher } from './dispatch';

/**
 * F3 with the webshop as product master: a shop product webhook (created, updated or deleted)
 * → the product's `webshopProduct` transfer (signal-with-start). Returns the workflow id.
 */
export async function signalWebshopProduct(
  dispatcher: Dispatcher,
  connection: Connection,
  source: WebshopSource,
  delivery: { topic: string; resourceId: string; deliveryId: string },
  receivedAt: string,
): Promise<string> {
  const input: WebshopProductInput = { connectionId: connection.id, source, shopProductId: delivery.resourceId, settings: connection.webshop ?? parseWebshopSettings({}) };
  return dispatcher.startEntity(
    'webshopProduct',
    webshopProductWorkflowId(connection.id, source, delivery.resourceId),
    input,
    { deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt },
    { connectionId: connection.id, flow: WEBSHOP_PRODUCT_FLOW, sourceRef: `${source}:product:${delivery.resourceId}`, summary: webshopProductSummary(source, delivery.resourceId) },
  );
}
