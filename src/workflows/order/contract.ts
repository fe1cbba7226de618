import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OrderSettings } from '../../config';
import type { ShopRefund } from '../../domain/webshop/shop-refund';
import type { WebshopSource } from '../../domain/webshop/shops';
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
export const retrySignal = defineSignal<[]>('retry');
export const statusQuery = defineQuery<TransferStatus>('status');
