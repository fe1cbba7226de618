import type { TransferStage, TransferStatus, TransferStep } from './transfer-status';

/** Bounded so a long-lived workflow's query answer stays small. */
const MAX_STEPS = 100;

/**
 * Keeps a transfer's status as plain data. Pure: the workflow passes in the time, so the class
 * can be unit-tested without Temporal.
 */
export class StatusRecorder {
  private readonly status: TransferStatus;

  constructor(init: Pick<TransferStatus, 'workflowId' | 'flow' | 'connectionId' | 'sourceRef'> & { stage?: TransferStage; steps?: TransferStep[] }) {
    this.status = {
      ...init,
      stage: init.stage ?? 'RECEIVED',
      heldReason: undefined,
      heldMessage: undefined,
      targetRefs: [],
      steps: init.steps ?? [],
      nextStep: 'waiting for the first event',
    };
  }

  get stage(): TransferStage {
    return this.status.stage;
  }

  step(step: TransferStep): void {
    this.status.steps.push(step);
    if (this.status.steps.length > MAX_STEPS) this.status.steps.splice(0, this.status.steps.length - MAX_STEPS);
  }

  setTargets(refs: string[]): void {
    this.status.targetRefs = [...refs];
  }

  /** Moves to a stage; returns true when it changed (so search attributes need an upsert). */
  moveTo(stage: TransferStage, nextStep: string): boolean {
    const changed = stage !== this.status.stage;
    this.status.stage = stage;
    this.status.nextStep = nextStep;
    if (stage !== 'HELD') {
      this.status.heldReason = undefined;
      this.status.heldMessage = undefined;
    }
    return changed;
  }

  hold(reason: string, message: string, nextStep: string): boolean {
    const changed = this.status.stage !== 'HELD' || this.status.heldReason !== reason;
    this.status.stage = 'HELD';
    this.status.heldReason = reason;
    this.status.heldMessage = message;
    this.status.nextStep = nextStep;
    return changed;
  }

  private nextBeforePause: string | undefined;

  /** Paused by the operator (`rackbridge pause`), or resumed: the stage stays, the next step says why it waits. */
  pause(paused: boolean): void {
    if (paused === (this.status.paused === true)) return;
    if (paused) {
      this.nextBeforePause = this.status.nextStep;
      this.status.paused = true;
      this.status.nextStep = 'paused by the operator: continues where it was on `rackbridge resume`';
    } else {
      delete this.status.paused;
      this.status.nextStep = this.nextBeforePause ?? this.status.nextStep;
    }
  }

  snapshot(): TransferStatus {
    return { ...this.status, steps: [...this.status.steps], targetRefs: [...this.status.targetRefs] };
  }

  /** Markdown for the Web UI's "Current details". */
  details(): string {
    const s = this.status;
    const lines = [`**Stage:** ${s.stage}${s.paused ? ' (paused)' : ''}`, `**Next:** ${s.nextStep}`];
    if (s.heldReason) lines.push(`**Held:** \`${s.heldReason}\` — ${s.heldMessage ?? ''}`);
    const recent = s.steps.slice(-5).reverse();
    if (recent.length) {
      lines.push('', '| time | step | result |', '|---|---|---|');
      for (const step of recent) lines.push(`| ${step.at} | ${step.name} | ${step.result}${step.error ? `: ${step.error}` : step.detail ? `: ${step.detail}` : ''} |`);
    }
    return lines.join('\n');
  }
}
