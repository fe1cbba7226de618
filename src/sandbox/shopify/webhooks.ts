import { randomUUID } from 'node:crypto';
import { type DeliveryAttempt, type RetriedDelivery, RetryingDeliveryLog } from '../common/delivery-log';
// A generic POST with connect/response timeouts; shared with the Rackbeat simulator on purpose.
import { postJson } from '../common/post-json';
import { toJson } from './json';
import type { ShopEvent } from './models';
import { SHOP, type ShopifySimulatorSettings } from './settings';
import { type ClientSecret, signBody } from './signing';
import type { ShopifyStore } from './store';

export interface SignedAttempt extends DeliveryAttempt {
  /** Which secret signed this attempt: rotation can change it between retries. */
  hmac: string;
}

export interface Delivery extends RetriedDelivery {
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
  attempts: SignedAttempt[];
}

/**
 * Sends events to every subscription for their topic and retries failures on the configured
 * schedule (Shopify since 2024-09: 8 retries over 4 hours, exponential backoff, original payload).
 */
export class WebhookDispatcher extends RetryingDeliveryLog<Delivery> {
  constructor(
    private readonly store: ShopifyStore,
    private readonly settings: ShopifySimulatorSettings,
    private readonly secret: ClientSecret,
  ) {
    super();
  }

  dispatch(events: readonly ShopEvent[]): void {
    for (const event of events) {
      const eventId = randomUUID();
      const triggeredAt = new Date().toISOString();
      const body = toJson(event.body);
      for (const subscription of this.store.webhooks.values()) {
        if (subscription.topic !== event.topic) continue;
        const delivery = this.record((id) => ({
          id,
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
        }));
        this.send(delivery);
      }
    }
  }

  list(filter: { topic?: string; state?: string } = {}): Delivery[] {
    return this.select((d) => (!filter.topic || d.topic === filter.topic) && (!filter.state || d.state === filter.state));
  }

  protected send(delivery: Delivery): void {
    this.timers.track(this.attempt(delivery, this.timers.generation));
  }

  private async attempt(delivery: Delivery, generation: number): Promise<void> {
    const hmac = signBody(delivery.body, this.secret.signingSecret());
    const started = Date.now();
    const outcome = await postJson(delivery.address, delivery.body, headersFor(delivery, hmac), {
      connectTimeoutMs: this.settings.webhookConnectTimeoutMs,
      responseTimeoutMs: this.settings.webhookTimeoutMs,
    });
    if (generation !== this.timers.generation) return;
    delivery.attempts.push({ at: new Date(started).toISOString(), ...outcome, duration_ms: Date.now() - started, hmac });
    const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
    this.settle(delivery, ok, this.settings.webhookRetryDelaysMs[delivery.attempts.length - 1]);
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
