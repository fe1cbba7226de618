export interface LoggedRequest {
  seq: number;
  system: string;
  method: string;
  /** Path below the system's prefix, without the query string. */
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  /** Status the simulator answered, or 'dropped' when a fault cut the response. */
  /** `held`: committed, its answer held back by a commit-then-hold fault. */
  status: number | 'dropped' | 'held' | undefined;
  idempotencyKey: string | undefined;
  at: string;
  /** Contract mode: the published schema the body was validated against, and the outcome. */
  contract?: { schema: string | null; standInFor?: string; valid: boolean; errors: string[] };
}

/** Every request a simulator receives, in order, so tests can assert the wire exactly. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  /** Bounded so a long-running sandbox does not grow without limit. */
  constructor(private readonly max = 20_000) {}

  add(entry: Omit<LoggedRequest, 'seq' | 'status'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, seq: ++this.seq, status: undefined };
    this.entries.push(logged);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    return logged;
  }

  list(filter: { system?: string; method?: string; pathPrefix?: string } = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) =>
        (!filter.system || e.system === filter.system) &&
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(system?: string): void {
    this.entries = system ? this.entries.filter((e) => e.system !== system) : [];
  }
}
