import { FaultQueue } from './faults';
import { RateLimiter, type RateLimitSettings } from './rate-limit';
import { RequestLog } from './request-log';

/** State shared by all simulators of one sandbox: the request log, queued faults, rate limiters. */
export class SandboxContext {
  readonly log = new RequestLog();
  readonly faults = new FaultQueue();
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly defaultLimits: Record<string, RateLimitSettings> = {}) {}

  limiter(system: string): RateLimiter {
    let limiter = this.limiters.get(system);
    if (!limiter) {
      limiter = new RateLimiter({ ...(this.defaultLimits[system] ?? { limit: 0, windowMs: 1000 }) });
      this.limiters.set(system, limiter);
    }
    return limiter;
  }
}
