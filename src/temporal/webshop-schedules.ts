import type { Client } from '@temporalio/client';
import { type EnsuredSchedule, ensureConnectionSchedules, scheduleSearchAttributes } from './schedules';
import type { Connection } from '../config';
import type { webshopReconcile } from '../workflows';
import { DEFAULT_RECONCILE_INTERVAL_MS, WEBSHOP_RECONCILE_FLOW, type WebshopReconcileInput, webshopReconcileScheduleId } from '../workflows/reconcile/contract';
import { WEBSHOP_SOURCES, type WebshopSource } from '../domain/webshop/shops';

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

export type { EnsuredSchedule };

/** Search attributes of a reconcile run: the Web UI filters by them, and the checkpoint lookup finds runs by connection. */
export function reconcileSearchAttributes(connectionId: string) {
  return scheduleSearchAttributes(connectionId, WEBSHOP_RECONCILE_FLOW);
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
export function ensureWebshopSchedules(client: Client, connections: Connection[], options: WebshopScheduleOptions): Promise<EnsuredSchedule[]> {
  const intervalMs = options.intervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  return ensureConnectionSchedules<typeof webshopReconcile>(
    client,
    connections,
    webshopReconcileScheduleId,
    (connection) => {
      const sources = webshopSources(connection);
      if (sources.length === 0) return undefined;
      const input: WebshopReconcileInput = {
        connectionId: connection.id,
        sources,
        publicUrl: options.publicUrl,
        intervalMs,
        ...(options.overlapMs === undefined ? {} : { overlapMs: options.overlapMs }),
        ...(options.maxLookbackMs === undefined ? {} : { maxLookbackMs: options.maxLookbackMs }),
      };
      return { flow: WEBSHOP_RECONCILE_FLOW, workflowType: 'webshopReconcile', args: [input], summary: `Reconcile ${sources.join(' and ')} orders of ${connection.id} with Rackbeat`, runTimeout: '1 hour', when: { everyMs: intervalMs } };
    },
    options,
  );
}
