import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ImportActivities, ImportChunkResult } from '../../activities/netvisor-import';
import { TransferStageKey } from '../common/search-attributes';
import { StatusRecorder } from '../common/status-recorder';
import { IMPORT_FLOW, type NetvisorImportCarry, type NetvisorImportInput, type NetvisorImportResult, progressQuery, statusQuery } from './contract';
import { ImportTally } from './progress';
import { NON_RETRYABLE_ERROR_TYPES } from '../common/activity-options';

const DEFAULT_CHUNK_SIZE = 50;
const DEFAULT_CHUNKS_PER_RUN = 20;

/** Business rejections are handled per record inside the chunk; what reaches here is an outage (retried) or fatal. */
const chunks = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 minutes',
  // The chunk heartbeats its checkpoint: a worker that dies mid-chunk is noticed this fast, and the retry resumes there.
  heartbeatTimeout: '10 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
});

/**
 * F6, one-off import Netvisor → Rackbeat. Walks Netvisor's customers or products in NetvisorKey
 * order, a chunk per activity, and keeps only counts and a bounded list of problems; every
 * `chunksPerRun` chunks it continues as new with the cursor, so a huge import keeps a small
 * history. Re-running after completion is safe: every write is an upsert by number.
 */
export async function netvisorImport(input: NetvisorImportInput, carry?: NetvisorImportCarry): Promise<NetvisorImportResult> {
  const { workflowId } = workflowInfo();
  const now = (): string => new Date().toISOString();
  const tally = new ImportTally(carry?.progress ?? { connectionId: input.connectionId, kind: input.kind, startedAt: now() });
  const status = new StatusRecorder({ workflowId, flow: IMPORT_FLOW, connectionId: input.connectionId, sourceRef: `netvisor:${input.kind}`, stage: 'PROCESSING' });
  setHandler(progressQuery, () => tally.snapshot());
  setHandler(statusQuery, () => status.snapshot());

  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const chunksPerRun = input.chunksPerRun ?? DEFAULT_CHUNKS_PER_RUN;
  let afterKey = carry?.afterKey;
  status.moveTo('PROCESSING', `importing Netvisor ${input.kind}${afterKey === undefined ? '' : ` after NetvisorKey ${afterKey}`}`);
  if (!carry) upsertSearchAttributes([{ key: TransferStageKey, value: 'PROCESSING' }]);
  setCurrentDetails(`**Import:** ${tally.line()}`);

  for (let chunk = 1; ; chunk++) {
    const at = now();
    let result: ImportChunkResult;
    try {
      result = await chunks.importNetvisorChunk({
        connectionId: input.connectionId,
        kind: input.kind,
        ...(afterKey === undefined ? {} : { afterKey }),
        limit: chunkSize,
        ...(input.defaultProductGroup === undefined ? {} : { defaultProductGroup: input.defaultProductGroup }),
        ...(input.customerGroup === undefined ? {} : { customerGroup: input.customerGroup }),
      });
    } catch (err) {
      const message = failureMessage(err, input);
      tally.fail(now(), message);
      status.step({ name: 'import chunk', at, result: 'failed', error: message });
      status.moveTo('DONE', 'nothing: the import stopped; fix the cause and run it again (records already imported are skipped)');
      upsertSearchAttributes([{ key: TransferStageKey, value: 'DONE' }]);
      throw ApplicationFailure.nonRetryable(message, 'ImportFailed');
    }
    tally.add(result.outcomes, result.total);
    afterKey = result.lastKey;
    status.step({ name: 'import chunk', at, result: 'ok', detail: `${result.outcomes.length} records; ${tally.line()}` });
    setCurrentDetails(`**Import:** ${tally.line()}`);
    if (result.remaining === 0 || result.outcomes.length === 0) break;
    if (chunk >= chunksPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof netvisorImport>(input, { afterKey, progress: tally.snapshot() });
    }
  }

  tally.complete(now());
  status.moveTo('DONE', `nothing: ${tally.line()}`);
  upsertSearchAttributes([{ key: TransferStageKey, value: 'DONE' }]);
  setCurrentDetails(`**Import finished:** ${tally.line()}`);
  return tally.snapshot();
}

/** One sentence for the operator: which system, what went wrong, what to do. */
function failureMessage(err: unknown, input: NetvisorImportInput): string {
  const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
  const text = cause?.message ?? (err instanceof Error ? err.message : String(err));
  const system = /^rackbeat/i.test(text) ? 'Rackbeat' : 'Netvisor';
  if (cause?.type === 'AuthError') return `${system} refused the credentials of connection '${input.connectionId}': ${text}. Fix them in the connections file and run the import again.`;
  if (cause?.type === 'NotConfiguredError') return text;
  return `the import of Netvisor ${input.kind} stopped: ${text}`;
}
