import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { HeldReasonKey, TargetRefsKey, TransferStageKey } from '../../temporal/search-attributes';
import type { StatusRecorder } from './status-recorder';

/**
 * What the Web UI and visibility show of a transfer: the searchable stage, held reason and target
 * references (upserted only when they change: each upsert is a billed action) and the current
 * details (free). Starts from the search attributes the run began with (start or continue-as-new).
 */
export class TransferView {
  private shown: { stage: string; held: string; refs: string };

  constructor(private readonly status: StatusRecorder) {
    const start = workflowInfo().typedSearchAttributes;
    this.shown = { stage: start.get(TransferStageKey) ?? '', held: start.get(HeldReasonKey) ?? '', refs: (start.get(TargetRefsKey) ?? []).join(',') };
  }

  show(heldCode: string | undefined, refs: string[]): void {
    this.status.setTargets(refs);
    const next = { stage: this.status.stage, held: heldCode ?? '', refs: refs.join(',') };
    if (next.stage !== this.shown.stage || next.held !== this.shown.held || next.refs !== this.shown.refs) {
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
