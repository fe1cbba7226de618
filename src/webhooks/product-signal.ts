import type { Connection } from '../config';
import type { WebshopSource } from '../workflows/webshop/contract';
import type { Dispatcher } from './dispatch';

/**
 * F3 with the webshop as product master: a shop product webhook → the product's transfer
 * workflow (signal-with-start). Returns the workflow id. STUB: to be implemented with the product flow.
 */
export async function signalWebshopProduct(
  _dispatcher: Dispatcher,
  connection: Connection,
  source: WebshopSource,
  delivery: { topic: string; resourceId: string; deliveryId: string },
  _receivedAt: string,
): Promise<string> {
  return `webshop-product:${connection.id}:${source}-${delivery.resourceId}`;
}
