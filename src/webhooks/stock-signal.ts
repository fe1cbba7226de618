import type { Connection } from '../config';
import type { Dispatcher } from './dispatch';

/**
 * F4: a Rackbeat `inventory.changed` for one product number → the connection's `stock:{conn}`
 * workflow (signal-with-start). Returns the workflow id. STUB: to be implemented with the stock flow.
 */
export async function signalStockChange(_dispatcher: Dispatcher, connection: Connection, _productNumber: string, _receivedAt: string): Promise<string> {
  return `stock:${connection.id}`;
}
