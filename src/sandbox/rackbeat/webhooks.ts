import { SANDBOX_CREDENTIALS } from '../defaults';
import type { DomainEvent, WebhookRecord } from './models';
import { postJson } from '../common/post-json';
import type { RackbeatStore } from './store';

export interface DeliverySettings {
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  webhookConnectTimeoutMs: number;
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  duration_ms: number;
}

export interface Delivery {
  id: number;
  webhook_id: number;
  event: string;
  url: string;
  payload: Record<string, unknown>;
  /** pending: first attempt not done; retrying: waiting for `next_attempt_at`; failed: schedule exhausted. */
  state: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
}

const MAX_LOGGED_DELIVERIES = 5_000;

/**
 * Sends every event to each active webhook registered for it, retrying failures on the
 * configured schedule (Rackbeat: exponential backoff over about 24 h). Deliveries to one
 * webhook go out one at a time so a receiver sees `order.created` before `order.booked`.
 */
export class WebhookDispatcher {
  private deliveries: Delivery[] = [];
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly chains = new Map<number, Promise<void>>();
  private generation = 0;

  constructor(
    private readonly store: RackbeatStore,
    readonly settings: DeliverySettings,
  ) {}

  dispatch(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const webhook of this.store.webhooks.values()) {
        if (!webhook.is_active || webhook.event !== event.event) continue;
        const delivery: Delivery = {
          id: this.nextId++,
          webhook_id: webhook.id,
          event: event.event,
          url: webhook.url,
          payload: payloadOf(event),
          state: 'pending',
          attempts: [],
          next_attempt_at: null,
        };
        this.deliveries.push(delivery);
        if (this.deliveries.length > MAX_LOGGED_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_LOGGED_DELIVERIES);
        this.enqueue(delivery);
      }
    }
  }

  list(filter: { event?: string; webhookId?: number; state?: string } = {}): Delivery[] {
    return this.deliveries.filter(
      (d) => (!filter.event || d.event === filter.event) && (filter.webhookId === undefined || d.webhook_id === filter.webhookId) && (!filter.state || d.state === filter.state),
    );
  }

  /** Attempts every delivery waiting for a retry now, and waits until all in-flight attempts finish. */
  async flush(): Promise<Delivery[]> {
    const due = this.deliveries.filter((d) => d.state === 'retrying');
    for (const delivery of due) {
      clearTimeout(this.timers.get(delivery.id));
      this.timers.delete(delivery.id);
      this.enqueue(delivery);
    }
    await this.idle();
    return due;
  }

  /** Resolves when no attempt is in flight. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  reset(): void {
    this.generation++;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.chains.clear();
    this.deliveries = [];
    this.nextId = 1;
  }

  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  private enqueue(delivery: Delivery): void {
    const generation = this.generation;
    const previous = this.chains.get(delivery.webhook_id) ?? Promise.resolve();
    const next = previous.then(() => (generation === this.generation ? this.attempt(delivery, generation) : undefined));
    this.chains.set(delivery.webhook_id, next);
    void next.finally(() => {
      if (this.chains.get(delivery.webhook_id) === next) this.chains.delete(delivery.webhook_id);
    });
  }

  private async attempt(delivery: Delivery, generation: number): Promise<void> {
    const webhook = this.store.webhooks.get(delivery.webhook_id);
    const started = Date.now();
    const outcome = webhook
      ? await postJson(delivery.url, JSON.stringify(delivery.payload), headersFor(webhook, delivery.event), {
          connectTimeoutMs: this.settings.webhookConnectTimeoutMs,
          responseTimeoutMs: this.settings.webhookTimeoutMs,
        })
      : { error: 'webhook deleted' };
    if (generation !== this.generation) return;
    delivery.attempts.push({ at: new Date(started).toISOString(), ...outcome, duration_ms: Date.now() - started });
    const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
    if (webhook) webhook.failures_since_last_success = ok ? 0 : webhook.failures_since_last_success + 1;
    if (ok) {
      delivery.state = 'delivered';
      delivery.next_attempt_at = null;
      return;
    }
    const delayMs = webhook ? this.settings.webhookRetryDelaysMs[delivery.attempts.length - 1] : undefined;
    if (delayMs === undefined) {
      delivery.state = 'failed';
      delivery.next_attempt_at = null;
      return;
    }
    delivery.state = 'retrying';
    delivery.next_attempt_at = new Date(Date.now() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      this.enqueue(delivery);
    }, delayMs);
    timer.unref();
    this.timers.set(delivery.id, timer);
  }
}

/** Payload per devdocs `webhook-events`; "updated" events add `old_key`, `new_key`, `changed`. */
function payloadOf(event: DomainEvent): Record<string, unknown> {
  const base = { key: event.key, key_name: event.keyName, event: event.event, data: event.data };
  return event.changed ? { ...base, old_key: event.key, new_key: event.key, changed: event.changed } : base;
}

function headersFor(webhook: WebhookRecord, event: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Rackbeat Webhook',
    'Rackbeat-Webhook-Token': webhook.token,
    'Rackbeat-Webhook-Event': event,
    'Rackbeat-Account-Id': String(SANDBOX_CREDENTIALS.rackbeat.accountId),
  };
}
