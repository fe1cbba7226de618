/** What Temporal knows of one shop order's `webshopOrder` workflow. */
export type TransferState =
  | { kind: 'absent' }
  | { kind: 'running' }
  /** The latest run has closed; `lastReadAtMs` is when its last `syncWebshopOrder` was scheduled (it read the order after that). */
  | { kind: 'closed'; lastReadAtMs: number | undefined; sourceUpdatedAt?: string };

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
