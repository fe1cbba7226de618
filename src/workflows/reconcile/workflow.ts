import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { failureMessage, listingSteps, quickSteps } from '../common/scheduled-run';
import {
  DEFAULT_RECONCILE_INTERVAL_MS,
  DEFAULT_RECONCILE_MAX_LOOKBACK_MS,
  DEFAULT_RECONCILE_OVERLAP_MS,
  type WebshopReconcileInput,
  type WebshopReconcileResult,
} from './contract';
import { reconcileWindow } from './window';

const quick = quickSteps;
const listing = listingSteps('10 minutes');

/**
 * Run by the `webshop-reconcile:{conn}` schedule: lists each shop's orders changed since the last
 * completed run's checkpoint and starts or wakes their `webshopOrder` transfers, so an order whose
 * webhook was lost is still transferred, once. Then re-registers missing or disabled webhooks.
 * A failing shop does not fail the run: its error is reported and its checkpoint kept.
 */
export async function webshopReconcile(input: WebshopReconcileInput): Promise<WebshopReconcileResult> {
  const { workflowId, runStartTime } = workflowInfo();
  const previous = await quick.lastReconcileCheckpoints({ connectionId: input.connectionId, exceptWorkflowId: workflowId });
  const result: WebshopReconcileResult = { checkpoints: { ...previous }, sources: {}, webhooks: [] };

  for (const source of input.sources) {
    const span = reconcileWindow({
      checkpoint: previous[source],
      runStartedAt: runStartTime,
      intervalMs: input.intervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS,
      overlapMs: input.overlapMs ?? DEFAULT_RECONCILE_OVERLAP_MS,
      maxLookbackMs: input.maxLookbackMs ?? DEFAULT_RECONCILE_MAX_LOOKBACK_MS,
    });
    try {
      const { checkpoint, ...counts } = await listing.reconcileWebshopOrders({ connectionId: input.connectionId, source, since: span.since.toISOString() });
      result.checkpoints[source] = checkpoint;
      result.sources[source] = { since: span.since.toISOString(), basis: span.basis, ...counts };
    } catch (err) {
      result.sources[source] = { error: failureMessage(err) };
    }
  }
  try {
    result.webhooks = await quick.ensureWebshopWebhooks({ connectionId: input.connectionId, publicUrl: input.publicUrl });
  } catch (err) {
    result.webhooks = { error: failureMessage(err) };
  }
  setCurrentDetails(describe(result));
  return result;
}


function describe(result: WebshopReconcileResult): string {
  const lines = Object.entries(result.sources).map(([source, r]) =>
    'error' in r ? `**${source}**: failed — ${r.error}` : `**${source}** since ${r.since} (${r.basis}): ${r.listed} changed, ${r.started} started, ${r.woken} woken, ${r.rerun} re-run, ${r.skipped} already done`,
  );
  const webhooks = Array.isArray(result.webhooks) ? result.webhooks.filter((w) => !w.endsWith(':kept')) : [`failed — ${result.webhooks.error}`];
  return [...lines, `webhooks: ${webhooks.length ? webhooks.join('; ') : 'all in place'}`].join('\n');
}
