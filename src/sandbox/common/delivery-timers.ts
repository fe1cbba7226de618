/**
 * The bookkeeping of a simulator's webhook dispatcher: one timer per delivery, the attempts in
 * flight, and a generation that `reset()` bumps so attempts started before it drop their outcome.
 */
export class DeliveryTimers {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Map<number, Promise<void>>();
  private current = 0;

  /** Compare after an await: a different value means a reset happened meanwhile. */
  get generation(): number {
    return this.current;
  }

  /** Runs `fn` for delivery `id` after `delayMs`, without keeping the process alive. */
  schedule(id: number, delayMs: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, delayMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  cancel(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Counts `attempt` as in flight until it settles. */
  track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }

  /** Runs `attempt` after everything chained under `key` before it; skipped if a reset comes first. */
  chain(key: number, attempt: (generation: number) => Promise<void>): void {
    const generation = this.current;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.current ? attempt(generation) : undefined));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    this.track(next);
  }

  /** Cancels the timers of `due`, starts each now and waits until nothing is in flight. */
  async flush<T extends { id: number }>(due: T[], start: (delivery: T) => void): Promise<T[]> {
    for (const delivery of due) {
      this.cancel(delivery.id);
      start(delivery);
    }
    await this.idle();
    return due;
  }

  /** Resolves when no attempt is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops all timers and forgets attempts in flight; their outcomes are dropped. */
  reset(): void {
    this.current++;
    this.cancelAll();
    this.inFlight.clear();
    this.chains.clear();
  }

  /** Stops all timers and waits for the attempts in flight. */
  async close(): Promise<void> {
    this.cancelAll();
    await this.idle();
  }

  private cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
