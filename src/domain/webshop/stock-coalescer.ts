/**
 * State of the `stock:{conn}` entity workflow: collects Rackbeat stock values per SKU and says
 * what to push to the shop and when. Plain and deterministic (time is passed in), so the
 * workflow stays replay-safe and the rules are unit-tested without Temporal.
 */

/** Items per shop write. Shopify `inventorySetQuantities` takes up to 250 quantities (unconfirmed upstream); WooCommerce batch endpoints take 100 (woo-core `check_batch_limit`). */
export const STOCK_BATCH_LIMITS = { shopify: 250, woocommerce: 100 } as const;

/** At most one write per SKU per this many milliseconds. */
export const STOCK_MIN_INTERVAL_MS = 1000;

export interface StockItem {
  sku: string;
  quantity: number;
  /** Rackbeat's ordering of values: a sequence number or `Date.parse(updated_at)`. Higher is newer. */
  version: number;
}

export interface StockBatch {
  items: StockItem[];
}

export interface StockDue {
  batches: StockBatch[];
  /** When the next held-back SKU becomes due (epoch ms), if any is waiting on the rate limit. */
  nextDueAt?: number;
}

interface Entry {
  /** The newest value seen. */
  latest: StockItem;
  /** True while `latest` has not been confirmed written to the shop. */
  pending: boolean;
  /** The last value the shop confirmed. */
  confirmed?: StockItem;
  lastCallAt?: number;
  failures: number;
}

export interface StockSnapshot {
  format: 1;
  entries: Entry[];
}

export type RecordOutcome = 'queued' | 'unchanged' | 'stale';

export class StockCoalescer {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly batchSize: number,
    private readonly minIntervalMs: number = STOCK_MIN_INTERVAL_MS,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  }

  /**
   * Records a Rackbeat value. The newest version wins whatever the arrival order; a value
   * equal to what the shop already has is not queued again. `version` defaults to `at`.
   */
  record(sku: string, quantity: number, at: number, version: number = at): RecordOutcome {
    const entry = this.entries.get(sku);
    if (entry && version < entry.latest.version) return 'stale';
    const item: StockItem = { sku, quantity, version };
    if (!entry) {
      this.entries.set(sku, { latest: item, pending: true, failures: 0 });
      return 'queued';
    }
    entry.latest = item;
    entry.pending = entry.confirmed?.quantity !== quantity;
    return entry.pending ? 'queued' : 'unchanged';
  }

  /** Pending values whose SKU was not written within the interval, in batches of at most `batchSize`, oldest SKU first. */
  due(now: number): StockDue {
    const ready: StockItem[] = [];
    let nextDueAt: number | undefined;
    for (const entry of this.entries.values()) {
      if (!entry.pending) continue;
      const allowedAt = entry.lastCallAt === undefined ? now : entry.lastCallAt + this.minIntervalMs;
      if (allowedAt <= now) ready.push({ ...entry.latest });
      else nextDueAt = nextDueAt === undefined ? allowedAt : Math.min(nextDueAt, allowedAt);
    }
    const batches: StockBatch[] = [];
    for (let i = 0; i < ready.length; i += this.batchSize) batches.push({ items: ready.slice(i, i + this.batchSize) });
    return nextDueAt === undefined ? { batches } : { batches, nextDueAt };
  }

  /** The shop accepted the batch; a value recorded meanwhile stays pending. */
  markFlushed(batch: StockBatch, at: number): void {
    for (const item of batch.items) {
      const entry = this.entries.get(item.sku);
      if (!entry) continue;
      entry.lastCallAt = at;
      entry.failures = 0;
      if (!entry.confirmed || item.version >= entry.confirmed.version) entry.confirmed = { ...item };
      if (entry.latest.version <= item.version) entry.pending = false;
      else entry.pending = entry.latest.quantity !== item.quantity;
    }
  }

  /** The write failed: the values stay pending for the next flush; `skus` limits it to the items that failed. */
  markFailed(batch: StockBatch, at: number, skus?: readonly string[]): void {
    for (const item of batch.items) {
      if (skus && !skus.includes(item.sku)) continue;
      const entry = this.entries.get(item.sku);
      if (!entry) continue;
      entry.lastCallAt = at;
      entry.failures += 1;
      entry.pending = true;
    }
  }

  /** Consecutive failed writes of a SKU, for alerting. */
  failures(sku: string): number {
    return this.entries.get(sku)?.failures ?? 0;
  }

  pendingCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.pending) count += 1;
    return count;
  }

  /** A JSON-safe copy of the state for continue-as-new. */
  snapshot(): StockSnapshot {
    return { format: 1, entries: [...this.entries.values()].map((e) => cloneEntry(e)) };
  }

  static restore(snapshot: StockSnapshot, batchSize: number, minIntervalMs: number = STOCK_MIN_INTERVAL_MS): StockCoalescer {
    const coalescer = new StockCoalescer(batchSize, minIntervalMs);
    for (const entry of snapshot.entries) coalescer.entries.set(entry.latest.sku, cloneEntry(entry));
    return coalescer;
  }
}

function cloneEntry(e: Entry): Entry {
  return {
    latest: { ...e.latest },
    pending: e.pending,
    ...(e.confirmed ? { confirmed: { ...e.confirmed } } : {}),
    ...(e.lastCallAt === undefined ? {} : { lastCallAt: e.lastCallAt }),
    failures: e.failures,
  };
}
