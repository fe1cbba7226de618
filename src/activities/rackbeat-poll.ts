import { Context, getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { ChangeStamp, ChangeStampResource } from '../connectors/rackbeat/client';
import { formatRackbeatTimestamp } from '../connectors/rackbeat/paths';
import type { RackbeatChange } from '../domain/rackbeat/change';
import { routeRackbeatChange } from '../routing/rackbeat-targets';
import { wakeHeldTransfers } from '../routing/wake-held';
import { ConnectionIdKey } from '../workflows/common/search-attributes';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import { decideReconcile, type TransferState } from '../domain/reconcile/decide';
import { STOCK_TRANSFER } from '../workflows/stock/contract';
import type { PollCheckpoint, PolledResource, RackbeatPollResult, ResourcePollResult } from '../workflows/rackbeat-poll/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import { latestCompletedResult, transferState } from './transfer-state';
import { rackbeatTimestampMs } from '../connectors/rackbeat';

/**
 * A closed transfer that saw this change needs no new run. Compared in Rackbeat's own clock when
 * the transfer reported the `updated_at` it last read; else by when its last read was scheduled.
 */
function alreadyRead(state: TransferState, changedAtMs: number): boolean {
  if (state.kind === 'closed' && state.sourceUpdatedAt !== undefined) {
    const seenMs = rackbeatTimestampMs(state.sourceUpdatedAt);
    if (seenMs !== undefined) return seenMs >= changedAtMs;
  }
  return decideReconcile(state, changedAtMs) === 'skip';
}

/** The SDK walks lists in pages of 200 (laravel-client `BaseResource::all`). */
const PAGE_LIMIT = 200;

export interface PollResourceInput {
  connectionId: string;
  resource: PolledResource;
  checkpoint: PollCheckpoint | undefined;
  /** Used when there is no checkpoint yet (ISO, our clock). */
  firstSince: string;
  overlapMs: number;
  maxLookbackMs: number;
}

/**
 * The Rackbeat poller's activities: list what changed since a checkpoint and wake each transfer
 * with the same signal-with-start as a webhook, delivery id `poll:{resource}:{key}:{updated_at}`.
 */
export function createRackbeatPollActivities(clients: ClientRegistry, temporalClient?: Client) {
  const temporal = (): Client => temporalClient ?? getClient();

  /**
   * Changed documents, newest first, down to `sinceMs`. Invoices are filtered by
   * `updated_at_from` (documented); other lists are sorted by `updated_at` descending and read
   * back to the checkpoint. A server that ignores the sort is noticed (rows out of order) and the
   * whole list is read instead, so nothing is missed.
   */
  async function* changedSince(connectionId: string, resource: ChangeStampResource, sinceMs: number, count: () => void): AsyncGenerator<ChangeStamp> {
    const { rackbeat } = clients.get(connectionId);
    const filtered = resource === 'customer_invoice';
    let sorted = true;
    let previousMs = Infinity;
    for (let page = 1; ; page++) {
      count();
      const result = await rackbeat.listChangeStamps(resource, {
        page,
        limit: PAGE_LIMIT,
        order_by: 'updated_at',
        order_direction: 'DESC',
        ...(filtered ? { updated_at_from: formatRackbeatTimestamp(new Date(sinceMs)) } : {}),
      });
      let older = false;
      for (const row of result.items) {
        const ms = rackbeatTimestampMs(row.updatedAt);
        if (ms !== undefined) {
          if (ms > previousMs) sorted = false;
          previousMs = ms;
          if (ms < sinceMs) older = true;
        }
        yield row;
      }
      Context.current().heartbeat({ resource, page });
      if (page >= result.pages || result.items.length === 0) return;
      if (older && sorted && !filtered) return;
    }
  }

  return {
    /** The checkpoints of the latest completed poll of the connection (another run than this one). */
    async lastRackbeatPollCheckpoints(input: { connectionId: string; exceptWorkflowId: string }): Promise<RackbeatPollResult['checkpoints']> {
      const result = await latestCompletedResult<Partial<RackbeatPollResult>>(temporal(), { workflowType: 'rackbeatPoll', connectionIdKey: ConnectionIdKey.name, ...input });
      return result?.checkpoints ?? {};
    },

    /**
     * Lists one resource's changes and wakes the transfers concerned. A change already woken by an
     * earlier poll (same key and `updated_at`) is skipped, and so is a closed transfer that read the
     * document after it changed. Repeating the whole activity is safe: delivery ids repeat too.
     */
    async pollRackbeatResource(input: PollResourceInput): Promise<{ checkpoint: PollCheckpoint; counts: ResourcePollResult }> {
      return translated(async () => {
        const { connection } = clients.get(input.connectionId);
        const client = temporal();
        const highMs = rackbeatTimestampMs(input.checkpoint?.high);
        const oldest = Date.now() - input.maxLookbackMs;
        const sinceMs = highMs === undefined ? Date.parse(input.firstSince) : Math.max(highMs - input.overlapMs, oldest);
        const seen = input.checkpoint?.seen ?? {};
        const counts: ResourcePollResult = { since: new Date(sinceMs).toISOString(), listed: 0, woken: 0, skipped: 0, ignored: 0, requests: 0 };
        let high = input.checkpoint?.high;
        const stamps: Record<string, string> = {};
        let wakeHeld = false;

        for await (const row of changedSince(input.connectionId, input.resource, sinceMs, () => counts.requests++)) {
          const ms = rackbeatTimestampMs(row.updatedAt);
          if (ms === undefined || row.updatedAt === undefined) {
            // No time to place it by: the next poll would see it again, forever.
            counts.ignored++;
            continue;
          }
          if (ms < sinceMs) continue;
          counts.listed++;
          stamps[row.number] = row.updatedAt;
          if (high === undefined || ms > (rackbeatTimestampMs(high) ?? -Infinity)) high = row.updatedAt;
          if (seen[row.number] === row.updatedAt) {
            counts.skipped++;
            continue;
          }
          const change: RackbeatChange = { event: `${input.resource}.polled`, resource: input.resource, key: row.number, keyName: 'number', deliveryId: `poll:${input.resource}:${row.number}:${row.updatedAt}` };
          const receivedAt = new Date().toISOString();
          const route = routeRackbeatChange(connection, change, receivedAt);
          wakeHeld ||= route.wakeHeld;
          let woke = false;
          for (const t of route.targets) {
            // The stock workflow is one per connection and coalesces: always signal it.
            const state = t.workflowType === STOCK_TRANSFER.workflowType ? { kind: 'running' as const } : await transferState(client, t.workflowId);
            if (alreadyRead(state, ms)) continue;
            await signalWithStartTransfer(client, t);
            woke = true;
          }
          if (woke) counts.woken++;
          else counts.skipped++;
        }
        if (wakeHeld) await wakeHeldTransfers(client, connection, input.resource, { deliveryId: `poll:${input.resource}:${high ?? 'none'}`, event: `${input.resource}.polled`, receivedAt: new Date().toISOString() });

        // Keep what lies inside the next window's overlap, so it is not woken twice.
        const nextHighMs = rackbeatTimestampMs(high);
        const keep: Record<string, string> = {};
        for (const [key, stamp] of Object.entries({ ...seen, ...stamps })) {
          const ms = rackbeatTimestampMs(stamp);
          if (ms !== undefined && nextHighMs !== undefined && ms >= nextHighMs - input.overlapMs) keep[key] = stamp;
        }
        return { checkpoint: { high: high ?? formatRackbeatTimestamp(new Date(sinceMs)), seen: keep }, counts };
      });
    },
  };
}
