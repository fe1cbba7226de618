import type { Client, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { deleteScheduleIfPresent, upsertIntervalSchedule } from './schedules';
import type { Connection } from '../config';
import { TASK_QUEUE } from './start-transfer';
import type { stockReconcileTrigger } from '../workflows';
import { STOCK_FLOW, stockReconcileScheduleId } from '../workflows/stock/contract';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';

/** How often a connection's shops are compared with Rackbeat in full. @default 1 hour */
export const DEFAULT_STOCK_RECONCILE_EVERY_MS = 60 * 60_000;
/** Shorter intervals are refused: a full compare reads every product of Rackbeat and the shops. */
const MIN_STOCK_RECONCILE_EVERY_MS = 60_000;

export interface StockScheduleOptions {
  /** Overrides every connection's interval (tests, operators). */
  everyMs?: number;
  /** @default 'rackbridge' */
  taskQueue?: string;
}

export interface EnsuredStockSchedule {
  connectionId: string;
  scheduleId: string;
  action: 'created' | 'updated' | 'deleted';
  everyMs?: number;
}

/**
 * The reconcile interval of a connection: `webshop.stockReconcileEvery` (milliseconds) when set,
 * else the default.
 */
export function stockReconcileEveryMs(connection: Connection, override?: number): number {
  if (override !== undefined) return override;
  const value = connection.webshop?.stockReconcileEvery;
  return value !== undefined && value >= MIN_STOCK_RECONCILE_EVERY_MS ? value : DEFAULT_STOCK_RECONCILE_EVERY_MS;
}

/**
 * One `stock-reconcile:{conn}` Schedule per connection with a shop, idempotent on restart: created,
 * or updated to the current interval (keeping an operator's pause); a connection without shops loses
 * its schedule. Each run starts `stockReconcileTrigger`, which asks `stock:{conn}` for a reconcile.
 */
export async function ensureStockSchedules(client: Client, connections: Connection[], options: StockScheduleOptions = {}): Promise<EnsuredStockSchedule[]> {
  const results: EnsuredStockSchedule[] = [];
  for (const connection of connections) {
    const scheduleId = stockReconcileScheduleId(connection.id);
    if (!connection.shopify && !connection.woocommerce) {
      if (await deleteScheduleIfPresent(client, scheduleId)) results.push({ connectionId: connection.id, scheduleId, action: 'deleted' });
      continue;
    }
    const everyMs = stockReconcileEveryMs(connection, options.everyMs);
    const searchAttributes = [
      { key: ConnectionIdKey, value: connection.id },
      { key: FlowKey, value: STOCK_FLOW },
    ];
    const action: ScheduleOptionsStartWorkflowAction<typeof stockReconcileTrigger> = {
      type: 'startWorkflow',
      workflowType: 'stockReconcileTrigger',
      // The schedule appends the scheduled time to this id for each run.
      workflowId: scheduleId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [{ connectionId: connection.id }],
      typedSearchAttributes: searchAttributes,
      staticSummary: `Ask stock:${connection.id} to compare the shops with Rackbeat`,
      workflowRunTimeout: '5 minutes',
    };
    // SKIP: a reconcile already asked for is not asked for twice; a missed one is not caught up on.
    const done = await upsertIntervalSchedule(client, { scheduleId, everyMs, action, searchAttributes });
    results.push({ connectionId: connection.id, scheduleId, action: done, everyMs });
  }
  return results;
}
