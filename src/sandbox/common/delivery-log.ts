import { DeliveryTimers } from './delivery-timers';

const MAX_LOGGED_DELIVERIES = 5_000;

/**
 * What every simulator's webhook dispatcher keeps: the deliveries it made (the newest 5 000, for
 * the control API and tests), their timers, and `flush` / `idle` / `reset` / `close`. A simulator
 * says which deliveries are due when flushed and how one is sent; what a delivery holds and how it
 * goes out (Shopify's retries, WooCommerce's queue, Rackbeat's order) stay its own.
 */
export abstract class DeliveryLog<T extends { id: number }> {
  protected readonly timers = new DeliveryTimers();
  private deliveries: T[] = [];
  private nextId = 1;

  /** Whether `flush()` sends this delivery now. */
  protected abstract isDue(delivery: T): boolean;
  /** Sends (or queues) one delivery. */
  protected abstract send(delivery: T): void;

  /** Sends every due delivery now and waits until nothing is in flight. */
  flush(): Promise<T[]> {
    return this.timers.flush(
      this.deliveries.filter((d) => this.isDue(d)),
      (delivery) => this.send(delivery),
    );
  }

  /** Resolves when no attempt is in flight. */
  idle(): Promise<void> {
    return this.timers.idle();
  }

  /** Forgets every delivery; attempts in flight drop their outcome. */
  reset(): void {
    this.timers.reset();
    this.deliveries = [];
    this.nextId = 1;
  }

  close(): Promise<void> {
    return this.timers.close();
  }

  /** Logs a new delivery under the next id. */
  protected record(make: (id: number) => T): T {
    const delivery = make(this.nextId++);
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_LOGGED_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_LOGGED_DELIVERIES);
    return delivery;
  }

  protected select(keep: (delivery: T) => boolean): T[] {
    return this.deliveries.filter(keep);
  }
}

/** One try of a retried delivery: the HTTP status, or why there was none. */
export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  duration_ms: number;
}

export interface RetriedDelivery {
  id: number;
  /** pending: first attempt not done; retrying: waiting for `next_attempt_at`; failed: schedule exhausted. */
  state: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
}

/** A log whose failed deliveries are retried on a schedule (Shopify, Rackbeat); `flush()` retries the waiting ones now. */
export abstract class RetryingDeliveryLog<T extends RetriedDelivery> extends DeliveryLog<T> {
  protected isDue(delivery: T): boolean {
    return delivery.state === 'retrying';
  }

  /**
   * After an attempt (already pushed to `attempts`): delivered when `ok`, else retried after
   * `delayMs`, or failed when the schedule has no delay left (`undefined`).
   */
  protected settle(delivery: T, ok: boolean, delayMs: number | undefined): void {
    if (ok || delayMs === undefined) {
      delivery.state = ok ? 'delivered' : 'failed';
      delivery.next_attempt_at = null;
      return;
    }
    delivery.state = 'retrying';
    delivery.next_attempt_at = new Date(Date.now() + delayMs).toISOString();
    this.timers.schedule(delivery.id, delayMs, () => this.send(delivery));
  }
}
