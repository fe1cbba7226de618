import type { PushStockResult } from '../../activities/stock-types';
import { STOCK_BATCH_LIMITS, STOCK_MIN_INTERVAL_MS, type StockBatch, StockCoalescer, type StockDue, type StockSnapshot } from '../../domain/webshop/stock-coalescer';
import type { StockLaneStatus, StockShop } from './contract';

/**
 * The coalescer holds quantities, but F4 reads Rackbeat only at flush time: a change is recorded
 * with this placeholder (never equal to a real quantity, so it is always queued), and a flush
 * confirms the quantity actually written.
 */
export const QUANTITY_UNREAD = Number.MIN_SAFE_INTEGER;
/** Confirmed for a SKU that was skipped (unknown to the shop or to Rackbeat): a later change queues it again. */
export const QUANTITY_ABSENT = Number.MIN_SAFE_INTEGER + 1;

const MAX_LISTED_SKUS = 50;
const MAX_KNOWN = 50_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface StockLaneSnapshot {
  shop: StockShop;
  coalescer: StockSnapshot;
  /** SKU → quantity rackbridge last wrote (WooCommerce skips equal writes with it). */
  known: Array<[string, number]>;
  /** SKU → version of the last reconcile drift mark not yet covered by a write (absent in older runs). */
  drifted?: Array<[string, number]>;
  stats: Omit<StockLaneStatus, 'shop' | 'pending'>;
}

/** One shop's share of the stock workflow: what is pending, what the shop holds, how writes went. Pure. */
export class StockLane {
  /** Set when a change was recorded since the lane last looked. */
  wake = false;
  private readonly coalescer: StockCoalescer;
  private readonly knownQty: Map<string, number>;
  /**
   * A reconcile found the shop holding something else than rackbridge last wrote. A batch read
   * before that (still in flight when the drift was marked) must not teach `knownQty` again, or the
   * next flush would trust the stale value, call the SKU unchanged and never repair it.
   */
  private readonly driftedAt: Map<string, number>;
  private readonly stats: StockLaneSnapshot['stats'];

  constructor(
    readonly shop: StockShop,
    snapshot?: StockLaneSnapshot,
  ) {
    const size = STOCK_BATCH_LIMITS[shop];
    this.coalescer = snapshot ? StockCoalescer.restore(snapshot.coalescer, size) : new StockCoalescer(size);
    this.knownQty = new Map(snapshot?.known ?? []);
    this.driftedAt = new Map(snapshot?.drifted ?? []);
    this.stats = snapshot ? { ...snapshot.stats, unknownSkus: [...snapshot.stats.unknownSkus] } : { lastFlushAt: undefined, calls: 0, writeCalls: 0, written: 0, unchanged: 0, unknownSkus: [], lastError: undefined, consecutiveFailures: 0, pausedUntil: undefined };
  }

  /** A Rackbeat change (or reconcile drift) for `sku`: queue it, forgetting what the shop was thought to hold when `drifted`. */
  record(sku: string, now: number, version: number, drifted = false): void {
    if (drifted) {
      this.knownQty.delete(sku);
      this.driftedAt.set(sku, version);
    }
    if (this.coalescer.record(sku, QUANTITY_UNREAD, now, version) === 'queued') this.wake = true;
  }

  due(now: number): StockDue {
    return this.coalescer.due(now);
  }

  known(sku: string): number | undefined {
    return this.knownQty.get(sku);
  }

  pausedUntil(): number {
    return this.stats.pausedUntil ? Date.parse(this.stats.pausedUntil) : 0;
  }

  /** Products Rackbeat no longer has: nothing to push. */
  skip(batch: StockBatch, skus: readonly string[], now: number): void {
    if (skus.length === 0) return;
    this.coalescer.markFlushed({ items: batch.items.filter((i) => skus.includes(i.sku)).map((i) => ({ ...i, quantity: QUANTITY_ABSENT })) }, now);
  }

  /** Applies a push result: confirmed SKUs are done, refused ones stay pending, the shop is healthy again. */
  apply(batch: StockBatch, result: PushStockResult, now: number): void {
    const confirmed = new Map<string, number>();
    const versions = new Map(batch.items.map((i) => [i.sku, i.version]));
    for (const w of [...result.written, ...result.unchanged]) {
      confirmed.set(w.sku, w.quantity);
      const drift = this.driftedAt.get(w.sku);
      if (drift !== undefined && (versions.get(w.sku) ?? Number.NEGATIVE_INFINITY) < drift) continue;
      this.driftedAt.delete(w.sku);
      this.remember(w.sku, w.quantity);
    }
    for (const u of result.unknown) {
      confirmed.set(u.sku, QUANTITY_ABSENT);
      this.knownQty.delete(u.sku);
      this.stats.unknownSkus = [...this.stats.unknownSkus.filter((s) => s !== u.sku), u.sku].slice(-MAX_LISTED_SKUS);
    }
    const items = batch.items.filter((i) => confirmed.has(i.sku));
    this.coalescer.markFlushed({ items: items.map((i) => ({ ...i, quantity: confirmed.get(i.sku) ?? QUANTITY_ABSENT })) }, now);
    const failed = result.failed.map((f) => f.sku);
    for (const sku of failed) this.knownQty.delete(sku);
    if (failed.length) this.coalescer.markFailed(batch, now, failed);
    this.stats.calls += result.calls;
    this.stats.writeCalls += result.writeCalls;
    this.stats.written += result.written.length;
    this.stats.unchanged += result.unchanged.length;
    this.stats.lastFlushAt = new Date(now).toISOString();
    this.stats.lastError = result.failed.length ? `${result.failed.length} SKU(s) refused: ${[...new Set(result.failed.map((f) => f.reason))].join(', ')}` : undefined;
    this.stats.consecutiveFailures = 0;
    this.stats.pausedUntil = undefined;
  }

  /** The batches could not be written at all: they stay pending and the lane backs off (1 s, 2 s, 4 s, … up to 5 min). */
  fail(batches: readonly StockBatch[], now: number, error: string): void {
    for (const batch of batches) this.coalescer.markFailed(batch, now);
    this.stats.consecutiveFailures += 1;
    this.stats.lastError = error;
    const backoff = Math.min(STOCK_MIN_INTERVAL_MS * 2 ** (this.stats.consecutiveFailures - 1), MAX_BACKOFF_MS);
    this.stats.pausedUntil = new Date(now + backoff).toISOString();
  }

  failures(): number {
    return this.stats.consecutiveFailures;
  }

  status(): StockLaneStatus {
    return { shop: this.shop, pending: this.coalescer.pendingCount(), ...this.stats, unknownSkus: [...this.stats.unknownSkus] };
  }

  /** For continue-as-new: entries neither pending nor inside their one-second window carry no information. */
  snapshot(now: number): StockLaneSnapshot {
    const full = this.coalescer.snapshot();
    const entries = full.entries.filter((e) => e.pending || (e.lastCallAt !== undefined && e.lastCallAt + STOCK_MIN_INTERVAL_MS > now));
    return { shop: this.shop, coalescer: { ...full, entries }, known: [...this.knownQty], ...(this.driftedAt.size ? { drifted: [...this.driftedAt] } : {}), stats: { ...this.stats, unknownSkus: [...this.stats.unknownSkus] } };
  }

  private remember(sku: string, quantity: number): void {
    this.knownQty.delete(sku);
    this.knownQty.set(sku, quantity);
    if (this.knownQty.size > MAX_KNOWN) {
      const oldest = this.knownQty.keys().next().value;
      if (oldest !== undefined) this.knownQty.delete(oldest);
    }
  }
}
