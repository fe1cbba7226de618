import { randomUUID } from 'node:crypto';
// A generic POST with connect/response timeouts; shared with the Rackbeat simulator on purpose.
import { postJson } from '../common/post-json';
import { toJson } from './json';
import type { ShopEvent } from './models';
import { SHOP, type ShopifySimulatorSettings } from './settings';
import { type ClientSecret, signBody } from './signing';
import type { ShopifyStore } from './store';

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  duration_ms: number;
  /** Which secret signed this attempt: rotation can change it between retries. */
  hmac: string;
}

export interface Delivery {
  id: number;
  /** `X-Shopify-Webhook-Id`: one per delivery, the same on every retry of it. */
  webhook_id: string;
  /** `X-Shopify-Event-Id`: one per event, the same for every subscription it goes to. */
  event_id: string;
  subscription_id: string;
  topic: string;
  address: string;
  api_version: string;
  triggered_at: string;
  /** The body fixed at trigger time; retries re-send exactly these bytes. */
  body: string;
  state: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
}

const MAX_LOGGED_DELIVERIES = 5_000;

/**
 * Sends events to every subscription for their topic and retries failures on the configured
 * schedule (Shopify since 2024-09: 8 retries over 4 hours, exponential backoff, original payload).
 */
export class WebhookDispatcher {
  private deliveries: Delivery[] = [];
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private generation = 0;

  constructor(
    private readonly store: ShopifyStore,
    private readonly settings: ShopifySimulatorSettings,
    private readonly secret: ClientSecret,
  ) {}

  dispatch(events: readonly ShopEvent[]): void {
    for (const event of events) {
      const eventId = randomUUID();
      const triggeredAt = new Date().toISOString();
      const body = toJson(event.body);
      for (const subscription of this.store.webhooks.values()) {
        if (subscription.topic !== event.topic) continue;
        const delivery: Delivery = {
          id: this.nextId++,
          webhook_id: randomUUID(),
          event_id: eventId,
          subscription_id: String(subscription.id),
          topic: event.topic,
          address: subscription.address,
          api_version: subscription.api_version,
          triggered_at: triggeredAt,
          body,
          state: 'pending',
          attempts: [],
          next_attempt_at: null,
        };
        this.deliveries.push(delivery);
        if (this.deliveries.length > MAX_LOGGED_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_LOGGED_DELIVERIES);
        this.start(delivery);
      }
    }
  }

  list(filter: { topic?: string; state?: string } = {}): Delivery[] {
    return this.deliveries.filter((d) => (!filter.topic || d.topic === filter.topic) && (!filter.state || d.state === filter.state));
  }

  /** Attempts every delivery waiting for a retry now and resolves when all attempts are done. */
  async flush(): Promise<Delivery[]> {
    const due = this.deliveries.filter((d) => d.state === 'retrying');
    for (const delivery of due) {
      clearTimeout(this.timers.get(delivery.id));
      this.timers.delete(delivery.id);
      this.start(delivery);
    }
    await this.idle();
    return due;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  reset(): void {
    this.generation++;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.inFlight.clear();
    this.deliveries = [];
    this.nextId = 1;
  }

  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  private start(delivery: Delivery): void {
    const attempt = this.attempt(delivery, this.generation);
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
  }

  private async attempt(delivery: Delivery, generation: number): Promise<void> {
    const hmac = signBody(delivery.body, this.secret.signingSecret());
    const started = Date.now();
    const outcome = await postJson(delivery.address, delivery.body, headersFor(delivery, hmac), {
      connectTimeoutMs: this.settings.webhookConnectTimeoutMs,
      responseTimeoutMs: this.settings.webhookTimeoutMs,
    });
    if (generation !== this.generation) return;
    delivery.attempts.push({ at: new Date(started).toISOString(), ...outcome, duration_ms: Date.now() - started, hmac });
    if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) {
      delivery.state = 'delivered';
      delivery.next_attempt_at = null;
      return;
    }
    const delayMs = this.settings.webhookRetryDelaysMs[delivery.attempts.length - 1];
    if (delayMs === undefined) {
      delivery.state = 'failed';
      delivery.next_attempt_at = null;
      return;
    }
    delivery.state = 'retrying';
    delivery.next_attempt_at = new Date(Date.now() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      this.start(delivery);
    }, delayMs);
    timer.unref();
    this.timers.set(delivery.id, timer);
  }
}

function headersFor(delivery: Delivery, hmac: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'Shopify-Captain-Hook',
    'X-Shopify-Hmac-Sha256': hmac,
    'X-Shopify-Topic': delivery.topic,
    'X-Shopify-Shop-Domain': SHOP.domain,
    'X-Shopify-API-Version': delivery.api_version,
    'X-Shopify-Webhook-Id': delivery.webhook_id,
    'X-Shopify-Event-Id': delivery.event_id,
    'X-Shopify-Triggered-At': delivery.triggered_at,
  };
}
