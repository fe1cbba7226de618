import { ApplicationFailure, proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_MAX_LOOKBACK_MS, DEFAULT_POLL_OVERLAP_MS, type RackbeatPollInput, type RackbeatPollResult } from './contract';

type Activities = ReturnType<typeof activities.createActivities>;

const NON_RETRYABLE = ['RejectedRequestError', 'AuthError', 'NotFoundError', 'ResponseShapeError', 'NotConfiguredError', 'ZodError'];
const quick = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE } });
// Bounded retries: a Rackbeat that stays down fails this run's listing, and its checkpoint carries over to the next run.
const listing = proxyActivities<Activities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '1 minute', retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE } });

/**
 * Run by the `rackbeat-poll:{conn}` schedule: for each resource, lists what changed since the last
 * completed run's checkpoint and wakes the transfers concerned, so no flow depends on a Rackbeat
 * webhook (webhooks only make it faster). A failing resource keeps its checkpoint for the next run.
 */
export async function rackbeatPoll(input: RackbeatPollInput): Promise<RackbeatPollResult> {
  const { workflowId, runStartTime } = workflowInfo();
  const previous = await quick.lastRackbeatPollCheckpoints({ connectionId: input.connectionId, exceptWorkflowId: workflowId });
  const result: RackbeatPollResult = { checkpoints: { ...previous }, resources: {} };
  const intervalMs = input.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const overlapMs = input.overlapMs ?? DEFAULT_POLL_OVERLAP_MS;
  const firstSince = new Date(runStartTime.getTime() - intervalMs - overlapMs).toISOString();

  for (const resource of input.resources) {
    try {
      const out = await listing.pollRackbeatResource({ connectionId: input.connectionId, resource, checkpoint: previous[resource], firstSince, overlapMs, maxLookbackMs: input.maxLookbackMs ?? DEFAULT_POLL_MAX_LOOKBACK_MS });
      result.checkpoints[resource] = out.checkpoint;
      result.resources[resource] = out.counts;
    } catch (err) {
      result.resources[resource] = { error: messageOf(err) };
    }
  }
  setCurrentDetails(describe(result));
  return result;
}

function messageOf(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof ApplicationFailure ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

function describe(result: RackbeatPollResult): string {
  return Object.entries(result.resources)
    .map(([resource, r]) => ('error' in r ? `**${resource}**: failed — ${r.error}` : `**${resource}** since ${r.since}: ${r.listed} changed, ${r.woken} woken, ${r.skipped} already seen, ${r.requests} requests`))
    .join('\n');
}
