import type { Connection } from '../config';
import { STOCK_FLOW, type StockChanged, type StockShop, type StockSyncInput, stockChangedSignal, stockSummary, stockWorkflowId } from '../workflows/stock/contract';
import type { Dispatcher } from './dispatch';

/**
 * F4: a Rackbeat `inventory.changed` for one product number → the connection's `stock:{conn}`
 * workflow (signal-with-start). Returns the workflow id. The quantity is not passed: the workflow
 * reads Rackbeat when it flushes, so a late or repeated delivery cannot write an old value.
 */
export async function signalStockChange(dispatcher: Dispatcher, connection: Connection, productNumber: string, receivedAt: string): Promise<string> {
  const shops: StockShop[] = [...(connection.shopify ? (['shopify'] as const) : []), ...(connection.woocommerce ? (['woocommerce'] as const) : [])];
  const input: StockSyncInput = { connectionId: connection.id, shops };
  // Rackbeat's delivery id does not reach this hook. A repeated delivery only re-queues the SKU, and two
  // deliveries collapsing on the same millisecond are safe: the flush reads Rackbeat after both changes.
  const change: StockChanged = { sku: productNumber, at: receivedAt, deliveryId: `inventory.changed:${productNumber}:${receivedAt}` };
  return dispatcher.signalWithStart('stockSync', stockWorkflowId(connection.id), input, stockChangedSignal, [change], {
    connectionId: connection.id,
    flow: STOCK_FLOW,
    sourceRef: 'rackbeat:inventory',
    summary: stockSummary(connection.id),
  });
}
