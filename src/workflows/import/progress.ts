import { IMPORT_REASONS, type ImportKind, type ImportOutcome } from '../../domain/netvisor/import-mapping';
import type { ImportProgress } from './contract';

/** Bounded so the query answer and the continue-as-new input stay small, however large the import. */
export const MAX_LISTED_ITEMS = 200;

/**
 * Counts an import's outcomes. Pure: the workflow passes in times, so unit tests need no Temporal.
 * Unchanged records are counted but not listed: a re-run of a big import would fill the list with them.
 */
export class ImportTally {
  private readonly progress: ImportProgress;

  constructor(init: ImportProgress | { connectionId: string; kind: ImportKind; startedAt: string }) {
    this.progress =
      'state' in init
        ? { ...init, reasons: { ...init.reasons }, items: [...init.items] }
        : { connectionId: init.connectionId, kind: init.kind, state: 'running', done: 0, created: 0, updated: 0, skipped: 0, failed: 0, reasons: {}, items: [], itemsOmitted: 0, startedAt: init.startedAt };
  }

  add(outcomes: readonly ImportOutcome[], total: number): void {
    const p = this.progress;
    for (const outcome of outcomes) {
      p[outcome.action]++;
      p.done++;
      if (outcome.action === 'created' || outcome.action === 'updated') continue;
      const reason = outcome.reason ?? 'no reason given';
      p.reasons[reason] = (p.reasons[reason] ?? 0) + 1;
      if (reason === IMPORT_REASONS.unchanged) continue;
      if (p.items.length < MAX_LISTED_ITEMS) p.items.push(outcome);
      else p.itemsOmitted++;
    }
    // Records added in Netvisor while the import runs raise the total; never show done > total.
    p.total = Math.max(total, p.done);
  }

  complete(at: string): void {
    this.progress.state = 'completed';
    this.progress.finishedAt = at;
  }

  fail(at: string, error: string): void {
    this.progress.state = 'failed';
    this.progress.finishedAt = at;
    this.progress.error = error;
  }

  snapshot(): ImportProgress {
    const p = this.progress;
    return { ...p, reasons: { ...p.reasons }, items: p.items.map((i) => ({ ...i })) };
  }

  /** One line for the Web UI and logs. */
  line(): string {
    const p = this.progress;
    return `${p.done}${p.total === undefined ? '' : `/${p.total}`} ${p.kind}: ${p.created} created, ${p.updated} updated, ${p.skipped} skipped, ${p.failed} failed`;
  }
}
