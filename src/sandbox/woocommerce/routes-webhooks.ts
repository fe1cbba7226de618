import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WooDeps } from './deps';
import { invalidParams, invalidWebhookId, WpError } from './errors';
import { bodyOf, idParam, queryOf, sendPage, sortItems, toBoolean } from './http';
import { WEBHOOK_STATUSES, type WebhookRecord, type WebhookStatus } from './models';

const RESOURCES = ['coupon', 'customer', 'order', 'product'];
const EVENTS = ['created', 'updated', 'deleted', 'restored'];

/** `wc_is_webhook_valid_topic`: a core resource.event, or a custom `action.*` hook. */
function isValidTopic(topic: unknown): topic is string {
  if (typeof topic !== 'string') return false;
  if (/^action\.[\w-]+$/.test(topic)) return true;
  const [resource, event, ...rest] = topic.split('.');
  return rest.length === 0 && RESOURCES.includes(resource ?? '') && EVENTS.includes(event ?? '');
}

function invalidTopic(): WpError {
  return new WpError(400, 'woocommerce_rest_webhook_invalid_topic', 'Webhook topic is required and must be valid.');
}

function invalidDeliveryUrl(): WpError {
  return new WpError(400, 'woocommerce_rest_webhook_invalid_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://.');
}

function readStatus(value: unknown): WebhookStatus {
  if (typeof value !== 'string' || !(WEBHOOK_STATUSES as readonly string[]).includes(value)) throw invalidParams({ status: `status is not one of ${WEBHOOK_STATUSES.join(', ')}.` });
  return value as WebhookStatus;
}

function isValidUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** `/webhooks` (woo-docs `_webhooks.md`; woo-core `WC_REST_Webhooks_V1_Controller`). */
export function registerWebhookRoutes(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, dispatcher } = deps;
  const webhookId = (request: Parameters<typeof idParam>[0]) => idParam(request, 'id', invalidWebhookId);

  app.get('/webhooks', async (request, reply) => {
    const status = queryOf(request).status ?? 'all';
    if (status !== 'all') readStatus(status);
    const items = [...store.webhooks.values()].filter((w) => status === 'all' || w.status === status).map((w) => views.webhook(w));
    return sendPage(request, reply, sortItems(items, 'id', 'desc'), `${deps.apiUrl()}/webhooks`);
  });

  app.get('/webhooks/:id', async (request) => views.webhook(store.webhook(webhookId(request))));

  // Creation answers only after the ping, whose outcome it ignores (`create_item` → `deliver_ping()`).
  app.post('/webhooks', async (request, reply) => {
    const body = bodyOf(request);
    if (!isValidTopic(body.topic)) throw invalidTopic();
    if (!isValidUrl(body.delivery_url)) throw invalidDeliveryUrl();
    const status = body.status === undefined ? 'active' : readStatus(body.status);
    const now = store.now();
    const webhook: WebhookRecord = {
      id: store.next('webhook'),
      name: typeof body.name === 'string' && body.name !== '' ? body.name : `Webhook created on ${new Date(now).toUTCString()}`,
      status,
      topic: body.topic,
      delivery_url: body.delivery_url,
      // Upstream defaults to a hash of the creating user; any unguessable value will do here.
      secret: typeof body.secret === 'string' && body.secret !== '' ? body.secret : randomBytes(20).toString('hex'),
      failure_count: 0,
      pending_delivery: true,
      created_at: now,
      modified_at: now,
    };
    store.webhooks.set(webhook.id, webhook);
    await dispatcher.ping(webhook);
    return reply.code(201).header('Location', `${deps.apiUrl()}/webhooks/${webhook.id}`).send(views.webhook(webhook));
  });

  app.put('/webhooks/:id', async (request) => {
    const webhook = store.webhook(webhookId(request));
    const body = bodyOf(request);
    if (body.topic !== undefined && !isValidTopic(body.topic)) throw invalidTopic();
    if (body.delivery_url !== undefined && !isValidUrl(body.delivery_url)) throw invalidDeliveryUrl();
    const status = body.status === undefined ? undefined : readStatus(body.status);
    if (typeof body.name === 'string') webhook.name = body.name;
    if (typeof body.topic === 'string') webhook.topic = body.topic;
    if (typeof body.delivery_url === 'string') webhook.delivery_url = body.delivery_url;
    if (typeof body.secret === 'string' && body.secret !== '') webhook.secret = body.secret;
    if (status !== undefined) {
      // Re-activating starts the failure count afresh, else the next failure disables it again (unconfirmed upstream).
      if (status === 'active' && webhook.status !== 'active') webhook.failure_count = 0;
      webhook.status = status;
    }
    webhook.modified_at = store.now();
    return views.webhook(webhook);
  });

  app.delete('/webhooks/:id', async (request) => {
    const webhook = store.webhook(webhookId(request));
    if (toBoolean(queryOf(request).force) !== true) throw new WpError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
    const rendered = views.webhook(webhook);
    store.webhooks.delete(webhook.id);
    return rendered;
  });
}
