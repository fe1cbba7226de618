import type { Client } from '@temporalio/client';
import { type EnsuredSchedule, ensureConnectionSchedules } from './schedules';
import type { Connection } from '../config';
import type { stockReconcileTrigger } from '../workflows';
import { STOCK_FLOW, stockReconcileScheduleId } from '../workflows/stock/contract';

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

export interface EnsuredStockSchedule extends EnsuredSchedule {
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
  // SKIP: a reconcile already asked for is not asked for twice; a missed one is not caught up on.
  const results = await ensureConnectionSchedules<typeof stockReconcileTrigger>(
    client,
    connections,
    stockReconcileScheduleId,
    (connection) => {
      if (!connection.shopify && !connection.woocommerce) return undefined;
      const everyMs = stockReconcileEveryMs(connection, options.everyMs);
      return { flow: STOCK_FLOW, workflowType: 'stockReconcileTrigger', args: [{ connectionId: connection.id }], summary: `Ask stock:${connection.id} to compare the shops with Rackbeat`, runTimeout: '5 minutes', when: { everyMs } };
    },
    options,
  );
  return results.map((r) => {
    const connection = connections.find((c) => c.id === r.connectionId);
    return r.action === 'deleted' || !connection ? r : { ...r, everyMs: stockReconcileEveryMs(connection, options.everyMs) };
  });
}
