import { allHandlersFinished, condition, continueAsNew, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { StockBatch } from '../../domain/webshop/stock-coalescer';
import { HeldReasonKey, TransferStageKey } from '../common/search-attributes';
import { DeliveryDedup } from '../common/delivery-dedup';
import { StatusRecorder } from '../common/status-recorder';
import type { TransferStep } from '../common/transfer-status';
import { type ReconcileRequest, reconcileStockSignal, STOCK_FLOW, type StockShop, type StockStatus, type StockSyncInput, stockChangedSignal, stockStatusQuery } from './contract';
import { StockLane, type StockLaneSnapshot } from './lane';
import { NON_RETRYABLE_ERROR_TYPES } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

/** A batch that keeps failing gives up after these attempts and stays pending; the lane backs off and tries again. */
const writes = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
});
const reconciles = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
});

/** Rounds per run before continue-as-new; the server's suggestion or the event count may come first. */
const MAX_FLUSHES_PER_RUN = 500;
const MAX_EVENTS_PER_RUN = 8_000;
const MAX_MISSING_LISTED = 50;
/** Least time between the starts of two flush rounds of one shop. */
const ROUND_GAP_MS = 1_000;

export interface StockSyncCarry {
  seenDeliveries: string[];
  version: number;
  batchSeq: number;
  flushes: number;
  lanes: StockLaneSnapshot[];
  steps: TransferStep[];
  missingInRackbeat: string[];
  lastReconcile: StockStatus['lastReconcile'];
  reconcile?: ReconcileRequest | undefined;
}

/**
 * F4: `stock:{conn}`, one per connection. Records which SKUs changed in Rackbeat, and per shop
 * flushes due batches: Rackbeat's available quantity is read at flush time (the last value wins),
 * written in the largest batches the shop takes, at most once per SKU per second (StockCoalescer).
 * A reconcile signal (the hourly Schedule) queues every SKU whose shop quantity drifted.
 */
