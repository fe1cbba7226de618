import { type Client, ScheduleAlreadyRunning, type ScheduleOptionsStartWorkflowAction, ScheduleOverlapPolicy, type ScheduleUpdateOptions } from '@temporalio/client';
import type { Connection } from '../config';
import type { dailyDigest } from '../workflows';
import { DIGEST_FLOW, digestScheduleId } from '../workflows/digest/contract';
import { deleteScheduleIfPresent } from './schedules';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from './start-transfer';
import type { EnsuredSchedule } from './webshop-schedules';

/**
 * One `digest:{conn}` schedule per connection with e-mail and a digest: every day at the hour in
 * its time zone. Created, or updated keeping its state (a paused digest stays paused); a connection
 * without e-mail loses it. Overlap SKIP, and no catch-up of a missed day beyond an hour.
 */
export async function ensureDigestSchedules(client: Client, connections: Connection[], options: { taskQueue?: string } = {}): Promise<EnsuredSchedule[]> {
  const results: EnsuredSchedule[] = [];
  for (const connection of connections) {
    const scheduleId = digestScheduleId(connection.id);
    const digest = connection.email?.digest;
    if (!digest) {
      if (await deleteScheduleIfPresent(client, scheduleId)) results.push({ connectionId: connection.id, scheduleId, action: 'deleted' });
      continue;
    }
    const searchAttributes = [
      { key: ConnectionIdKey, value: connection.id },
      { key: FlowKey, value: DIGEST_FLOW },
    ];
    const action: ScheduleOptionsStartWorkflowAction<typeof dailyDigest> = {
      type: 'startWorkflow',
      workflowType: 'dailyDigest',
      workflowId: scheduleId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [{ connectionId: connection.id }],
      typedSearchAttributes: searchAttributes,
      staticSummary: `Daily digest mail of ${connection.id}`,
      workflowRunTimeout: '1 hour',
    };
    const spec = { calendars: [{ hour: digest.hour, minute: 0 }], timezone: digest.timezone };
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' as const };
    try {
      await client.schedule.create({ scheduleId, spec, action, policies, typedSearchAttributes: searchAttributes });
      results.push({ connectionId: connection.id, scheduleId, action: 'created' });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((previous): ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<typeof dailyDigest>> => ({ ...previous, spec, action, policies }));
      results.push({ connectionId: connection.id, scheduleId, action: 'updated' });
    }
  }
  return results;
}
