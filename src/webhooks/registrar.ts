import type { Logger } from 'pino';
import type { Connection } from '../config';
import { rackbeatEventsFor } from '../flows/rackbeat-sources';
import { type EventRegistration, registerRackbeatWebhooks, type WebhookRegistrar } from './register';
import type { WebhookTokenStore } from './token-store';

export interface RegistrarOptions {
  connections: Connection[];
  rackbeatOf: (connectionId: string) => WebhookRegistrar;
  publicUrl: string;
  tokenStore: WebhookTokenStore;
  logger?: Logger | undefined;
  /** First wait after a 429 without Retry-After, a 5xx or a network error; doubles up to maxBackoffMs. @default 1000 */
  initialBackoffMs?: number;
  /** @default 5 minutes */
  maxBackoffMs?: number;
}

export type RegistrationStatus = Record<string, Record<string, { state: EventRegistration['state']; reason?: string }>>;

/**
 * Registers every connection's Rackbeat webhooks in the background, so start-up never fails on
 * Rackbeat: 429 and 5xx are retried with backoff (at least the Retry-After), a refused event name
 * is logged and reported (`/readyz`) and the rest still registers; the process serves
 * webhooks throughout, and the poller covers whatever is not registered yet.
 */
export class RackbeatWebhookRegistrar {
  private readonly state = new Map<string, Map<string, EventRegistration>>();
  private readonly runs: Promise<void>[] = [];
  private readonly wakeups = new Set<() => void>();
  private stopped = false;

  constructor(private readonly options: RegistrarOptions) {}

  /** Starts one background loop per connection that registers webhooks; returns at once. */
  start(): void {
    for (const connection of this.options.connections) {
      if (!connection.rackbeat.registerWebhooks) continue;
      this.runs.push(this.register(connection));
    }
  }

  /** Resolves once every event is registered or refused (or the registrar stopped). */
  async settled(): Promise<void> {
    await Promise.all(this.runs);
  }

  status(): RegistrationStatus {
    const out: RegistrationStatus = {};
    for (const [connectionId, events] of this.state) {
      out[connectionId] = Object.fromEntries([...events.values()].map((r) => [r.event, r.state === 'registered' ? { state: r.state } : { state: r.state, reason: r.reason }]));
    }
    return out;
  }

  stop(): void {
    this.stopped = true;
    for (const wake of this.wakeups) wake();
  }

  private async register(connection: Connection): Promise<void> {
    const { logger } = this.options;
    const events = new Map<string, EventRegistration>();
    this.state.set(connection.id, events);
    let pending = rackbeatEventsFor(connection);
    let backoffMs = this.options.initialBackoffMs ?? 1_000;
    const maxBackoffMs = this.options.maxBackoffMs ?? 5 * 60_000;
    while (pending.length > 0 && !this.stopped) {
      const results = await registerRackbeatWebhooks({ connection, rackbeat: this.options.rackbeatOf(connection.id), publicUrl: this.options.publicUrl, tokenStore: this.options.tokenStore, events: pending });
      for (const result of results) {
        events.set(result.event, result);
        if (result.state === 'refused') logger?.error({ connectionId: connection.id, event: result.event, reason: result.reason }, 'Rackbeat refused a webhook; its changes reach rackbridge through the poller only');
      }
      const registered = results.filter((r) => r.state === 'registered');
      if (registered.length) logger?.info({ connectionId: connection.id, events: registered.map((r) => `${r.event}:${r.action}`) }, 'Rackbeat webhooks registered');
      const retrying = results.filter((r): r is Extract<EventRegistration, { state: 'retrying' }> => r.state === 'retrying');
      pending = retrying.map((r) => r.event);
      if (pending.length === 0) return;
      const waitMs = Math.max(backoffMs, ...retrying.map((r) => r.retryAfterMs ?? 0));
      logger?.warn({ connectionId: connection.id, events: pending, retryInMs: waitMs, reason: retrying[0]?.reason }, 'Rackbeat webhook registration will be retried');
      await this.sleep(waitMs);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeups.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakeups.add(wake);
    });
  }
}
