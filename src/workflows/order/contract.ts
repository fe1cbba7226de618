import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OrderSettings } from '../../config';
import type { TransferStatus } from '../common/transfer-status';

/*
 * The order flow's contract (F2): workflow id, messages and types. Webhook handlers, the CLI and
 * tests import ids and message names only from here.
 */

export const ORDER_FLOW = 'order';
export const ORDER_WORKFLOW_TYPE = 'orderLifecycle';

/** `order:{connectionId}:{rackbeatOrderNumber}`; deterministic so duplicate deliveries meet one workflow. */
export function orderWorkflowId(connectionId: string, rackbeatOrderNumber: string | number): string {
  return `order:${connectionId}:${rackbeatOrderNumber}`;
}

export function parseOrderWorkflowId(workflowId: string): { connectionId: string; orderNumber: string } | undefined {
  const match = /^order:([a-z0-9][a-z0-9-]*):(.+)$/.exec(workflowId);
  return match ? { connectionId: match[1]!, orderNumber: match[2]! } : undefined;
}

export function orderSummary(orderNumber: string | number): string {
  return `Rackbeat order ${orderNumber} → e-conomic`;
}

export interface OrderLifecycleInput {
  connectionId: string;
  orderNumber: string;
  /** The connection's settings when the transfer started; a running transfer keeps them. */
  settings: OrderSettings;
  /**
   * `settled`: search attributes change only when the transfer is held, done or cancelled (one
   * billed action less per order); absent in transfers started before, which keep their behaviour.
   */
  searchAttributeUpserts?: 'settled';
}

/** One Rackbeat webhook delivery, as the workflow receives it. The payload itself is not kept: it is thin, the order is re-read. */
export interface OrderEvent {
  /** Identifies the delivery: the same bytes delivered twice carry the same id. */
  deliveryId: string;
  /** Rackbeat event name, e.g. `order.booked`; `customer.updated`/`product.updated` wake held transfers. */
  event: string;
  /** Keys Rackbeat says changed (updated events). */
  changed?: string[];
  receivedAt: string;
}

/** A signal, not an update: the webhook must be durable without waiting for a worker. */
export const orderEventSignal = defineSignal<[OrderEvent]>('orderEvent');
export const retrySignal = defineSignal<[]>('retry');
export const statusQuery = defineQuery<TransferStatus>('status');
