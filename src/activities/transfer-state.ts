import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { tsToMs } from '@temporalio/common';
import type { TransferState } from '../domain/reconcile/decide';

/**
 * What Temporal knows of one transfer: absent, running, or closed with the time its last read was
 * scheduled (the last `activityType` activity, or any activity). Reads only (describe, history):
 * neither is a billed action.
 */
export async function transferState(client: Client, workflowId: string, activityType?: string): Promise<TransferState> {
  let runId: string;
  let completed: boolean;
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    if (description.status.name === 'RUNNING') return { kind: 'running' };
    runId = description.runId;
    completed = description.status.name === 'COMPLETED';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { kind: 'absent' };
    throw err;
  }
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  let lastReadAtMs: number | undefined;
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled && (!activityType || scheduled.activityType?.name === activityType)) lastReadAtMs = tsToMs(event.eventTime);
  }
  // result() decodes through the client's data converter (and codec, when payloads are encrypted).
  const sourceUpdatedAt = completed ? sourceUpdatedAtOf(await client.workflow.getHandle(workflowId, runId).result()) : undefined;
  return { kind: 'closed', lastReadAtMs, completed, ...(sourceUpdatedAt ? { sourceUpdatedAt } : {}) };
}

function sourceUpdatedAtOf(result: unknown): string | undefined {
  const value = typeof result === 'object' && result !== null ? (result as { sourceUpdatedAt?: unknown }).sourceUpdatedAt : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** How many completed runs are looked at for the latest one (visibility lists newest first). */
const CANDIDATES = 20;

/** The result of the latest completed run of `workflowType` for a connection, other than `exceptWorkflowId`. */
export async function latestCompletedResult<T>(client: Client, input: { workflowType: string; connectionIdKey: string; connectionId: string; exceptWorkflowId: string }): Promise<T | undefined> {
  const query = `WorkflowType = '${input.workflowType}' AND ${input.connectionIdKey} = '${input.connectionId.replace(/'/g, "\\'")}' AND ExecutionStatus = 'Completed'`;
  let latest: { workflowId: string; runId: string; closedAt: number } | undefined;
  let seen = 0;
  for await (const wf of client.workflow.list({ query, pageSize: CANDIDATES })) {
    const closedAt = wf.closeTime?.getTime() ?? 0;
    if (wf.workflowId !== input.exceptWorkflowId && (!latest || closedAt > latest.closedAt)) latest = { workflowId: wf.workflowId, runId: wf.runId, closedAt };
    if (++seen >= CANDIDATES) break;
  }
  if (!latest) return undefined;
  return (await client.workflow.getHandle(latest.workflowId, latest.runId).result()) as T | undefined;
}
