import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import type { Connection } from '../config';
import { polledResources } from '../flows/rackbeat-sources';
import type { rackbeatPoll } from '../workflows';
import { RACKBEAT_POLL_FLOW, type RackbeatPollInput, rackbeatPollScheduleId } from '../workflows/rackbeat-poll/contract';
import { type EnsuredSchedule, ensureConnectionSchedules } from './schedules';

/**
 * One `rackbeat-poll:{conn}` schedule per connection whose poller is on, idempotent on restart and
 * safe when several processes ensure it at once (create, else update); a connection whose poller
 * is off loses its schedule. Overlap SKIP: a long catch-up is not doubled.
 */
export function ensureRackbeatPollSchedules(client: Client, connections: Connection[], options: { taskQueue?: string } = {}): Promise<EnsuredSchedule[]> {
  return ensureConnectionSchedules<typeof rackbeatPoll>(
    client,
    connections,
    rackbeatPollScheduleId,
    (connection) => {
      const intervalMs = connection.rackbeat.pollIntervalMs ?? 0;
      const resources = polledResources(connection);
      if (intervalMs <= 0 || resources.length === 0) return undefined;
      const input: RackbeatPollInput = { connectionId: connection.id, resources, intervalMs };
      return { flow: RACKBEAT_POLL_FLOW, workflowType: 'rackbeatPoll', args: [input], summary: `Poll Rackbeat ${resources.join(', ')} changes of ${connection.id}`, runTimeout: '1 hour', when: { everyMs: intervalMs } };
    },
    options,
  );
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
