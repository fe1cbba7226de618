import type { StatusRecorder } from './status-recorder';
import type { TransferStep } from './transfer-status';

/**
 * Records one "received …" step per delivered event. The transfer's loop records the events it
 * takes; while the transfer waits paused the loop is not running, so an event that arrives then is
 * recorded at once (the operator sees the webhook was received) and not again when the loop takes
 * it on resume. Only in-memory status changes: no command, so histories replay unchanged.
 */
export class ArrivalSteps<E extends object> {
  private readonly recordedEarly = new Set<E>();

  constructor(
    private readonly status: StatusRecorder,
    private readonly stepOf: (event: E) => TransferStep,
  ) {}

  arrived(event: E, waitingPaused: boolean): void {
    if (!waitingPaused) return;
    this.status.step(this.stepOf(event));
    this.recordedEarly.add(event);
  }

  taken(events: readonly E[]): void {
    for (const event of events) if (!this.recordedEarly.delete(event)) this.status.step(this.stepOf(event));
  }
}
