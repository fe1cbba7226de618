import type { NetvisorSettings } from '../../config';
import { type EntityEvent, entityEventSignal } from '../common/entity-messages';
import { HELD_DOCUMENT_WAKE, netvisorSettingsOf } from '../common/master-data-wakes';
import type { TransferFlow } from '../common/transfer-flow';
import type { Generational } from '../common/generation';

/* F5's contract: workflow ids and input. Messages are the shared entity-transfer ones (common/entity-messages). */

export const NETVISOR_DOCUMENT_FLOW = { invoice: 'netvisor-invoice', order: 'netvisor-order' } as const;

/** `netvisor-invoice:{conn}:{rackbeatInvoiceNumber}` / `netvisor-order:{conn}:{rackbeatOrderNumber}`. */
export function netvisorDocumentWorkflowId(kind: 'invoice' | 'order', connectionId: string, number: string | number): string {
  return `${NETVISOR_DOCUMENT_FLOW[kind]}:${connectionId}:${number}`;
}

export function netvisorDocumentSummary(kind: 'invoice' | 'order', number: string | number): string {
  return `Rackbeat ${kind} ${number} → Netvisor sales ${kind}`;
}

export interface NetvisorDocumentInput extends Generational {
  connectionId: string;
  number: number;
  /** The connection's Netvisor settings when the transfer started. */
  settings: NetvisorSettings;
  /** Deliveries seen by the previous run (continue-as-new). */
  seen?: string[];
}

function netvisorDocumentTransfer<T extends 'netvisorInvoice' | 'netvisorOrder'>(kind: 'invoice' | 'order', workflowType: T, options: { resource: string; events: readonly string[] }): TransferFlow<string, NetvisorDocumentInput, [EntityEvent], T> {
  return {
    flow: NETVISOR_DOCUMENT_FLOW[kind],
    workflowType,
    signal: entityEventSignal,
    workflowId: (connectionId, number) => netvisorDocumentWorkflowId(kind, connectionId, number),
    input: (connection, number) => ({ connectionId: connection.id, number: Number(number), settings: netvisorSettingsOf(connection) }),
    sourceRef: (number) => `rackbeat:${kind}:${number}`,
    summary: (number) => netvisorDocumentSummary(kind, number),
    enabledFor: (connection) => connection.netvisor?.settings.transfer[kind === 'invoice' ? 'invoices' : 'orders'] === true,
    pausable: true,
    heldWake: HELD_DOCUMENT_WAKE,
    rackbeat: {
      resources: [options.resource],
      events: () => options.events,
      key: (change) => change.key,
      args: (change, receivedAt) => [{ deliveryId: change.deliveryId, event: change.event, receivedAt }],
    },
  };
}

/** F5 for invoices: no invoice event is attested, so the poller finds bookings. */
export const NETVISOR_INVOICE_TRANSFER = netvisorDocumentTransfer('invoice', 'netvisorInvoice', { resource: 'customer_invoice', events: [] });
/** F5 for orders: the shipment webhook makes the step prompt. */
export const NETVISOR_ORDER_TRANSFER = netvisorDocumentTransfer('order', 'netvisorOrder', { resource: 'order', events: ['order.shipped'] });
