import type { Hold } from './order-types';

/*
 * What one-document transfers (Netvisor, webshop orders, master data) return to their workflows:
 * plain data, small enough for history.
 */

export interface TransferContext {
  connectionId: string;
  workflowId: string;
  /** e.g. `rackbeat:invoice:5001`, for notifications. */
  source: string;
}

/** Rackbeat's `updated_at` of the document read, when the step read one: the poller skips changes a finished transfer saw. */
export type TransferOutcome = (

  /** Written (or found already written); `ref` names the Netvisor record, e.g. `netvisor:invoice:5001`. */
  | { result: 'done'; did: string; ref?: string }
  /** Nothing to do yet (the Rackbeat document is not booked). */
  | { result: 'waiting'; did: string }
  /** Nothing to do ever (cancelled, deleted with propagation off). */
  | { result: 'skipped'; did: string }
  /** A seed rule failed: nothing was written. */
  | { result: 'held'; did: string; hold: Hold }
) & { sourceUpdatedAt?: string };
