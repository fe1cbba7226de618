import { type Client, ScheduleNotFoundError, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Connection } from '../config';
import { polledResources } from '../flows/rackbeat-sources';
import type { rackbeatPoll } from '../workflows';
import { RACKBEAT_POLL_FLOW, type RackbeatPollInput, rackbeatPollScheduleId } from '../workflows/rackbeat-poll/contract';
import { deleteScheduleIfPresent, upsertIntervalSchedule } from './schedules';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from './start-transfer';
import type { EnsuredSchedule } from './webshop-schedules';

export function rackbeatPollSearchAttributes(connectionId: string) {
  return [
    { key: ConnectionIdKey, value: connectionId },
    { key: FlowKey, value: RACKBEAT_POLL_FLOW },
  ];
}

/**
 * One `rackbeat-poll:{conn}` schedule per connection whose poller is on, idempotent on restart and
 * safe when several processes ensure it at once (create, else update); a connection whose poller
 * is off loses its schedule. Overlap SKIP: a long catch-up is not doubled.
 */
export async function ensureRackbeatPollSchedules(client: Client, connections: Connection[], options: { taskQueue?: string } = {}): Promise<EnsuredSchedule[]> {
  const results: EnsuredSchedule[] = [];
  for (const connection of connections) {
    const scheduleId = rackbeatPollScheduleId(connection.id);
    const intervalMs = connection.rackbeat.pollIntervalMs ?? 0;
    const resources = polledResources(connection);
    if (intervalMs <= 0 || resources.length === 0) {
      if (await deleteScheduleIfPresent(client, scheduleId)) results.push({ connectionId: connection.id, scheduleId, action: 'deleted' });
      continue;
    }
    const input: RackbeatPollInput = { connectionId: connection.id, resources, intervalMs };
    const action: ScheduleOptionsStartWorkflowAction<typeof rackbeatPoll> = {
      type: 'startWorkflow',
      workflowType: 'rackbeatPoll',
      workflowId: scheduleId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [input],
      typedSearchAttributes: rackbeatPollSearchAttributes(connection.id),
      staticSummary: `Poll Rackbeat ${resources.join(', ')} changes of ${connection.id}`,
      workflowRunTimeout: '1 hour',
    };
    const done = await upsertIntervalSchedule(client, { scheduleId, everyMs: intervalMs, action, searchAttributes: rackbeatPollSearchAttributes(connection.id) });
    results.push({ connectionId: connection.id, scheduleId, action: done });
  }
  return results;
}

/** Runs the connection's poll now (a delivery whose key the transfers cannot use). False when it has no poller. */
export async function triggerRackbeatPoll(client: Client, connectionId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(rackbeatPollScheduleId(connectionId)).trigger();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}
