import type { Client } from '@temporalio/client';
import { type Workflow, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { TransferMeta, TransferTarget } from '../workflows/common/transfer-flow';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../workflows/common/search-attributes';

/** The one task queue (DESIGN.md §4). */
export const TASK_QUEUE = 'rackbridge';

export type { TransferMeta };

export function transferSearchAttributes(meta: Omit<TransferMeta, 'summary'>) {
  return [
    { key: ConnectionIdKey, value: meta.connectionId },
    { key: FlowKey, value: meta.flow },
    { key: SourceRefKey, value: meta.sourceRef },
    { key: TransferStageKey, value: 'RECEIVED' },
  ];
}

/**
 * Signal-with-start of a transfer (built by `transferTarget` from its flow's descriptor): durable
 * as soon as the server accepts it, with no worker running; the workflow de-duplicates by the
 * signal's delivery id. The one path of every start: webhooks, the poller, the reconcilers,
 * backfill, and transfers that start others. A final flow's completed transfer is not started
 * again: the server refuses the start, and the change is handled already.
 */
export async function signalWithStartTransfer(client: Client, target: TransferTarget, options: { taskQueue?: string } = {}): Promise<string> {
  try {
    await client.workflow.signalWithStart<Workflow, unknown[]>(target.workflowType, {
      workflowId: target.workflowId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [target.input],
      signal: target.signal.name,
      signalArgs: target.signalArgs,
      staticSummary: target.meta.summary,
      typedSearchAttributes: transferSearchAttributes(target.meta),
      ...(target.final ? { workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const } : {}),
    });
  } catch (err) {
    if (!(target.final && err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return target.workflowId;
}
