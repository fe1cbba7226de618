import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerDeliveryRoutes } from '../common/delivery-routes';
import { checkoutBody, settingsBody, toOrderSpec } from './control-input';
import { registerRefundControl } from './control-refunds';
import type { WooDeps } from './deps';
import { ORDER_STATUSES } from './models';

const deliveriesQuery = z.object({ webhook_id: z.coerce.number().int().optional(), topic: z.string().optional(), state: z.string().optional() });
const statusBody = z.object({ status: z.enum(ORDER_STATUSES) }).strict();
const DIRECT_STATUSES: readonly string[] = ['pending', 'draft', 'auto-draft', 'checkout-draft'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** `/_sandbox/woocommerce/*`: storefront and admin actions, the delivery log, settings, stock. */
export function registerWooCommerceControl(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, orders, refunds, dispatcher, settings, mutate } = deps;

  /**
   * A classic checkout: the order is created `pending` (`order.created`), then payment moves it
   * to `status` (`order.updated`). Backdated, pending and draft orders are created directly in
   * their status.
   */
  app.post('/orders', async (request, reply) => {
    const body = checkoutBody.parse(request.body);
    const spec = toOrderSpec(body, settings);
    const order = mutate((events) => {
      if (spec.createdAt !== undefined || DIRECT_STATUSES.includes(spec.status)) return orders.create(spec, events);
      const created = orders.create({ ...spec, status: 'pending' }, events);
      return orders.setStatus(created, spec.status, events);
    });
    return reply.code(201).send(views.order(order));
  });

  /** An admin changing the status in wp-admin: fires `order.updated`; `refunded` refunds what is left (`wc_order_fully_refunded`). */
  app.post('/orders/:id/status', async (request) => {
    const { id } = idParams.parse(request.params);
    const { status } = statusBody.parse(request.body);
    const order = store.order(id);
    const previous = order.status;
    return views.order(
      mutate((events) => {
        orders.setStatus(order, status, events);
        refunds.statusChanged(order, previous, events);
        return order;
      }),
    );
  });

  /**
   * Block checkout: a `checkout-draft` order exists (and fires `order.created`) before the customer
   * pays; `complete` (default true) then places it as `processing`.
   */
  app.post('/checkout-draft', async (request, reply) => {
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const complete = raw.complete !== false;
    const { complete: _complete, ...rest } = raw;
    const body = checkoutBody.parse({ ...rest, status: 'checkout-draft' });
    const order = mutate((events) => orders.create(toOrderSpec(body, settings), events));
    const draft = views.order(order);
    if (complete) mutate((events) => orders.setStatus(order, 'processing', events));
    return reply.code(201).send({ draft, order: views.order(order) });
  });

  registerRefundControl(app, deps);

  /** Flushing sends every queued delivery now; waiting leaves queued ones to their delay. */
  registerDeliveryRoutes(app, dispatcher, (query) => {
    const q = deliveriesQuery.parse(query);
    return {
      ...(q.webhook_id === undefined ? {} : { webhookId: q.webhook_id }),
      ...(q.topic ? { topic: q.topic } : {}),
      ...(q.state ? { state: q.state } : {}),
    };
  });

  app.get('/settings', async () => publicSettings());
  app.put('/settings', async (request) => {
    const patch = settingsBody.parse(request.body ?? {});
    // The services and the dispatcher hold this same object, so changes apply at once.
    Object.assign(settings, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    return publicSettings();
  });

  /** Webhooks with what the REST API hides: the failure count and whether a ping is pending. */
  app.get('/webhooks-state', async () => ({
    webhooks: [...store.webhooks.values()].map((w) => ({
      id: w.id,
      name: w.name,
      status: w.status,
      topic: w.topic,
      delivery_url: w.delivery_url,
      failure_count: w.failure_count,
      pending_delivery: w.pending_delivery,
    })),
  }));

  app.get('/stock', async (request) => {
    const { sku } = z.object({ sku: z.string().optional() }).parse(request.query);
    const records = sku === undefined ? [...store.products.values(), ...store.variations.values()] : store.bySku(sku);
    return {
      stock: records.map((r) => ({
        id: r.id,
        parent_id: 'parent_id' in r ? r.parent_id : 0,
        sku: r.sku,
        manage_stock: r.manage_stock,
        stock_quantity: r.stock_quantity,
        stock_status: r.stock_status,
      })),
    };
  });

  function publicSettings() {
    // The API keys are left out on purpose.
    const { apiKeys: _keys, ...rest } = settings;
    return rest;
  }
}
