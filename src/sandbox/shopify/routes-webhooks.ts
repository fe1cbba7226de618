import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';
import { notFound, ShopifyHttpError } from './errors';
import { pathId, rootOf } from './http';
import type { WebhookRecord } from './models';
import { webhookView } from './views-catalog';

/** Topics this simulator fires. */
export const FIRED_TOPICS = [
  'orders/create',
  'orders/paid',
  'orders/updated',
  'orders/cancelled',
  'orders/edited',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'fulfillments/create',
  'products/create',
  'products/update',
  'products/delete',
  'inventory_levels/update',
  'refunds/create',
] as const;

/** Accepted on subscription, never fired here. */
const ACCEPTED_ONLY = ['orders/delete', 'app/uninstalled', 'customers/create', 'customers/update', 'fulfillments/update'];

const API = '/admin/api/:version';

/** `webhooks.json` subscriptions (REST Admin API). */
export function registerWebhookRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store } = deps;

  app.get(`${API}/webhooks.json`, async () => ({ webhooks: [...store.webhooks.values()].map(webhookView) }));

  app.get(`${API}/webhooks/:id.json`, async (request) => {
    const webhook = store.webhooks.get(pathId(request));
    if (!webhook) throw notFound();
    return { webhook: webhookView(webhook) };
  });

  app.post(`${API}/webhooks.json`, async (request, reply) => {
    const { version } = request.params as { version: string };
    const body = rootOf(request, 'webhook');
    const errors: Record<string, string[]> = {};
    const topic = typeof body.topic === 'string' ? body.topic : '';
    const address = typeof body.address === 'string' ? body.address : '';
    if (!topic) errors.topic = ["can't be blank"];
    // Wording of both messages as commonly reported for the REST API (unconfirmed upstream).
    else if (![...FIRED_TOPICS, ...ACCEPTED_ONLY].includes(topic)) errors.topic = ['Invalid topic specified. Topics allowed: ' + [...FIRED_TOPICS, ...ACCEPTED_ONLY].join(', ')];
    // Real Shopify wants public https addresses; the sandbox must reach loopback receivers.
    if (!address) errors.address = ["can't be blank"];
    else if (!/^https?:\/\/[^\s/]+/.test(address) || !URL.canParse(address)) errors.address = ['is invalid'];
    if (body.format !== undefined && body.format !== 'json') errors.format = ['is not included in the list'];
    if (!errors.topic && !errors.address && [...store.webhooks.values()].some((w) => w.topic === topic && w.address === address)) errors.address = ['for this topic has already been taken'];
    if (Object.keys(errors).length > 0) throw new ShopifyHttpError(422, errors);
    const now = store.timestamp();
    const webhook: WebhookRecord = { id: store.id(), topic, address, format: 'json', api_version: version, created_at: now, updated_at: now };
    store.webhooks.set(webhook.id, webhook);
    return reply.code(201).send({ webhook: webhookView(webhook) });
  });

  app.delete(`${API}/webhooks/:id.json`, async (request) => {
    const id = pathId(request);
    if (!store.webhooks.delete(id)) throw notFound();
    return {};
  });
}
