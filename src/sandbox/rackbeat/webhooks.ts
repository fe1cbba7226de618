import { SANDBOX_CREDENTIALS } from '../defaults';
import type { DomainEvent, WebhookRecord } from './models';
import { type RetriedDelivery, RetryingDeliveryLog } from '../common/delivery-log';
import { postJson } from '../common/post-json';
import type { RackbeatStore } from './store';

export type WebhookShape = 'real' | 'documented';

/**
 * How deliveries to one webhook go out. Rackbeat documents neither their order nor how many are
 * in flight (rackbeat-verified §2: UNKNOWN), so the default sends each at once, as it happens,
 * and receivers meet concurrent and reordered deliveries; `one-at-a-time` keeps the order events
 * happened in (one attempt in flight per webhook).
 */
export type WebhookDelivery = 'concurrent' | 'one-at-a-time';

export interface DeliverySettings {
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  webhookConnectTimeoutMs: number;
  webhookShape: WebhookShape;
  webhookDelivery: WebhookDelivery;
}

/**
 * Events some source shows Rackbeat firing (docs/connectors/rackbeat.md, "Events"): order.created
 * (docs example, GY), order.shipped (Rackbeat's integration template), product.created/updated
 * (GY), product.deleted and lot.created (changelog 2026-04-27), inventory.changed (helpdesk
 * ht-08003). With real shapes, the simulator fires these and no others.
 */
export const ATTESTED_EVENTS = ['order.created', 'order.shipped', 'product.created', 'product.updated', 'product.deleted', 'lot.created', 'inventory.changed'] as const;

export interface Delivery extends RetriedDelivery {
  webhook_id: number;
  event: string;
  url: string;
  payload: Record<string, unknown>;
}

/**
 * Sends every event to each active webhook registered for it, retrying failures on the
 * configured schedule (Rackbeat: exponential backoff over about 24 h), concurrently or one at a
 * time per webhook (`webhookDelivery`).
 */
export class WebhookDispatcher extends RetryingDeliveryLog<Delivery> {
  constructor(
    private readonly store: RackbeatStore,
    readonly settings: DeliverySettings,
  ) {
    super();
  }

  dispatch(events: readonly DomainEvent[]): void {
    for (const event of events) {
      if (this.settings.webhookShape === 'real' && !(ATTESTED_EVENTS as readonly string[]).includes(event.event)) continue;
      for (const webhook of this.store.webhooks.values()) {
        if (!webhook.is_active || webhook.event !== event.event) continue;
        const delivery = this.record((id) => ({
          id,
          webhook_id: webhook.id,
          event: event.event,
          url: webhook.url,
          payload: this.settings.webhookShape === 'real' ? realPayloadOf(event) : documentedPayloadOf(event),
          state: 'pending',
          attempts: [],
          next_attempt_at: null,
        }));
        this.send(delivery);
      }
    }
  }

  list(filter: { event?: string; webhookId?: number; state?: string } = {}): Delivery[] {
    return this.select(
      (d) => (!filter.event || d.event === filter.event) && (filter.webhookId === undefined || d.webhook_id === filter.webhookId) && (!filter.state || d.state === filter.state),
    );
  }

  protected send(delivery: Delivery): void {
    if (this.settings.webhookDelivery === 'one-at-a-time') this.timers.chain(delivery.webhook_id, (generation) => this.attempt(delivery, generation));
    else this.timers.track(this.attempt(delivery, this.timers.generation));
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
    if (generation !== this.timers.generation) return;
    delivery.attempts.push({ at: new Date(started).toISOString(), ...outcome, duration_ms: Date.now() - started });
    const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
    if (webhook) webhook.failures_since_last_success = ok ? 0 : webhook.failures_since_last_success + 1;
    // A deleted webhook is not retried.
    this.settle(delivery, ok, webhook ? this.settings.webhookRetryDelaysMs[delivery.attempts.length - 1] : undefined);
  }
}

/**
 * What Rackbeat really sends: key name and key (as a string), no `event`, no `data` (GY
 * `order-transform.js`, `product-webhook.js`); `product.deleted` adds `converted_to_lot` when the
 * product became a BOM (changelog 2026-04-27); `inventory.changed` is `item`, `item_type`, `type`
 * (GY `api/sync.js`).
 */
function realPayloadOf(event: DomainEvent): Record<string, unknown> {
  if (event.event === 'inventory.changed') return { item: String(event.key), item_type: 'product', type: 'stock' };
  const base = { key_name: event.keyName, key: String(event.key) };
  return event.data.converted_to_lot === true ? { ...base, converted_to_lot: true } : base;
}

/** The docs' example body (devdocs `webhook-events`); "updated" events add `old_key`, `new_key`, `changed`. */
function documentedPayloadOf(event: DomainEvent): Record<string, unknown> {
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
