import { createHash } from 'node:crypto';

/**
 * Spaces requests evenly so no window of `windowMs` ever holds more than `limit` of them (Rackbeat's
 * own client paces to 480 a minute per token). Shared by every client built with the same key in
 * this process, so the poller, the transfers and webhook registration draw on one budget. A 429
 * pauses them all for its wait.
 */
export class RequestPacer {
  private nextAt = 0;
  private readonly gapMs: number;

  constructor(readonly limit: number, readonly windowMs: number) {
    // One millisecond more than the even share: `limit + 1` requests can never fit one window.
    this.gapMs = windowMs / limit + 1;
  }

  /** Resolves when this request may go out. */
  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.gapMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  /** After a 429: nothing goes out for `ms`. */
  pause(ms: number): void {
    this.nextAt = Math.max(this.nextAt, Date.now() + ms);
  }
}

const pacers = new Map<string, RequestPacer>();

/** The process's pacer for one credential (kept by hash, never in clear), created on first use. */
export function pacerFor(credential: string, limit: number, windowMs: number): RequestPacer {
  const id = `${createHash('sha256').update(credential).digest('hex')}:${limit}:${windowMs}`;
  let pacer = pacers.get(id);
  if (!pacer) {
    pacer = new RequestPacer(limit, windowMs);
    pacers.set(id, pacer);
  }
  return pacer;
}
