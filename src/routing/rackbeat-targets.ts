import type { Connection } from '../config';
import { type EntityEvent, entityEventSignal } from '../workflows/common/entity-messages';
import { CUSTOMER_FLOW, customerWorkflowId, type MasterDataSyncInput, PRODUCT_FLOW, productWorkflowId } from '../workflows/master-data/contract';
import { NETVISOR_DOCUMENT_FLOW, netvisorDocumentSummary, netvisorDocumentWorkflowId } from '../workflows/netvisor/contract';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, orderSummary, orderWorkflowId } from '../workflows/order/contract';
import { isIrrelevantUpdate } from '../workflows/order/wake';
import { STOCK_FLOW, type StockChanged, type StockShop, type StockSyncInput, stockChangedSignal, stockSummary, stockWorkflowId } from '../workflows/stock/contract';
import type { RackbeatChange } from './rackbeat-change';
import { target, type TransferTarget } from './transfer-target';

/** What one Rackbeat change asks for: transfers to start or wake, held transfers to wake, or a poll now. */
export interface RackbeatRoute {
  targets: TransferTarget[];
  /** A customer, product or BOM changed: held document transfers re-check (each re-reads). */
  wakeHeld: boolean;
  /** The key cannot address the document (not a number): the poller finds the change instead. */
  pollNow: boolean;
  /** Why nothing is done, when nothing is. */
  ignored?: string;
}

/**
 * Which transfers a Rackbeat change concerns, by its resource — never by an event name that no
 * source attests (docs/connectors/rackbeat.md): any order event wakes the order's transfers,
 * which read the order and decide; the same for invoices, customers and products. Pure.
 */
export function routeRackbeatChange(connection: Connection, change: RackbeatChange, receivedAt: string): RackbeatRoute {
  const none = (ignored: string): RackbeatRoute => ({ targets: [], wakeHeld: false, pollNow: false, ignored });
  const netvisor = connection.netvisor?.settings;
  const connectionId = connection.id;
  const entityEvent: EntityEvent = { deliveryId: change.deliveryId, event: change.event, receivedAt };
  const { key } = change;

  if (change.resource === 'inventory') {
    if (!connection.shopify && !connection.woocommerce) return none(`connection ${connectionId} has no shop to send stock to`);
    if (change.itemType !== undefined && change.itemType !== 'product') return none(`stock of ${change.itemType} items is not sent to shops`);
    if (change.changeType !== undefined && change.changeType !== 'stock') return none(`inventory change of type ${change.changeType} is not a stock change`);
    return { targets: [stockTarget(connection, key, receivedAt)], wakeHeld: false, pollNow: false };
  }
  if (change.keyName !== 'number') return { targets: [], wakeHeld: false, pollNow: true, ignored: `key_name '${change.keyName}' does not name a Rackbeat number; the poller looks for the change now` };

  switch (change.resource) {
    case 'order': {
      if (isIrrelevantUpdate(change)) return none(`${change.event} changed only ${change.changed?.join(', ') ?? ''}`);
      const targets: TransferTarget[] = [];
      if (connection.economic) targets.push(orderTarget(connection, change, receivedAt));
      if (netvisor?.transfer.orders) targets.push(netvisorDocumentTarget('order', connection, key, entityEvent));
      return targets.length ? { targets, wakeHeld: false, pollNow: false } : none(`no flow of connection ${connectionId} handles orders`);
    }
    case 'customer_invoice':
      if (!netvisor?.transfer.invoices) return none(`no flow of connection ${connectionId} handles customer invoices`);
      return { targets: [netvisorDocumentTarget('invoice', connection, key, entityEvent)], wakeHeld: false, pollNow: false };
    case 'customer':
    case 'product': {
      const isCustomer = change.resource === 'customer';
      // A product converted to a BOM fires product.deleted, yet lives on as a lot: nothing to deactivate.
      const sync = netvisor && (isCustomer ? netvisor.transfer.customers : netvisor.transfer.products) && !change.convertedToLot;
      const input: MasterDataSyncInput | undefined = netvisor && { connectionId, number: key, netvisor };
      const targets = sync && input
        ? [
            target({
              workflowType: isCustomer ? 'customerSync' : 'productSync',
              workflowId: isCustomer ? customerWorkflowId(connectionId, key) : productWorkflowId(connectionId, key),
              input,
              signal: entityEventSignal,
              signalArgs: [entityEvent],
              meta: { connectionId, flow: isCustomer ? CUSTOMER_FLOW : PRODUCT_FLOW, sourceRef: `rackbeat:${change.resource}:${key}`, summary: `Rackbeat ${change.resource} ${key} → Netvisor` },
            }),
          ]
        : [];
      return { targets, wakeHeld: true, pollNow: false };
    }
    case 'lot':
      // A new BOM may be what a held document waits for.
      return { targets: [], wakeHeld: true, pollNow: false };
    default:
      return none(`no flow of connection ${connectionId} handles ${change.event}`);
  }
}

/** F5: the Netvisor transfer of one Rackbeat invoice or order; it waits until the document is booked. */
function netvisorDocumentTarget(kind: 'invoice' | 'order', connection: Connection, key: string, event: EntityEvent): TransferTarget {
  const connectionId = connection.id;
  return target({
    workflowType: kind === 'invoice' ? 'netvisorInvoice' : 'netvisorOrder',
    workflowId: netvisorDocumentWorkflowId(kind, connectionId, key),
    input: { connectionId, number: Number(key), settings: connection.netvisor?.settings },
    signal: entityEventSignal,
    signalArgs: [event],
    meta: { connectionId, flow: NETVISOR_DOCUMENT_FLOW[kind], sourceRef: `rackbeat:${kind}:${key}`, summary: netvisorDocumentSummary(kind, key) },
  });
}

function orderTarget(connection: Connection, change: RackbeatChange, receivedAt: string): TransferTarget {
  const input: OrderLifecycleInput = { connectionId: connection.id, orderNumber: change.key, settings: connection.orders, searchAttributeUpserts: 'settled' };
  const event: OrderEvent = { deliveryId: change.deliveryId, event: change.event, ...(change.changed ? { changed: change.changed } : {}), receivedAt };
  return target({
    workflowType: 'orderLifecycle',
    workflowId: orderWorkflowId(connection.id, change.key),
    input,
    signal: orderEventSignal,
    signalArgs: [event],
    meta: { connectionId: connection.id, flow: ORDER_FLOW, sourceRef: `rackbeat:order:${change.key}`, summary: orderSummary(change.key) },
  });
}

/**
 * F4: the connection's one `stock:{conn}` workflow. The quantity is not passed: the workflow reads
 * Rackbeat when it flushes, so a late or repeated delivery cannot write an old value.
 */
export function stockTarget(connection: Connection, productNumber: string, receivedAt: string): TransferTarget {
  const shops: StockShop[] = [...(connection.shopify ? (['shopify'] as const) : []), ...(connection.woocommerce ? (['woocommerce'] as const) : [])];
  const input: StockSyncInput = { connectionId: connection.id, shops };
  // A repeated delivery only re-queues the SKU: the flush reads Rackbeat after every change.
  const change: StockChanged = { sku: productNumber, at: receivedAt, deliveryId: `inventory.changed:${productNumber}:${receivedAt}` };
  return target({
    workflowType: 'stockSync',
    workflowId: stockWorkflowId(connection.id),
    input,
    signal: stockChangedSignal,
    signalArgs: [change],
    meta: { connectionId: connection.id, flow: STOCK_FLOW, sourceRef: 'rackbeat:inventory', summary: stockSummary(connection.id) },
  });
}
