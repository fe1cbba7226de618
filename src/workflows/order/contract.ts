import { defineSignal } from '@temporalio/workflow';
import type { OrderSettings } from '../../config';
import type { ShopRefund } from '../../domain/webshop/shop-refund';
import { HELD_DOCUMENT_WAKE } from '../common/master-data-wakes';
import type { Generational } from '../common/generation';
import type { TransferFlow } from '../common/transfer-flow';
import { isIrrelevantUpdate } from '../../domain/rackbeat/order-changes';
import { orderAccountingOf } from '../../domain/order/accounting-systems';
import type { WebshopSource } from '../../domain/webshop/shops';

/*
 * The order flow's contract (F2): workflow id, messages and types. Webhook handlers, the CLI and
 * tests import ids and message names only from here.
 */

export const ORDER_FLOW = 'order';
export const ORDER_WORKFLOW_TYPE = 'orderLifecycle' as const;

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

export interface OrderLifecycleInput extends Generational {
  connectionId: string;
  orderNumber: string;
  /** The connection's settings when the transfer started; a running transfer keeps them. */
  settings: OrderSettings;
  /**
   * @deprecated Set by transfers started before the `settled-search-attributes` patch (the
   * workflow now decides with `patched()`); kept so their histories replay.
   */
  searchAttributeUpserts?: 'settled';
}

/**
 * A webshop payment, as the webshop transfer read it from the shop order. Rackbeat orders have no
 * attested paid flag (rackbeat-verified §0.7), so the payment comes with the webshop's signal.
 */
export interface WebshopPayment {
  source: WebshopSource;
  shopOrderId: string;
  /** Gross amount paid in the shop, in cents of `currency`. */
  amountCents: number;
  currency: string;
  /** e.g. `shopify_payments`, `Direct bank transfer`; for the voucher text. */
  gateway: string | null;
}

/**
 * One event, as the workflow receives it: a Rackbeat webhook delivery (thin: the order is
 * re-read), or `webshop.booked` from the webshop transfer that booked the order.
 */
export interface OrderEvent {
  /** Identifies the delivery: the same bytes delivered twice carry the same id. */
  deliveryId: string;
  /** Rackbeat event name, e.g. `order.booked`; `customer.updated`/`product.updated` wake held transfers. */
  event: string;
  /** Keys Rackbeat says changed (updated events). */
  changed?: string[];
  receivedAt: string;
  /** `webshop.booked` of a paid shop order: the payment to register in e-conomic. */
  payment?: WebshopPayment;
  /** `webshop.refunded`: a shop refund to take off the draft, or to credit once invoiced. */
  refund?: ShopRefund;
}

/** The event the webshop transfer signals after it booked the Rackbeat order (F1 → F2). */
export const WEBSHOP_BOOKED_EVENT = 'webshop.booked';

/** `webshop:{source}:{shopOrderId}:booked`, with `:paid` once the shop order is paid, so a later payment is not de-duplicated away. */
export function webshopBookedDeliveryId(source: WebshopSource, shopOrderId: string, paid: boolean): string {
  return `webshop:${source}:${shopOrderId}:booked${paid ? ':paid' : ''}`;
}

/** The event the webshop refund transfer signals with one shop refund (docs/refunds.md). */
export const WEBSHOP_REFUNDED_EVENT = 'webshop.refunded';

/** `webshop:{source}:refund:{refundId}`: one per refund, so a repeated forward is de-duplicated. */
export function webshopRefundDeliveryId(source: WebshopSource, refundId: string): string {
  return `webshop:${source}:refund:${refundId}`;
}

/** A signal, not an update: the webhook must be durable without waiting for a worker. */
export const orderEventSignal = defineSignal<[OrderEvent]>('orderEvent');
export { retrySignal, statusQuery } from '../common/entity-messages';

/** F2's descriptor: Rackbeat orders of connections with e-conomic; shipping is what invoices, so its webhook is subscribed. */
export const ORDER_TRANSFER: TransferFlow<string, OrderLifecycleInput, [OrderEvent], typeof ORDER_WORKFLOW_TYPE> = {
  flow: ORDER_FLOW,
  workflowType: ORDER_WORKFLOW_TYPE,
  signal: orderEventSignal,
  workflowId: orderWorkflowId,
  input: (connection, orderNumber) => ({ connectionId: connection.id, orderNumber, settings: connection.orders }),
  sourceRef: (orderNumber) => `rackbeat:order:${orderNumber}`,
  summary: orderSummary,
  enabledFor: (connection) => orderAccountingOf(connection) !== undefined,
  pausable: true,
  heldWake: { on: HELD_DOCUMENT_WAKE.on, args: (wake) => [wake] },
  rackbeat: {
    resources: ['order'],
    // order.created is not subscribed: a new order is a draft, and its booking (no attested event) comes from the poller.
    events: () => ['order.shipped'],
    key: (change) => change.key,
    args: (change, receivedAt) => [{ deliveryId: change.deliveryId, event: change.event, ...(change.changed ? { changed: change.changed } : {}), receivedAt }],
    ignore: (change) => (isIrrelevantUpdate(change) ? `${change.event} changed only ${change.changed?.join(', ') ?? ''}` : undefined),
  },
};
