import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TransferStatus } from './transfer-status';

/**
 * Messages of every transfer: the `status` query and the `retry` signal are defined here once and
 * answered by every flow (the order lifecycle, the one-document transfers, stock, imports), so
 * `transfers show` and `transfers retry` work on all. `entityEvent` wakes the one-document ones.
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
export const retrySignal = defineSignal<[]>('retry');
export const statusQuery = defineQuery<TransferStatus>('status');

/** The same messages under the names the one-document transfers have used. */
export { retrySignal as entityRetrySignal, statusQuery as entityStatusQuery };
