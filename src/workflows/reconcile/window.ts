import type { WindowBasis } from './contract';

export interface ReconcileWindowInput {
  /** Where the last completed reconcile of this shop stopped listing (ISO), if any is known. */
  checkpoint: string | undefined;
  runStartedAt: Date;
  intervalMs: number;
  overlapMs: number;
  maxLookbackMs: number;
}

/**
 * The start of the window of changed orders to list. From the last completed run's checkpoint
 * rather than from this run's scheduled time: runs skipped for overlap, a paused schedule, a
 * worker outage or a failed listing then leave no gap. Without a checkpoint (first run, or none
 * within visibility retention) it reaches back one interval. Always minus the overlap.
 */
export function reconcileWindow(input: ReconcileWindowInput): { since: Date; basis: WindowBasis } {
  const now = input.runStartedAt.getTime();
  const checkpoint = input.checkpoint === undefined ? NaN : Date.parse(input.checkpoint);
  if (Number.isNaN(checkpoint)) return { since: new Date(now - input.intervalMs - input.overlapMs), basis: 'first-run' };
  const since = checkpoint - input.overlapMs;
  const oldest = now - input.maxLookbackMs;
  return since < oldest ? { since: new Date(oldest), basis: 'capped' } : { since: new Date(since), basis: 'checkpoint' };
}
