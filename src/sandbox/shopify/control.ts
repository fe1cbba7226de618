import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerDeliveryRoutes } from '../common/delivery-routes';
import type { RouteDeps } from './deps';
import { unprocessable } from './errors';
import { parseId } from './ids';
import type { ShopifySimulatorSettings } from './settings';
import type { ClientSecret } from './signing';
import { refundOrder } from './refunds';
import { orderView } from './views-order';
import { refundView } from './views-refund';
import type { WebhookDispatcher } from './webhooks';

const id = z.union([z.string(), z.number(), z.bigint()]).transform((value, ctx) => {
  const parsed = parseId(value);
  if (parsed === undefined) ctx.addIssue({ code: 'custom', message: 'not an id' });
  return parsed ?? 0n;
});
const moneyText = z.union([z.string().regex(/^\d+(\.\d{1,2})?$/), z.number().nonnegative()]).transform(String);

const placeOrderBody = z
  .object({
    lines: z.array(z.object({ sku: z.string().optional(), variant_id: id.optional(), quantity: z.number().int().positive(), price: moneyText.optional() }).strict()).min(1),
    shipping: z.object({ title: z.string().min(1), price: moneyText, code: z.string().optional() }).strict().optional(),
    discount_code: z.object({ code: z.string().min(1), type: z.enum(['percentage', 'fixed_amount']), value: moneyText }).strict().optional(),
    taxes_included: z.boolean().optional(),
    tax_rate: z.number().min(0).max(1).optional(),
    currency: z.string().length(3).optional(),
    financial_status: z.enum(['pending', 'paid']).optional(),
    email: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    note: z.string().optional(),
    /** Backdates the order (history before go-live, backfill tests); ISO 8601. */
    created_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
const cancelBody = z.object({ reason: z.string().optional(), restock: z.boolean().optional() }).strict().default({});
const editBody = z.object({ lines: z.array(z.object({ line_item_id: id.optional(), sku: z.string().optional(), quantity: z.number().int().nonnegative() }).strict()).min(1) }).strict();
const refundBody = z
  .object({
    lines: z.array(z.object({ line_item_id: id.optional(), sku: z.string().optional(), quantity: z.number().int().positive() }).strict()).default([]),
    shipping: z.boolean().optional(),
    note: z.string().optional(),
    restock: z.boolean().optional(),
  })
  .strict();
const settingsBody = z
  .object({
    webhookRetryDelaysMs: z.array(z.number().int().nonnegative()).optional(),
    webhookTimeoutMs: z.number().int().positive().optional(),
    webhookConnectTimeoutMs: z.number().int().positive().optional(),
    secretRotationWindowMs: z.number().int().nonnegative().optional(),
    restBucketSize: z.number().int().positive().optional(),
    restLeakPerSecond: z.number().nonnegative().optional(),
    graphqlMaximumAvailable: z.number().int().positive().optional(),
    graphqlRestoreRate: z.number().nonnegative().optional(),
  })
  .strict();
const rotateBody = z.object({ secret: z.string().min(8).optional() }).strict().default({});
const stockBody = z.object({ sku: z.string().min(1), available: z.number().int(), location_id: id.optional() }).strict();

export interface ControlDeps extends RouteDeps {
  dispatcher: WebhookDispatcher;
  settings: ShopifySimulatorSettings;
  secret: ClientSecret;
  /** Forgets REST and GraphQL rate-limit state (after a settings change). */
  resetLimits: () => void;
}

/**
 * `/_sandbox/shopify/*`: what customers and staff do in the shop, deliveries, settings, secrets, stock.
 * POST /orders, POST /orders/:id/{pay,cancel,edit,refunds}, GET /deliveries, POST /deliveries/{flush,wait},
 * GET|PUT /settings, POST /rotate-secret, GET /secret, GET /stock?sku=, PUT /stock.
 */
export function registerShopifyControl(app: FastifyInstance, deps: ControlDeps): void {
  const { store, orders, dispatcher, settings } = deps;
  const orderId = (params: unknown): bigint => parseId((params as { id: string }).id) ?? 0n;

  app.post('/orders', async (request, reply) => {
    const input = placeOrderBody.parse(request.body);
    const order = deps.mutate((events) => orders.place(input, events));
    return reply.code(201).send({ order: orderView(store, order) });
  });
  app.post('/orders/:id/pay', async (request) => ({ order: orderView(store, deps.mutate((events) => orders.pay(orderId(request.params), events))) }));
  app.post('/orders/:id/cancel', async (request) => {
    const input = cancelBody.parse(request.body ?? {});
    return { order: orderView(store, deps.mutate((events) => orders.cancel(orderId(request.params), input, events))) };
  });
  app.post('/orders/:id/edit', async (request) => {
    const input = editBody.parse(request.body);
    return { order: orderView(store, deps.mutate((events) => orders.edit(orderId(request.params), input.lines, events))) };
  });

  /** A staff refund of some lines (and the shipping): fires `refunds/create` and `orders/updated`. */
  app.post('/orders/:id/refunds', async (request, reply) => {
    const input = refundBody.parse(request.body ?? {});
    const { order, refund } = deps.mutate((events) => refundOrder(store, orderId(request.params), input, events));
    return reply.code(201).send({ refund: refundView(order, refund) });
  });

  registerDeliveryRoutes(app, dispatcher, (query) => {
    const q = query as { topic?: string; state?: string };
    return { ...(q.topic ? { topic: q.topic } : {}), ...(q.state ? { state: q.state } : {}) };
  });

  app.get('/settings', async () => settings);
  app.put('/settings', async (request) => {
    const patch = settingsBody.parse(request.body ?? {});
    Object.assign(settings, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    deps.resetLimits();
    return settings;
  });

  /** Rotates the app client secret; deliveries stay signed with the old one for `secretRotationWindowMs`. */
  app.post('/rotate-secret', async (request) => {
    const { secret } = rotateBody.parse(request.body ?? {});
    const next = secret ?? `shpss_${randomHex()}`;
    return deps.secret.rotate(next, settings.secretRotationWindowMs);
  });
  app.get('/secret', async () => deps.secret.state());

  app.get('/stock', async (request) => {
    const sku = (request.query as { sku?: string }).sku;
    const stock = [...store.variants.values()]
      .filter((v) => !sku || v.sku === sku)
      .flatMap((v) => [...store.levels.values()].filter((l) => l.inventory_item_id === v.inventory_item_id).map((l) => ({ sku: v.sku, variant_id: v.id, inventory_item_id: l.inventory_item_id, location_id: l.location_id, available: l.available })));
    return { stock };
  });
  /** Sets stock directly, as a warehouse count in the admin would, without firing webhooks. */
  app.put('/stock', async (request) => {
    const input = stockBody.parse(request.body);
    const variant = store.variantsBySku(input.sku)[0];
    if (!variant) throw unprocessable('sku', `no variant with sku ${input.sku}`);
    const locationId = input.location_id ?? store.primaryLocation().id;
    deps.catalog.setAvailable(variant.inventory_item_id, locationId, input.available);
    return { sku: input.sku, inventory_item_id: variant.inventory_item_id, location_id: locationId, available: input.available };
  });
}

function randomHex(): string {
  return randomBytes(16).toString('hex');
}
