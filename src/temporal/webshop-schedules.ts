import type { Client, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { deleteScheduleIfPresent, upsertIntervalSchedule } from './schedules';
import type { Connection } from '../config';
import { TASK_QUEUE } from './start-transfer';
import type { webshopReconcile } from '../workflows';
import { DEFAULT_RECONCILE_INTERVAL_MS, WEBSHOP_RECONCILE_FLOW, type WebshopReconcileInput, webshopReconcileScheduleId } from '../workflows/reconcile/contract';
import { WEBSHOP_SOURCES, type WebshopSource } from '../domain/webshop/shops';
import { ConnectionIdKey, FlowKey } from './search-attributes';

export interface WebshopScheduleOptions {
  /** Where the shops' webhooks should point; the reconcile re-registers them there. */
  publicUrl: string;
  /** @default 5 minutes */
  intervalMs?: number;
  /** Passed to each run; see WebshopReconcileInput. */
  overlapMs?: number;
  maxLookbackMs?: number;
  /** @default 'rackbridge' */
  taskQueue?: string;
}

export interface EnsuredSchedule {
  connectionId: string;
  scheduleId: string;
  action: 'created' | 'updated' | 'deleted';
}

/** Search attributes of a reconcile run: the Web UI filters by them, and the checkpoint lookup finds runs by connection. */
export function reconcileSearchAttributes(connectionId: string) {
  return [
    { key: ConnectionIdKey, value: connectionId },
    { key: FlowKey, value: WEBSHOP_RECONCILE_FLOW },
  ];
}

export function webshopSources(connection: Connection): WebshopSource[] {
  return WEBSHOP_SOURCES.filter((source) => connection[source] !== undefined);
}

/**
 * One `webshop-reconcile:{conn}` schedule per connection with a shop, idempotent on restart:
 * created, or updated to the current configuration (keeping an operator's pause); a connection
 * that no longer has a shop loses its schedule. Overlap policy SKIP: a run still working through
 * a large window is not doubled, and the next run starts from its checkpoint.
 */
export async function ensureWebshopSchedules(client: Client, connections: Connection[], options: WebshopScheduleOptions): Promise<EnsuredSchedule[]> {
  const results: EnsuredSchedule[] = [];
  const intervalMs = options.intervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  for (const connection of connections) {
    const scheduleId = webshopReconcileScheduleId(connection.id);
    const sources = webshopSources(connection);
    if (sources.length === 0) {
      if (await deleteScheduleIfPresent(client, scheduleId)) results.push({ connectionId: connection.id, scheduleId, action: 'deleted' });
      continue;
    }
    const input: WebshopReconcileInput = {
      connectionId: connection.id,
      sources,
      publicUrl: options.publicUrl,
      intervalMs,
      ...(options.overlapMs === undefined ? {} : { overlapMs: options.overlapMs }),
      ...(options.maxLookbackMs === undefined ? {} : { maxLookbackMs: options.maxLookbackMs }),
    };
    const action: ScheduleOptionsStartWorkflowAction<typeof webshopReconcile> = {
      type: 'startWorkflow',
      workflowType: 'webshopReconcile',
      // The schedule appends the scheduled time to this id for each run.
      workflowId: scheduleId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [input],
      typedSearchAttributes: reconcileSearchAttributes(connection.id),
      staticSummary: `Reconcile ${sources.join(' and ')} orders of ${connection.id} with Rackbeat`,
      // A run that hangs would block every later one (overlap SKIP).
      workflowRunTimeout: '1 hour',
    };
    const done = await upsertIntervalSchedule(client, { scheduleId, everyMs: intervalMs, action, searchAttributes: reconcileSearchAttributes(connection.id) });
    results.push({ connectionId: connection.id, scheduleId, action: done });
  }
  return results;
}
