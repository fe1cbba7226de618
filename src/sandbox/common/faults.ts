import { z } from 'zod';

export const faultSchema = z
  .object({
    system: z.string().min(1),
    /**
     * latency: delay the answer; status: answer with `status` instead of handling; rate-limit: 429
     * with Retry-After; drop: handle the request (commit the write) and then cut the connection;
     * commit-then-status: handle the request, then answer `status` instead of its result (a 5xx
     * after the write committed); commit-then-hold: handle the request, then hold its answer for
     * `latencyMs` (logged as `held` meanwhile), so a test can kill the caller in that window.
     */
    kind: z.enum(['latency', 'status', 'rate-limit', 'drop', 'commit-then-status', 'commit-then-hold']),
    /** `body`: a substring of the request body (JSON as sent, or text), to pick one GraphQL mutation among many calls to one path. */
    match: z.object({ method: z.string().optional(), path: z.string().optional(), body: z.string().optional() }).strict().default({}),
    /** How many matching requests the fault applies to. */
    count: z.number().int().positive().default(1),
    latencyMs: z.number().int().nonnegative().default(0),
    status: z.number().int().min(400).max(599).default(503),
    retryAfterSeconds: z.number().int().nonnegative().default(1),
    /**
     * With drop: the system keeps no idempotency record of this write, as when the caller's retry
     * comes after the key's window (e-conomic: one hour), e.g. after a long outage.
     */
    forgetIdempotencyKey: z.boolean().optional(),
  })
  .strict();
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number; fired: number };

/** Faults queued through the control API; each fires for `count` matching requests, then expires. */
export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: z.output<typeof faultSchema>): Fault {
    const fault: Fault = { ...input, id: this.nextId++, fired: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** Takes the first pending fault that matches this request, counting it as fired. */
  take(system: string, method: string, path: string, body = ''): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.system === system &&
        f.fired < f.count &&
        (!f.match.method || f.match.method.toUpperCase() === method) &&
        (!f.match.path || new RegExp(f.match.path).test(path)) &&
        (!f.match.body || body.includes(f.match.body)),
    );
    if (fault) fault.fired++;
    return fault;
  }

  /** Faults that have not fired as often as asked: a test that queued one expects it to fire. */
  pending(system?: string): Fault[] {
    return this.faults.filter((f) => f.fired < f.count && (!system || f.system === system));
  }

  all(): Fault[] {
    return [...this.faults];
  }

  clear(system?: string): void {
    this.faults = system ? this.faults.filter((f) => f.system !== system) : [];
  }
}
