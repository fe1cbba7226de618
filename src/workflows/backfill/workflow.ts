import { continueAsNew, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type BackfillInput, type BackfillProgress, backfillProgressQuery, DEFAULT_BACKFILL_PER_MINUTE } from './contract';

type Activities = ReturnType<typeof activities.createActivities>;
const starts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumInterval: '1 minute' } });

/** Batches per minute: the rate is kept in small steps, not one burst a minute. */
const BATCHES_PER_MINUTE = 6;

/**
 * Starts (signal-with-start) the transfer of each listed document, `perMinute` a minute. The
 * delivery id is `backfill:{number}`, so a document started twice is one delivery to its transfer;
 * the transfers themselves find what e-conomic already has by reference. Resumable: the position
 * is the workflow's own state, carried across continue-as-new.
 */
export async function backfill(input: BackfillInput): Promise<BackfillProgress> {
  const perMinute = Math.max(1, input.perMinute ?? DEFAULT_BACKFILL_PER_MINUTE);
  const batch = Math.max(1, Math.ceil(perMinute / BATCHES_PER_MINUTE));
  let next = input.startAt ?? 0;
  const progress = (): BackfillProgress => ({ total: input.numbers.length, started: next, done: next >= input.numbers.length });
  setHandler(backfillProgressQuery, progress);
  while (next < input.numbers.length) {
    const numbers = input.numbers.slice(next, next + batch);
    await starts.startBackfillTransfers({ connectionId: input.connectionId, flow: input.flow, numbers });
    next += numbers.length;
    if (next >= input.numbers.length) break;
    await sleep(Math.round((60_000 * batch) / perMinute));
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof backfill>({ ...input, startAt: next });
  }
  return progress();
}
