import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleOptionsAction, type ScheduleOptionsStartWorkflowAction, ScheduleOverlapPolicy, type ScheduleUpdateOptions } from '@temporalio/client';
import type { Duration, Workflow } from '@temporalio/common';
import type { Connection } from '../config';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from './start-transfer';

/** What ensuring one connection's schedule did. */
export interface EnsuredSchedule {
  connectionId: string;
  scheduleId: string;
  action: 'created' | 'updated' | 'deleted';
}

/** One connection's schedule: which workflow it starts, with what, and when. */
export interface ConnectionSchedule<W extends Workflow> {
  /** The `Flow` search attribute of the schedule and of its runs. */
  flow: string;
  workflowType: string;
  args: Parameters<W>;
  summary: string;
  /** A run that hangs would block every later one (overlap SKIP). */
  runTimeout: Duration;
  when: { everyMs: number } | { dailyAt: { hour: number; timezone: string } };
}

/** The search attributes of a connection's schedule and its runs: the Web UI filters by them, and checkpoint lookups find runs by connection. */
export function scheduleSearchAttributes(connectionId: string, flow: string) {
  return [
    { key: ConnectionIdKey, value: connectionId },
    { key: FlowKey, value: flow },
  ];
}

/**
 * One schedule per connection that wants it (`plan` returns its run), idempotent on restart and
 * safe when several processes ensure it at once: created, or updated to the current configuration
 * while keeping its state (an operator's pause survives a restart); a connection that no longer
 * wants it loses it. Overlap SKIP: a run still working is not doubled, and missed runs are not
 * caught up beyond one interval (an hour for daily ones).
 */
export async function ensureConnectionSchedules<W extends Workflow>(
  client: Client,
  connections: Connection[],
  scheduleIdOf: (connectionId: string) => string,
  plan: (connection: Connection) => ConnectionSchedule<W> | undefined,
  options: { taskQueue?: string } = {},
): Promise<EnsuredSchedule[]> {
  const results: EnsuredSchedule[] = [];
  for (const connection of connections) {
    const scheduleId = scheduleIdOf(connection.id);
    const run = plan(connection);
    if (!run) {
      if (await deleteScheduleIfPresent(client, scheduleId)) results.push({ connectionId: connection.id, scheduleId, action: 'deleted' });
      continue;
    }
    const searchAttributes = scheduleSearchAttributes(connection.id, run.flow);
    // Typed by the plan's workflow above; the SDK's action type is not generic-friendly.
    const action: ScheduleOptionsStartWorkflowAction<Workflow> = {
      type: 'startWorkflow',
      workflowType: run.workflowType,
      // The schedule appends the scheduled time to this id for each run.
      workflowId: scheduleId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: run.args as unknown[],
      typedSearchAttributes: searchAttributes,
      staticSummary: run.summary,
      workflowRunTimeout: run.runTimeout,
    };
    const done = await upsertSchedule(client, { scheduleId, when: run.when, action, searchAttributes });
    results.push({ connectionId: connection.id, scheduleId, action: done });
  }
  return results;
}

/** Deletes a schedule that is no longer wanted; returns whether there was one. */
export async function deleteScheduleIfPresent(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

async function upsertSchedule(
  client: Client,
  options: { scheduleId: string; when: ConnectionSchedule<Workflow>['when']; action: ScheduleOptionsAction; searchAttributes: ReturnType<typeof scheduleSearchAttributes> },
): Promise<'created' | 'updated'> {
  const { scheduleId, action, when } = options;
  const spec = 'everyMs' in when ? { intervals: [{ every: when.everyMs }] } : { calendars: [{ hour: when.dailyAt.hour, minute: 0 }], timezone: when.dailyAt.timezone };
  // Temporal's smallest catch-up window is 10 s.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 'everyMs' in when ? Math.max(when.everyMs, 10_000) : 60 * 60_000 };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, typedSearchAttributes: options.searchAttributes });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  // Several processes starting at once may update the same schedule; a lost race (conflict token) is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.schedule.getHandle(scheduleId).update((previous): ScheduleUpdateOptions<ScheduleOptionsAction> => ({ ...previous, spec, action, policies }));
      return 'updated';
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}
