import { workflowInfo } from '@temporalio/workflow';
import type { TransferOutcome } from '../../activities/transfer-types';
import { type EntityEvent, entityEventSignal } from './entity-messages';
import { holdFromStepFailure } from './step-failure';
import { TransferLoop } from './transfer-loop';

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

/** What a finished transfer did, and the source's `updated_at` it read last (the poller skips changes it saw). */
export interface EntityTransferResult {
  did: string;
  sourceUpdatedAt?: string;
}

/**
 * The loop of a one-document transfer (DESIGN.md §2, §4): each event or retry runs the step;
 * `done`/`skipped` finish the workflow, `waiting` waits for the next event, `held` records the
 * reason, notifies once per reason and waits for a change or a retry. A later event after the
 * workflow finished starts a new run with the same id, whose step finds the earlier write.
 */
export async function runEntityTransfer(options: EntityTransferOptions): Promise<EntityTransferResult> {
  const { workflowId } = workflowInfo();
  const loop = new TransferLoop<EntityEvent>({
    connectionId: options.connectionId,
    flow: options.flow,
    sourceRef: options.sourceRef,
    input: options,
    eventSignal: entityEventSignal,
    arrivalStep: (event) => ({ name: `received ${event.event}`, at: event.receivedAt, result: 'ok' }),
    settledSearchAttributes: true,
    notifyContext: { connectionId: options.connectionId, workflowId, source: options.sourceRef },
    ...(options.resumesOn ? { resumesOn: options.resumesOn } : {}),
    seen: options.seen,
  });
  const { status } = loop;
  let refs: string[] = [];
  const show = (): void => loop.show(refs);

  let sourceUpdatedAt: string | undefined;
  for (;;) {
    await loop.next();
    await loop.pass(show);
    const at = new Date().toISOString();
    let outcome: TransferOutcome;
    try {
      outcome = await options.step.run();
      if (outcome.sourceUpdatedAt) sourceUpdatedAt = outcome.sourceUpdatedAt;
    } catch (err) {
      const reason = holdFromStepFailure(err, options.step.name, options.target);
      status.step({ name: options.step.name, at, result: 'held', error: reason.code });
      await loop.holdOn(reason);
      show();
      continue;
    }
    if (outcome.result === 'held') {
      status.step({ name: options.step.name, at, result: 'held', error: outcome.hold.code, detail: outcome.did });
      await loop.holdOn(outcome.hold);
    } else {
      loop.clearHold();
      status.step({ name: options.step.name, at, result: outcome.result === 'skipped' ? 'skipped' : 'ok', detail: outcome.did });
      if (outcome.result === 'done' && outcome.ref) refs = [outcome.ref];
      if (outcome.result === 'waiting') status.moveTo('WAITING', options.waitingFor);
      else {
        status.moveTo(outcome.result === 'done' ? 'DONE' : 'CANCELLED', 'nothing');
        // Events that arrived during the step are handled by this run, not lost to a finished one.
        if (loop.idle) {
          show();
          return { did: outcome.did, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) };
        }
      }
    }
    show();
    if (loop.shouldContinueAsNew) await options.continueAsNew(loop.seenDeliveries());
  }
}
