import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { failureMessage, listingSteps, quickSteps } from '../common/scheduled-run';
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_MAX_LOOKBACK_MS, DEFAULT_POLL_OVERLAP_MS, type RackbeatPollInput, type RackbeatPollResult } from './contract';

const quick = quickSteps;
const listing = listingSteps('30 minutes');

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
      result.resources[resource] = { error: failureMessage(err) };
    }
  }
  setCurrentDetails(describe(result));
  return result;
}


function describe(result: RackbeatPollResult): string {
  return Object.entries(result.resources)
    .map(([resource, r]) => ('error' in r ? `**${resource}**: failed — ${r.error}` : `**${resource}** since ${r.since}: ${r.listed} changed, ${r.woken} woken, ${r.skipped} already seen, ${r.requests} requests`))
    .join('\n');
}
