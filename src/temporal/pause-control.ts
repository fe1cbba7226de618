import { type Client, ScheduleNotFoundError, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import type { connectionControl } from '../workflows/control/workflow';
import { CONTROL_FLOW, CONTROL_WORKFLOW_TYPE, controlWorkflowId, pauseChangedSignal, pauseRequestUpdate } from '../workflows/control/contract';
import { isPaused, type PauseRequest, type PauseState } from '../workflows/control/pause-state';
import { RACKBEAT_POLL_FLOW, rackbeatPollScheduleId } from '../workflows/rackbeat-poll/contract';
import { WEBSHOP_RECONCILE_FLOW, webshopReconcileScheduleId } from '../workflows/reconcile/contract';
import { STOCK_FLOW, stockReconcileScheduleId } from '../workflows/stock/contract';
import { DIGEST_FLOW, digestScheduleId } from '../workflows/digest/contract';
import { PAUSABLE_WORKFLOW_TYPES } from '../flows/registry';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from './start-transfer';


/** A connection's schedules and the flow each belongs to (its `Flow` search attribute). */
export function connectionSchedules(connectionId: string): { scheduleId: string; flow: string }[] {
  return [
    { scheduleId: rackbeatPollScheduleId(connectionId), flow: RACKBEAT_POLL_FLOW },
    { scheduleId: webshopReconcileScheduleId(connectionId), flow: WEBSHOP_RECONCILE_FLOW },
    { scheduleId: stockReconcileScheduleId(connectionId), flow: STOCK_FLOW },
    { scheduleId: digestScheduleId(connectionId), flow: DIGEST_FLOW },
  ];
}

export interface PauseOutcome {
  state: PauseState;
  schedules: { scheduleId: string; paused: boolean }[];
  /** Running transfers told their new state. */
  signalled: { workflowId: string; paused: boolean }[];
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Changes a connection's pause state in its control workflow (started if absent; the update's answer
 * is the new state, so it needs a worker), then brings its schedules and running transfers in line.
 * Idempotent: running it twice does the same.
 */
export async function requestPause(client: Client, connectionId: string, request: PauseRequest, options: { taskQueue?: string } = {}): Promise<PauseOutcome> {
  const start = new WithStartWorkflowOperation<typeof connectionControl>(CONTROL_WORKFLOW_TYPE, {
    workflowId: controlWorkflowId(connectionId),
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    args: [{ connectionId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Pause state of ${connectionId}`,
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: connectionId },
      { key: FlowKey, value: CONTROL_FLOW },
    ],
  });
  let state: PauseState;
  try {
    state = await client.workflow.executeUpdateWithStart(pauseRequestUpdate, { args: [request], startWorkflowOperation: start });
  } catch (err) {
    // A refused request (the validator's sentence) reads better than "Workflow Update failed".
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof Error) throw new Error(err.cause.message, { cause: err });
    throw err;
  }

  const schedules: PauseOutcome['schedules'] = [];
  for (const { scheduleId, flow } of connectionSchedules(connectionId)) {
    if (request.flow && request.flow !== flow) continue;
    const handle = client.schedule.getHandle(scheduleId);
    try {
      const paused = isPaused(state, flow);
      const current = await handle.describe();
      if (current.state.paused !== paused) await (paused ? handle.pause(`rackbridge pause ${connectionId}`) : handle.unpause(`rackbridge resume ${connectionId}`));
      schedules.push({ scheduleId, paused });
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }

  const types = PAUSABLE_WORKFLOW_TYPES.map(quote).join(', ');
  const query = [`ConnectionId = ${quote(connectionId)}`, `ExecutionStatus = 'Running'`, `WorkflowType IN (${types})`, ...(request.flow ? [`Flow = ${quote(request.flow)}`] : [])].join(' AND ');
  const signalled: PauseOutcome['signalled'] = [];
  for await (const wf of client.workflow.list({ query })) {
    const flow = wf.typedSearchAttributes.get(FlowKey);
    if (!flow) continue;
    const paused = isPaused(state, flow);
    await client.workflow.getHandle(wf.workflowId).signal(pauseChangedSignal, { paused });
    signalled.push({ workflowId: wf.workflowId, paused });
  }
  return { state, schedules, signalled };
}

export function describePauseState(connectionId: string, state: PauseState): string {
  if (state.all) return `${connectionId}: everything paused`;
  if (state.flows.length) return `${connectionId}: paused flows ${state.flows.join(', ')}`;
  return `${connectionId}: nothing paused`;
}
