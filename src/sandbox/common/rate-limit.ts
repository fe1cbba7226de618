export interface RateLimitSettings {
  /** Requests allowed per window and token; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

/** A fixed-window counter per token, as many APIs enforce it; answers how long to wait when over. */
export class RateLimiter {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(public settings: RateLimitSettings) {}

  /** Counts one request; returns the wait in ms when it is over the limit, else undefined. */
  hit(token: string, now: number = Date.now()): number | undefined {
    const { limit, windowMs } = this.settings;
    if (limit <= 0) return undefined;
    let window = this.windows.get(token);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(token, window);
    }
    window.count++;
    if (window.count <= limit) return undefined;
    return window.startedAt + windowMs - now;
  }

  reset(): void {
    this.windows.clear();
  }
}
