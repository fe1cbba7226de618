import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { HeldReasonKey, TargetRefsKey, TransferStageKey } from './search-attributes';
import type { StatusRecorder } from './status-recorder';

/** Stages worth a search-attribute upsert: where a transfer rests, or needs someone. */
const SETTLED = new Set(['HELD', 'DONE', 'CANCELLED']);

/**
 * What the Web UI and visibility show of a transfer: the searchable stage, held reason and target
 * references (upserted only when the transfer settles or its held reason changes) and the current
 * details (free, always current). Starts from the search attributes the run began with (start or
 * continue-as-new).
 */
export class TransferView {
  private shown: { stage: string; held: string; refs: string };

  /**
   * @param settledOnly passing stages (WAITING, PROCESSING) go to the current details only: every
   * upsert is a billed action, and the searches that matter ask for HELD or DONE. Transfers started
   * before this existed (recorded histories) upsert every change and replay so.
   */
  constructor(
    private readonly status: StatusRecorder,
    private readonly settledOnly: boolean,
  ) {
    const start = workflowInfo().typedSearchAttributes;
    this.shown = { stage: start.get(TransferStageKey) ?? '', held: start.get(HeldReasonKey) ?? '', refs: (start.get(TargetRefsKey) ?? []).join(',') };
  }

  show(heldCode: string | undefined, refs: string[]): void {
    this.status.setTargets(refs);
    const next = { stage: this.status.stage, held: heldCode ?? '', refs: refs.join(',') };
    const changed = next.stage !== this.shown.stage || next.held !== this.shown.held || next.refs !== this.shown.refs;
    const searchable = !this.settledOnly || next.held !== this.shown.held || SETTLED.has(next.stage);
    if (changed && searchable) {
      upsertSearchAttributes([
        { key: TransferStageKey, value: next.stage },
        { key: HeldReasonKey, value: heldCode ?? null },
        { key: TargetRefsKey, value: refs },
      ]);
      this.shown = next;
    }
    setCurrentDetails(this.status.details());
  }
}
