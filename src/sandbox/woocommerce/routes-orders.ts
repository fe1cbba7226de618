import type { FastifyInstance } from 'fastify';
import type { WooDeps } from './deps';
import { invalidOrderId, invalidParams } from './errors';
import { matchesTime, readEnum, readIdList, readTimeFilters } from './filters';
import { bodyOf, idParam, type Json, queryOf, sendPage, sortItems, toBoolean, toInteger } from './http';
import { ORDER_STATUSES, type OrderRecord } from './models';
import { readAddress, readRestOrder, readStatus } from './order-input';

const STATUS_FILTERS: readonly string[] = ['any', ...ORDER_STATUSES];
/** What `status=any` leaves out (unconfirmed upstream for `checkout-draft`). */
const HIDDEN_FROM_ANY: readonly string[] = ['trash', 'checkout-draft', 'draft', 'auto-draft'];
const ORDER_BY = ['date', 'id', 'include', 'title', 'slug', 'modified'] as const;
const SORT_FIELD: Record<(typeof ORDER_BY)[number], string> = { date: 'date_created_gmt', id: 'id', include: 'id', title: 'id', slug: 'id', modified: 'date_modified_gmt' };

/** `/orders` (woo-docs `_orders.md`). */
export function registerOrderRoutes(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, orders, refunds, mutate, settings } = deps;
  const orderId = (request: Parameters<typeof idParam>[0]) => idParam(request, 'id', invalidOrderId);

  app.get('/orders', async (request, reply) => {
    const query = queryOf(request);
    const statuses = (query.status ?? 'any').split(',').filter((s) => s !== '');
    const bad = statuses.find((s) => !STATUS_FILTERS.includes(s));
    if (bad !== undefined) throw invalidParams({ status: `status[${statuses.indexOf(bad)}] is not one of ${STATUS_FILTERS.join(', ')}.` });
    const times = readTimeFilters(query, settings.timezone);
    const include = readIdList(query.include, 'include');
    const customer = query.customer === undefined ? undefined : toInteger(query.customer);
    const orderby = readEnum(query.orderby, 'orderby', ORDER_BY, 'date');
    const order = readEnum(query.order, 'order', ['asc', 'desc'] as const, 'desc');
    const matches = (o: OrderRecord) =>
      (statuses.includes(o.status) || (statuses.includes('any') && !HIDDEN_FROM_ANY.includes(o.status))) &&
      matchesTime(o, times) &&
      (include === undefined || include.includes(o.id)) &&
      (customer === undefined || o.customer_id === customer);
    const items = [...store.orders.values()].filter(matches).map((o) => views.order(o));
    return sendPage(request, reply, sortItems(items, SORT_FIELD[orderby], order), `${deps.apiUrl()}/orders`);
  });

  app.get('/orders/:id', async (request) => views.order(store.order(orderId(request))));

  app.post('/orders', async (request, reply) => {
    const spec = readRestOrder(bodyOf(request), settings);
    const created = mutate((events) => orders.create(spec, events));
    return reply.code(201).header('Location', `${deps.apiUrl()}/orders/${created.id}`).send(views.order(created));
  });

  app.put('/orders/:id', async (request) => {
    const order = store.order(orderId(request));
    const body = bodyOf(request);
    const status = body.status === undefined ? undefined : readStatus(body.status);
    const billing = readAddress(body.billing, 'billing');
    const shipping = readAddress(body.shipping, 'shipping');
    return views.order(
      mutate((events) => {
        Object.assign(order.billing, billing);
        Object.assign(order.shipping, shipping);
        if (typeof body.customer_note === 'string') order.customer_note = body.customer_note;
        if (typeof body.transaction_id === 'string') order.transaction_id = body.transaction_id;
        const next = toBoolean(body.set_paid) === true && order.paid_at === null ? 'processing' : (status ?? order.status);
        const previous = order.status;
        orders.setStatus(order, next, events);
        refunds.statusChanged(order, previous, events);
        return order;
      }),
    );
  });

  // Without `force=true` the order goes to the trash; both fire `order.deleted` with `{id}`.
  app.delete('/orders/:id', async (request) => {
    const order = store.order(orderId(request));
    const force = toBoolean(queryOf(request).force) === true;
    const rendered: Json = views.order(order);
    mutate((events) => {
      if (force) store.orders.delete(order.id);
      else {
        order.status = 'trash';
        order.modified_at = store.now();
      }
      events.push({ resource: 'order', event: 'deleted', id: order.id });
    });
    return force ? rendered : views.order(order);
  });
}
