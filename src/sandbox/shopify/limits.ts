/**
 * Shopify's REST leaky bucket: each request adds one; the bucket drains at `leakPerSecond`;
 * a request that would overflow it is refused with 429 (shopify.dev REST rate limits).
 */
export class LeakyBucket {
  private readonly buckets = new Map<string, { level: number; at: number }>();

  constructor(private readonly config: () => { size: number; leakPerSecond: number }) {}

  /** Counts one request; returns the level after it, or the wait in ms when refused. */
  hit(key: string, now = Date.now()): { ok: true; used: number; size: number } | { ok: false; waitMs: number; size: number } {
    const { size, leakPerSecond } = this.config();
    if (leakPerSecond <= 0) return { ok: true, used: 0, size };
    const bucket = this.drained(key, now, leakPerSecond);
    if (bucket.level + 1 > size) return { ok: false, waitMs: ((bucket.level + 1 - size) / leakPerSecond) * 1000, size };
    bucket.level += 1;
    return { ok: true, used: Math.ceil(bucket.level), size };
  }

  reset(): void {
    this.buckets.clear();
  }

  private drained(key: string, now: number, leakPerSecond: number): { level: number; at: number } {
    const bucket = this.buckets.get(key) ?? { level: 0, at: now };
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * leakPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** GraphQL calculated-cost bucket: points restore at `restoreRate` per second up to the maximum. */
export class CostBucket {
  private readonly buckets = new Map<string, { available: number; at: number }>();

  constructor(private readonly config: () => { maximumAvailable: number; restoreRate: number }) {}

  /** Takes `cost` points if there are enough; always returns the status after the decision. */
  take(key: string, cost: number, now = Date.now()): { ok: boolean; status: ThrottleStatus } {
    const bucket = this.restored(key, now);
    const disabled = this.config().restoreRate <= 0;
    const ok = disabled || bucket.available >= cost;
    if (ok && !disabled) bucket.available -= cost;
    return { ok, status: this.status(bucket) };
  }

  /** Gives back points a query did not use (requested minus actual cost). */
  refund(key: string, points: number, now = Date.now()): ThrottleStatus {
    const bucket = this.restored(key, now);
    bucket.available = Math.min(this.config().maximumAvailable, bucket.available + points);
    return this.status(bucket);
  }

  reset(): void {
    this.buckets.clear();
  }

  private status(bucket: { available: number }): ThrottleStatus {
    const { maximumAvailable, restoreRate } = this.config();
    return { maximumAvailable, currentlyAvailable: Math.floor(bucket.available), restoreRate };
  }

  private restored(key: string, now: number): { available: number; at: number } {
    const { maximumAvailable, restoreRate } = this.config();
    const bucket = this.buckets.get(key) ?? { available: maximumAvailable, at: now };
    bucket.available = Math.min(maximumAvailable, bucket.available + ((now - bucket.at) / 1000) * restoreRate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
