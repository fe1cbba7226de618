import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from './deps';
import { bodyOf, intParam, invalid, sendList } from './http';
import { BodyReader } from './input';
import type { WebhookRecord } from './models';

/**
 * Events this simulator knows. With real webhook shapes only the attested ones (webhooks.ts
 * `ATTESTED_EVENTS`) are delivered; the rest only with `webhookShape: 'documented'`.
 */
export const FIRED_EVENTS = [
  'order.created',
  'order.updated',
  'order.booked',
  'order.shipped',
  'order.cancelled',
  'order.deleted',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
  'lot.created',
  'inventory.changed',
  'customer_invoice.created',
  'customer_invoice.booked',
] as const;

/** Accepted on registration but never fired here (documented upstream, outside the simulated flows). */
const ACCEPTED_ONLY = ['plugin.uninstalled', 'payment_terms.created', 'payment_terms.updated', 'delivery_terms.created', 'delivery_terms.updated', 'employee.created', 'employee.updated'];

function webhookId(request: FastifyRequest): number {
  return intParam((request.params as { id: string }).id, 'Webhook');
}

/** `/webhooks` CRUD (devdocs `intro-to-webhooks`). */
export function registerWebhookRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, views } = deps;

  app.get('/webhooks', async (request, reply) =>
    sendList(request, reply, { key: 'webhooks', flags: ['is_active'], exact: { event: 'event' } }, [...store.webhooks.values()].map((w) => views.webhook(w))),
  );

  app.get('/webhooks/:id', async (request) => ({ webhook: views.webhook(store.webhook(webhookId(request))) }));

  // Posting the same event + URL again updates that webhook instead of adding a second one;
  // only the creating response shows the token.
  app.post('/webhooks', async (request, reply) => {
    const read = new BodyReader(bodyOf(request));
    const event = readEvent(read, true);
    const url = readUrl(read, true);
    const active = read.boolean('is_active');
    read.problems.throwIfAny();
    if (event === undefined || url === undefined) throw invalid('event', 'The event field is required.');
    // Whether Rackbeat refuses event names it does not fire is not known; a test can make it refuse one.
    if (deps.settings.refusedWebhookEvents.includes(event)) throw invalid('event', 'The selected event is invalid.');
    const now = store.timestamp();
    const existing = [...store.webhooks.values()].find((w) => w.event === event && w.url === url);
    if (existing) {
      existing.is_active = active ?? true;
      existing.updated_at = now;
      return reply.code(200).send({ webhook: views.webhook(existing) });
    }
    const webhook: WebhookRecord = {
      id: store.next('webhook'),
      event,
      url,
      is_active: active ?? true,
      token: randomBytes(16).toString('hex'),
      failures_since_last_success: 0,
      created_at: now,
      updated_at: now,
    };
    store.webhooks.set(webhook.id, webhook);
    return reply.code(201).send({ webhook: views.webhook(webhook, true) });
  });

  app.put('/webhooks/:id', async (request) => {
    const webhook = store.webhook(webhookId(request));
    const read = new BodyReader(bodyOf(request));
    const event = readEvent(read, false);
    const url = readUrl(read, false);
    const active = read.boolean('is_active');
    read.problems.throwIfAny();
    if (event !== undefined) webhook.event = event;
    if (url !== undefined) webhook.url = url;
    if (active !== undefined) webhook.is_active = active;
    webhook.updated_at = store.timestamp();
    return { webhook: views.webhook(webhook) };
  });

  app.delete('/webhooks/:id', async (request) => {
    store.webhooks.delete(store.webhook(webhookId(request)).id);
    return {};
  });
}

function readEvent(read: BodyReader, required: boolean): string | undefined {
  const event = read.string('event', { required });
  if (typeof event !== 'string') return undefined;
  if (!(FIRED_EVENTS as readonly string[]).includes(event) && !ACCEPTED_ONLY.includes(event)) {
    read.problems.add('event', `The selected event is invalid.`);
    return undefined;
  }
  return event;
}

/** Real Rackbeat wants public URLs; the sandbox must reach loopback receivers, so any http(s) URL goes. */
function readUrl(read: BodyReader, required: boolean): string | undefined {
  const url = read.string('url', { required });
  if (typeof url !== 'string') return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url)) {
    read.problems.add('url', 'The url format is invalid.');
    return undefined;
  }
  return url;
}
