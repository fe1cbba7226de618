import { randomBytes } from 'node:crypto';
import { DeliveryLog } from '../common/delivery-log';
import { postJson } from '../common/post-json';
import type { ResourceEvent, WebhookRecord } from './models';
import { phpJsonEncode } from './php-json';
import type { WooCommerceSimulatorSettings } from './settings';
import { signWooPayload } from './signature';
import type { WooStore } from './store';

export interface Delivery {
  id: number;
  webhook_id: number;
  /** `action.ping` for the ping on creation. */
  topic: string;
  resource_id: number | null;
  /** queued: waiting in the queue (new events for it coalesce); then sending, delivered or failed. */
  state: 'queued' | 'sending' | 'delivered' | 'failed' | 'skipped';
  queued_at: string;
  sent_at: string | null;
  /** `X-WC-Webhook-Delivery-ID`, new for every delivery. */
  delivery_id: string | null;
  response_code: number | null;
  error: string | null;
  duration_ms: number | null;
  /** How many events were folded into this delivery while it waited. */
  coalesced: number;
  /** The body as sent. */
  body: string | null;
}

/** WordPress's own HTTP timeout (`WP_Http` default), used by `deliver_ping`. */
const PING_TIMEOUT_MS = 5_000;

/**
 * WooCommerce's webhook queue (woo-core `wc_webhook_execute_queue`, `WC_Webhook::deliver`): one
 * pending delivery per (webhook, resource) at most, the payload rendered when it is sent, one
 * attempt only, failures counted and the webhook disabled after too many.
 */
export class WebhookDispatcher extends DeliveryLog<Delivery> {
  constructor(
    private readonly store: WooStore,
    private readonly settings: WooCommerceSimulatorSettings,
    /** The REST view of a resource now, or undefined when it no longer exists. */
    private readonly render: (resource: string, id: number) => Record<string, unknown> | undefined,
    private readonly siteUrl: () => string,
  ) {
    super();
  }

  enqueue(events: readonly ResourceEvent[]): void {
    for (const event of events) {
      const topic = `${event.resource}.${event.event}`;
      for (const webhook of this.store.webhooks.values()) {
        if (webhook.status !== 'active' || webhook.topic !== topic) continue;
        const pending = this.select((d) => d.state === 'queued' && d.webhook_id === webhook.id && d.resource_id === event.id)[0];
        if (pending) {
          pending.coalesced++;
          continue;
        }
        const delivery = this.recordFor(webhook.id, topic, event.id);
        this.timers.schedule(delivery.id, this.settings.deliveryDelayMs, () => this.send(delivery));
      }
    }
  }

  /** `WC_Webhook::deliver_ping`: form body `webhook_id={id}`, no X-WC headers, success is 200 only. */
  async ping(webhook: WebhookRecord): Promise<Delivery> {
    const delivery = this.recordFor(webhook.id, 'action.ping', null);
    const body = `webhook_id=${webhook.id}`;
    const started = Date.now();
    delivery.state = 'sending';
    delivery.sent_at = new Date(started).toISOString();
    delivery.body = body;
    const outcome = await postJson(
      webhook.delivery_url,
      body,
      // No Content-Type is set upstream; the WordPress HTTP client (cURL) sends the form type for a string body.
      { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': this.userAgent() },
      { connectTimeoutMs: PING_TIMEOUT_MS, responseTimeoutMs: PING_TIMEOUT_MS },
    );
    delivery.duration_ms = Date.now() - started;
    if ('status' in outcome) delivery.response_code = outcome.status;
    else delivery.error = outcome.error;
    delivery.state = 'status' in outcome && outcome.status === 200 ? 'delivered' : 'failed';
    // Only a 200 clears `pending_delivery`; the ping outcome never counts as a delivery failure.
    if (delivery.state === 'delivered') webhook.pending_delivery = false;
    return delivery;
  }

  list(filter: { webhookId?: number; topic?: string; state?: string } = {}): Delivery[] {
    return this.select(
      (d) => (filter.webhookId === undefined || d.webhook_id === filter.webhookId) && (!filter.topic || d.topic === filter.topic) && (!filter.state || d.state === filter.state),
    );
  }

  /** `flush()` sends every queued delivery now. */
  protected isDue(delivery: Delivery): boolean {
    return delivery.state === 'queued';
  }

  private recordFor(webhookId: number, topic: string, resourceId: number | null): Delivery {
    return this.record((id) => ({
      id,
      webhook_id: webhookId,
      topic,
      resource_id: resourceId,
      state: 'queued',
      queued_at: new Date().toISOString(),
      sent_at: null,
      delivery_id: null,
      response_code: null,
      error: null,
      duration_ms: null,
      coalesced: 0,
      body: null,
    }));
  }

  private userAgent(): string {
    return `WooCommerce/${this.settings.wooVersion} Hookshot (WordPress/${this.settings.wordpressVersion})`;
  }

  /** Deliveries to one webhook go out one at a time, in queue order. */
  protected send(delivery: Delivery): void {
    if (delivery.state !== 'queued') return;
    // Leaving `queued` now: an event from here on queues a new delivery instead of folding in.
    delivery.state = 'sending';
    this.timers.chain(delivery.webhook_id, (generation) => this.post(delivery, generation));
  }

  private async post(delivery: Delivery, generation: number): Promise<void> {
    const webhook = this.store.webhooks.get(delivery.webhook_id);
    if (!webhook) {
      delivery.state = 'skipped';
      delivery.error = 'webhook deleted';
      return;
    }
    const [resource = '', event = ''] = delivery.topic.split('.');
    const id = delivery.resource_id ?? 0;
    const payload = event === 'deleted' ? { id } : (this.render(resource, id) ?? { id });
    const body = phpJsonEncode(payload);
    delivery.delivery_id = randomBytes(16).toString('hex');
    delivery.body = body;
    const started = Date.now();
    delivery.sent_at = new Date(started).toISOString();
    const outcome = await postJson(
      webhook.delivery_url,
      body,
      {
        'Content-Type': 'application/json',
        'User-Agent': this.userAgent(),
        'X-WC-Webhook-Source': this.siteUrl(),
        'X-WC-Webhook-Topic': delivery.topic,
        'X-WC-Webhook-Resource': resource,
        'X-WC-Webhook-Event': event,
        'X-WC-Webhook-Signature': signWooPayload(body, webhook.secret),
        'X-WC-Webhook-ID': String(webhook.id),
        'X-WC-Webhook-Delivery-ID': delivery.delivery_id,
      },
      { connectTimeoutMs: this.settings.deliveryTimeoutMs, responseTimeoutMs: this.settings.deliveryTimeoutMs },
    );
    if (generation !== this.timers.generation) return;
    delivery.duration_ms = Date.now() - started;
    if ('status' in outcome) delivery.response_code = outcome.status;
    else delivery.error = outcome.error;
    // `WC_Webhook::log_delivery`: 200–302 is success; redirects are not followed (redirection 0).
    const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 303;
    delivery.state = ok ? 'delivered' : 'failed';
    if (ok) webhook.failure_count = 0;
    else this.countFailure(webhook);
  }

  /** `WC_Webhook::failed_delivery`: past the limit the webhook is disabled and the count stays. */
  private countFailure(webhook: WebhookRecord): void {
    if (webhook.failure_count > this.settings.maxDeliveryFailures) webhook.status = 'disabled';
    else webhook.failure_count++;
  }
}
