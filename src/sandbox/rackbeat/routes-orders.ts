import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from './deps';
import { bodyOf, intParam, ResourceNotFound, sendList } from './http';

const ORDER_FLAGS = [
  'is_booked',
  'is_cancelled',
  'is_shipped',
  'is_partly_shipped',
  'is_ready_for_shipping',
  'is_ready_for_invoicing',
  'is_invoiced',
  'is_archived',
] as const;

function orderNumber(request: FastifyRequest): number {
  return intParam((request.params as { number: string }).number, 'Order');
}

function lineId(request: FastifyRequest): number {
  return intParam((request.params as { lineId: string }).lineId, 'Order line');
}

/** `/orders`, `/orders/drafts`, `/orders/{n}/book`, `/orders/{n}/reopen` and `/orders/{n}/lines`. */
export function registerOrderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, views, orders, mutate } = deps;

  app.get('/orders', async (request, reply) =>
    sendList(
      request,
      reply,
      { key: 'orders', flags: ORDER_FLAGS, searchIn: ['number', 'heading', 'their_reference'], exact: { customer_id: 'customer_id' } },
      [...store.orders.values()].sort((a, b) => a.number - b.number).map((o) => views.order(o)),
    ),
  );

  app.get('/orders/:number', async (request) => ({ order: views.order(store.order(orderNumber(request))) }));

  // Whether POST /orders books at once is unconfirmed (reference §2.2); here it creates an
  // unbooked order unless the sandbox setting `ordersBookedOnCreate` is on.
  app.post('/orders', async (request, reply) => {
    const order = mutate(request, (events) => orders.create(bodyOf(request), false, events));
    return reply.code(201).send({ order: views.order(order) });
  });

  app.post('/orders/drafts', async (request, reply) => {
    const order = mutate(request, (events) => orders.create(bodyOf(request), true, events));
    return reply.code(201).send({ order: views.order(order) });
  });

  app.put('/orders/:number', async (request) => {
    const order = mutate(request, (events) => orders.update(orderNumber(request), bodyOf(request), events));
    return { order: views.order(order) };
  });

  app.delete('/orders/:number', async (request) => {
    mutate(request, (events) => orders.delete(orderNumber(request), events));
    return {};
  });

  // The body `{"mail": {"send": false}}` (laravel-client bookOrder) is accepted; no mail is sent.
  app.post('/orders/:number/book', async (request) => {
    const order = mutate(request, (events) => orders.book(orderNumber(request), events));
    return { order: views.order(order) };
  });

  app.post('/orders/:number/reopen', async (request) => {
    const order = mutate(request, (events) => orders.reopen(orderNumber(request), events));
    return { order: views.order(order) };
  });

  app.get('/orders/:number/lines', async (request, reply) => {
    const order = store.order(orderNumber(request));
    return sendList(request, reply, { key: 'order_lines' }, order.lines.map((line) => views.orderLine(order, line)));
  });

  app.get('/orders/:number/lines/:lineId', async (request) => {
    const order = store.order(orderNumber(request));
    const line = order.lines.find((l) => l.id === lineId(request));
    if (!line) throw new ResourceNotFound(`Order line ${lineId(request)} not found.`);
    return { order_line: views.orderLine(order, line) };
  });

  app.post('/orders/:number/lines', async (request, reply) => {
    const number = orderNumber(request);
    const line = mutate(request, (events) => orders.addLine(number, bodyOf(request), events));
    return reply.code(201).send({ order_line: views.orderLine(store.order(number), line) });
  });

  app.put('/orders/:number/lines/:lineId', async (request) => {
    const number = orderNumber(request);
    const line = mutate(request, (events) => orders.updateLine(number, lineId(request), bodyOf(request), events));
    return { order_line: views.orderLine(store.order(number), line) };
  });

  app.delete('/orders/:number/lines/:lineId', async (request) => {
    mutate(request, (events) => orders.deleteLine(orderNumber(request), lineId(request), events));
    return {};
  });
}
