/** What Temporal knows of one shop order's `webshopOrder` workflow. */
export type TransferState =
  | { kind: 'absent' }
  | { kind: 'running' }
  /** The latest run has closed; `lastReadAtMs` is when its last `syncWebshopOrder` was scheduled (it read the order after that). */
  | {
      kind: 'closed';
      lastReadAtMs: number | undefined;
      sourceUpdatedAt?: string;
      /** It returned (was not failed, terminated, cancelled or timed out). */
      completed?: boolean;
    };

export type ReconcileDecision = 'start' | 'wake' | 'rerun' | 'skip';

/**
 * Shop timestamps are whole seconds and come from the shop's clock: a read counts as having
 * seen a change only when it was scheduled at least this long after the change. @default 2000
 */
export const DEFAULT_CLOCK_MARGIN_MS = 2_000;

/**
 * Whether a changed shop order needs its transfer started or woken. A closed transfer that read
 * the order after this change is skipped (no signal, so no billed action); anything else is
 * signalled, and the workflow drops a `reconcile:{updated_at}` delivery it has already seen.
 */
export function decideReconcile(state: TransferState, updatedAtMs: number, marginMs = DEFAULT_CLOCK_MARGIN_MS): ReconcileDecision {
  if (state.kind === 'absent') return 'start';
  if (state.kind === 'running') return 'wake';
  return state.lastReadAtMs !== undefined && state.lastReadAtMs >= updatedAtMs + marginMs ? 'skip' : 'rerun';
}

/**
 * Whether a refund a changed order lists needs its transfer started or woken, for a shop that
 * sends each refund in a delivery of its own (Shopify `refunds/create`): the order transfer having
 * read the order's change says nothing of the refund's delivery, so the refund transfer's own state
 * decides. A refund never changes once made, and its transfer exists only once a delivery of it
 * arrived, so one that completed after running its step has handed the refund over: skipped (no
 * signal, no second hand-over), with no clock margin needed.
 */
export function decideRefundReconcile(state: TransferState): ReconcileDecision {
  if (state.kind === 'absent') return 'start';
  if (state.kind === 'running') return 'wake';
  return state.completed === true && state.lastReadAtMs !== undefined ? 'skip' : 'rerun';
}
