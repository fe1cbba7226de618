import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TransferStatus } from './transfer-status';

/**
 * Messages of every one-document transfer (Netvisor documents, customers, products, webshop
 * documents). The names match the order lifecycle's, so `transfers retry` and `status` work on all.
 */

/** One webhook delivery as a transfer receives it; the payload is not kept (the source is re-read). */
export interface EntityEvent {
  /** The same delivery twice carries the same id. */
  deliveryId: string;
  /** e.g. `customer_invoice.booked`, `customer.updated`, `orders/paid`. */
  event: string;
  receivedAt: string;
}

export const entityEventSignal = defineSignal<[EntityEvent]>('entityEvent');
export const entityRetrySignal = defineSignal<[]>('retry');
export const entityStatusQuery = defineQuery<TransferStatus>('status');
