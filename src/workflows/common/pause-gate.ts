import { condition, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { PausedKey } from './search-attributes';
import { pauseChangedSignal } from '../control/contract';
import type { StatusRecorder } from './status-recorder';
import type { Generational } from './generation';
import { hasPatch } from './patches';

type Activities = ReturnType<typeof activities.createActivities>;
const control = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/** Histories recorded before pause existed never asked; they replay without the check. */
export const PAUSE_GATE_PATCH = 'pause-gate' as const;

/** A paused transfer asks again this often, in case a resume signal was missed (visibility lag). */
const RECHECK = '10 minutes';

/**
 * Stops a transfer before its next partner write while its connection or flow is paused
 * (`rackbridge pause`). It asks the connection's control workflow once when the run starts and
 * follows `pauseChanged` signals after; a paused transfer shows `RackbridgePaused` = true and
 * continues where it was on resume.
 */
export class PauseGate {
  private paused = false;
  private asked = false;
  private waitingPaused = false;
  private readonly enabled: boolean;

  constructor(
    private readonly connectionId: string,
    private readonly flow: string,
    input: Generational,
  ) {
    this.enabled = hasPatch(input, PAUSE_GATE_PATCH);
    setHandler(pauseChangedSignal, ({ paused }) => {
      this.paused = paused;
      this.asked = true;
    });
  }

  /** True while a transfer waits here for its resume. */
  get waiting(): boolean {
    return this.waitingPaused;
  }

  /** Call before each partner write: returns at once when not paused, else when resumed. */
  async pass(status: StatusRecorder, show: () => void): Promise<void> {
    if (!this.enabled) return;
    if (!this.asked) {
      this.asked = true;
      this.paused = await control.pauseState(this.connectionId, this.flow);
    }
    if (!this.paused) return;
    status.pause(true);
    status.step({ name: 'paused', at: new Date().toISOString(), result: 'skipped', detail: `the ${this.flow} flow of ${this.connectionId} is paused; continues on resume` });
    upsertSearchAttributes([{ key: PausedKey, value: true }]);
    show();
    this.waitingPaused = true;
    while (this.paused) {
      if (!(await condition(() => !this.paused, RECHECK))) this.paused = await control.pauseState(this.connectionId, this.flow);
    }
    this.waitingPaused = false;
    status.pause(false);
    status.step({ name: 'resumed', at: new Date().toISOString(), result: 'ok' });
    upsertSearchAttributes([{ key: PausedKey, value: false }]);
    show();
  }
}
