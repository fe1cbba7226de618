import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { TransferOutcome } from '../../activities/transfer-types';
import type { Hold } from '../../activities/order-types';
import { DeliveryDedup } from './delivery-dedup';
import { ArrivalSteps } from './arrival-steps';
import { PauseGate } from './pause-gate';
import { holdFromStepFailure } from './step-failure';
import { StatusRecorder } from './status-recorder';
import { TransferView } from './transfer-view';
import { type EntityEvent, entityEventSignal, entityRetrySignal, entityStatusQuery } from './entity-messages';

type Activities = ReturnType<typeof activities.createActivities>;
const notifications = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5 } });

export interface EntityTransferOptions {
  connectionId: string;
  flow: string;
  /** e.g. `rackbeat:invoice:5001`. */
  sourceRef: string;
  /** One step: re-read the source and act. Throws only for failures the activity could not classify. */
  step: { name: string; run: () => Promise<TransferOutcome> };
  /** Systems named in holds made from unexpected failures, e.g. `Netvisor`. */
  target: string;
  /** What a waiting transfer waits for, in words. */
  waitingFor: string;
  /** Where a change resumes a held transfer, in words. @default a change in Rackbeat */
  resumesOn?: string;
  /** Deliveries already seen by an earlier run of this workflow (continue-as-new). */
  seen?: string[];
  /** The generation of the transfer's input (workflows/common/generation.ts). */
  generation?: number;
  /** The workflow's own typed continue-as-new, carrying the deliveries seen. */
  continueAsNew: (seen: string[]) => Promise<never>;
}

/**
 * The loop of a one-document transfer (DESIGN.md §2, §4): each event or retry runs the step;
 * `done`/`skipped` finish the workflow, `waiting` waits for the next event, `held` records the
 * reason, notifies once per reason and waits for a change or a retry. A later event after the
 * workflow finished starts a new run with the same id, whose step finds the earlier write.
 */
/** What a finished transfer did, and the source's `updated_at` it read last (the poller skips changes it saw). */
export interface EntityTransferResult {
  did: string;
  sourceUpdatedAt?: string;
}

export async function runEntityTransfer(options: EntityTransferOptions): Promise<EntityTransferResult> {
  const { workflowId } = workflowInfo();
  const status = new StatusRecorder({ workflowId, flow: options.flow, connectionId: options.connectionId, sourceRef: options.sourceRef });
  const dedup = new DeliveryDedup(options.seen);
  const pending: EntityEvent[] = [];
  let retry = false;
  let hold: Hold | undefined;
  let refs: string[] = [];
  const view = new TransferView(status, true);
  const gate = new PauseGate(options.connectionId, options.flow, options);
  const arrivals = new ArrivalSteps<EntityEvent>(status, (event) => ({ name: `received ${event.event}`, at: event.receivedAt, result: 'ok' }));

  setHandler(entityEventSignal, (event) => {
    if (!dedup.firstSeen(event.deliveryId)) return;
    pending.push(event);
    arrivals.arrived(event, gate.waiting);
  });
  setHandler(entityRetrySignal, () => {
    retry = true;
  });
  setHandler(entityStatusQuery, () => status.snapshot());

  const now = (): string => new Date().toISOString();
  const show = (): void => view.show(hold?.code, refs);
  const holdOn = async (reason: Hold): Promise<void> => {
    const changed = hold?.code !== reason.code;
    hold = reason;
    status.hold(reason.code, reason.message, `waiting for ${options.resumesOn ?? 'a change in Rackbeat'} or a retry signal`);
    if (!changed) return;
    try {
      await notifications.notifyHeld({ connectionId: options.connectionId, workflowId, source: options.sourceRef }, reason);
    } catch {
      status.step({ name: 'notify', at: now(), result: 'failed', error: 'the notification could not be delivered' });
    }
  };

  let sourceUpdatedAt: string | undefined;
  for (;;) {
    await condition(() => pending.length > 0 || retry);
    arrivals.taken(pending.splice(0, pending.length));
    if (retry) status.step({ name: 'retry requested', at: now(), result: 'ok' });
    retry = false;

    await gate.pass(status, () => show());
    const at = now();
    let outcome: TransferOutcome;
    try {
      outcome = await options.step.run();
      if (outcome.sourceUpdatedAt) sourceUpdatedAt = outcome.sourceUpdatedAt;
    } catch (err) {
      const reason = holdFromStepFailure(err, options.step.name, options.target);
      status.step({ name: options.step.name, at, result: 'held', error: reason.code });
      await holdOn(reason);
      show();
      continue;
    }
    if (outcome.result === 'held') {
      status.step({ name: options.step.name, at, result: 'held', error: outcome.hold.code, detail: outcome.did });
      await holdOn(outcome.hold);
    } else {
      hold = undefined;
      status.step({ name: options.step.name, at, result: outcome.result === 'skipped' ? 'skipped' : 'ok', detail: outcome.did });
      if (outcome.result === 'done' && outcome.ref) refs = [outcome.ref];
      if (outcome.result === 'waiting') status.moveTo('WAITING', options.waitingFor);
      else {
        status.moveTo(outcome.result === 'done' ? 'DONE' : 'CANCELLED', 'nothing');
        // Events that arrived during the step are handled by this run, not lost to a finished one.
        if (pending.length === 0 && !retry) {
          show();
          return { did: outcome.did, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) };
        }
      }
    }
    show();
    const info = workflowInfo();
    if ((info.continueAsNewSuggested || info.historyLength > 2_000) && pending.length === 0 && !retry) {
      await options.continueAsNew(dedup.toArray());
    }
  }
}