export async function stockSync(input: StockSyncInput, carry?: StockSyncCarry): Promise<void> {
  // The chain's first run id keeps Shopify idempotency keys unique when stock:{conn} is started afresh (batchSeq restarts at 0).
  const { workflowId, firstExecutionRunId } = workflowInfo();
  const { connectionId } = input;
  const status = new StatusRecorder({ workflowId, flow: STOCK_FLOW, connectionId, sourceRef: 'rackbeat:inventory', stage: 'WAITING', ...(carry ? { steps: carry.steps } : {}) });
  const dedup = new DeliveryDedup(carry?.seenDeliveries, 500);
  const lanes = new Map<StockShop, StockLane>();
  for (const snapshot of carry?.lanes ?? []) lanes.set(snapshot.shop, new StockLane(snapshot.shop, snapshot));
  for (const shop of input.shops ?? []) if (!lanes.has(shop)) lanes.set(shop, new StockLane(shop));
  let version = carry?.version ?? 0;
  let batchSeq = carry?.batchSeq ?? 0;
  let flushes = carry?.flushes ?? 0;
  let flushesThisRun = 0;
  let missingInRackbeat = carry?.missingInRackbeat ?? [];
  let lastReconcile = carry?.lastReconcile;
  let reconcileWanted = carry?.reconcile ?? input.reconcile;
  let stopping = false;

  setHandler(stockChangedSignal, (change) => {
    if (!dedup.firstSeen(change.deliveryId)) return;
    version += 1;
    for (const lane of lanes.values()) lane.record(change.sku, Date.now(), version);
  });
  setHandler(reconcileStockSignal, (request) => {
    reconcileWanted = request;
  });
  const snapshot = (): StockStatus => ({ ...status.snapshot(), lanes: [...lanes.values()].map((l) => l.status()), missingInRackbeat: [...missingInRackbeat], flushes, lastReconcile });
  setHandler(stockStatusQuery, snapshot);

  // Search attributes change only when a shop starts or stops failing: each upsert is a billed action.
  const startSAs = workflowInfo().typedSearchAttributes;
  let shownHeld = startSAs.get(HeldReasonKey) ?? '';
  let shownStage = startSAs.get(TransferStageKey) ?? '';
  const show = (): void => {
    const failing = [...lanes.values()].filter((l) => l.failures() > 0).map((l) => l.shop);
    const held = failing.length ? `SHOP_UNAVAILABLE:${failing.join(',')}` : '';
    if (held) status.hold(held, `writes to ${failing.join(', ')} keep failing; see lanes[].lastError`, 'retrying with back-off');
    else status.moveTo('WAITING', 'waiting for Rackbeat stock changes');
    const stage = held ? 'HELD' : 'WAITING';
    if (held !== shownHeld || stage !== shownStage) {
      upsertSearchAttributes([
        { key: TransferStageKey, value: stage },
        { key: HeldReasonKey, value: held || null },
      ]);
      shownHeld = held;
      shownStage = stage;
    }
    const lines = [...lanes.values()].map((l) => l.status()).map((l) => `| ${l.shop} | ${l.pending} | ${l.lastFlushAt ?? '—'} | ${l.calls} (${l.writeCalls} writes) | ${l.written} | ${l.unknownSkus.length} | ${l.lastError ?? ''} |`);
    setCurrentDetails([status.details(), '', '| shop | pending | last flush | calls | written | unknown SKUs | last error |', '|---|---|---|---|---|---|---|', ...lines].join('\n'));
  };

  // The worker's configuration decides which shops the connection has (a shop may have been added).
  const configured = await writes.stockShops(connectionId);
  for (const shop of configured) if (!lanes.has(shop)) lanes.set(shop, new StockLane(shop));
  for (const shop of [...lanes.keys()]) if (!configured.includes(shop)) lanes.delete(shop);
  show();

  const flush = async (lane: StockLane, batches: StockBatch[]): Promise<void> => {
    const at = new Date().toISOString();
    const skus = batches.flatMap((b) => b.items.map((i) => i.sku));
    let read: Awaited<ReturnType<Activities['readRackbeatStock']>>;
    try {
      read = await writes.readRackbeatStock({ connectionId, skus });
    } catch (err) {
      lane.fail(batches, Date.now(), errorText(err));
      status.step({ name: `read Rackbeat for ${lane.shop}`, at, result: 'failed', error: errorText(err) });
      return;
    }
    if (read.missing.length) missingInRackbeat = [...missingInRackbeat.filter((s) => !read.missing.includes(s)), ...read.missing].slice(-MAX_MISSING_LISTED);
    let written = 0;
    for (const batch of batches) {
      lane.skip(batch, [...read.missing, ...read.untracked], Date.now());
      const items = batch.items.flatMap((i) => {
        const quantity = read.quantities[i.sku];
        return quantity === undefined ? [] : [{ sku: i.sku, quantity, known: lane.known(i.sku) }];
      });
      if (items.length === 0) continue;
      batchSeq += 1;
      try {
        const result = await writes.pushStock({ connectionId, shop: lane.shop, batchKey: `${workflowId}:${firstExecutionRunId}:${batchSeq}`, items });
        lane.apply(batch, result, Date.now());
        written += result.written.length;
      } catch (err) {
        lane.fail([batch], Date.now(), errorText(err));
        status.step({ name: `write ${lane.shop}`, at, result: 'failed', error: errorText(err) });
        return;
      }
    }
    status.step({ name: `write ${lane.shop}`, at, result: 'ok', detail: `${skus.length} SKU(s) due, ${written} written` });
  };

  const runLane = async (lane: StockLane): Promise<void> => {
    let lastRoundAt = 0;
    while (!stopping) {
      const now = Date.now();
      if (lane.pausedUntil() > now) {
        await condition(() => stopping, lane.pausedUntil() - now);
        continue;
      }
      const due = lane.due(now);
      if (due.batches.length === 0) {
        lane.wake = false;
        const wakeUp = () => stopping || lane.wake;
        if (due.nextDueAt === undefined) await condition(wakeUp);
        else await condition(wakeUp, due.nextDueAt - now);
        continue;
      }
      // Paced: a round follows the previous one after at least a second, so a steady trickle of
      // changes is written in batches rather than one call per change (after idle, at once).
      if (lastRoundAt + ROUND_GAP_MS > now) {
        await condition(() => stopping, lastRoundAt + ROUND_GAP_MS - now);
        continue;
      }
      lastRoundAt = now;
      await flush(lane, due.batches);
      flushes += 1;
      flushesThisRun += 1;
      show();
    }
  };

  const runReconciles = async (): Promise<void> => {
    for (;;) {
      await condition(() => stopping || reconcileWanted !== undefined);
      if (stopping) return;
      const request = reconcileWanted;
      reconcileWanted = undefined;
      const at = new Date().toISOString();
      try {
        const found = await reconciles.findStockDrift({ connectionId, shops: [...lanes.keys()] });
        let queued = 0;
        for (const lane of lanes.values()) {
          for (const sku of found.drift[lane.shop] ?? []) {
            version += 1;
            lane.record(sku, Date.now(), version, true);
            queued += 1;
          }
        }
        lastReconcile = { at, checked: found.checked, queued };
        status.step({ name: 'reconcile', at, result: 'ok', detail: `asked by ${request?.by ?? '?'}: ${found.checked} products checked, ${queued} shop quantities queued` });
      } catch (err) {
        status.step({ name: 'reconcile', at, result: 'failed', error: errorText(err) });
      }
      show();
    }
  };

  const runs = [...[...lanes.values()].map(runLane), runReconciles()];
  await condition(() => workflowInfo().continueAsNewSuggested || flushesThisRun >= (input.maxFlushesPerRun ?? MAX_FLUSHES_PER_RUN) || workflowInfo().historyLength >= MAX_EVENTS_PER_RUN);
  stopping = true;
  await Promise.all(runs);
  await condition(allHandlersFinished);
  const next: StockSyncCarry = {
    seenDeliveries: dedup.toArray(),
    version,
    batchSeq,
    flushes,
    lanes: [...lanes.values()].map((l) => l.snapshot(Date.now())),
    steps: status.snapshot().steps,
    missingInRackbeat,
    lastReconcile,
    reconcile: reconcileWanted,
  };
  await continueAsNew<typeof stockSync>({ connectionId, shops: [...lanes.keys()], ...(input.maxFlushesPerRun === undefined ? {} : { maxFlushesPerRun: input.maxFlushesPerRun }) }, next);
}

function errorText(err: unknown): string {
  const cause = err instanceof Error && 'cause' in err && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : String(cause).slice(0, 300);
}
