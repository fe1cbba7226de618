import type { Client } from '@temporalio/client';
import type { SignalDefinition, Workflow } from '@temporalio/common';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from './search-attributes';

/** The one task queue (DESIGN.md §4). */
export const TASK_QUEUE = 'rackbridge';

/** What every transfer is started with: searchable, and a one-line summary for the Web UI. */
export interface TransferMeta {
  connectionId: string;
  flow: string;
  sourceRef: string;
  summary: string;
}

export function transferSearchAttributes(meta: Omit<TransferMeta, 'summary'>) {
  return [
    { key: ConnectionIdKey, value: meta.connectionId },
    { key: FlowKey, value: meta.flow },
    { key: SourceRefKey, value: meta.sourceRef },
    { key: TransferStageKey, value: 'RECEIVED' },
  ];
}

/**
 * Signal-with-start of a transfer: durable as soon as the server accepts it, with no worker
 * running; the workflow de-duplicates by the signal's delivery id. Used by the webhook dispatcher
 * and by activities that start transfers themselves (the webshop reconcile).
 */
export async function signalWithStartTransfer<A extends unknown[]>(
  client: Client,
  options: { workflowType: string; workflowId: string; input: unknown; signal: SignalDefinition<A>; signalArgs: A; meta: TransferMeta; taskQueue?: string },
): Promise<string> {
  await client.workflow.signalWithStart<Workflow, unknown[]>(options.workflowType, {
    workflowId: options.workflowId,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    args: [options.input],
    signal: options.signal.name,
    signalArgs: options.signalArgs,
    staticSummary: options.meta.summary,
    typedSearchAttributes: transferSearchAttributes(options.meta),
  });
  return options.workflowId;
}
