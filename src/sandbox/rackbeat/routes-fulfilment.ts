import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from './deps';
import { bodyOf, intParam, isTruthy, queryOf, sendList } from './http';

function param(request: FastifyRequest, name: string, what: string): number {
  return intParam((request.params as Record<string, string>)[name] ?? '', what);
}

/** Shipments, convert-to-invoice and customer invoices. */
export function registerFulfilmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, views, fulfilment, mutate } = deps;
  const shipmentsOf = (orderNumber?: number): Record<string, unknown>[] =>
    [...store.shipments.values()].filter((s) => orderNumber === undefined || s.order_number === orderNumber).map((s) => views.shipment(s));

  app.post('/orders/:number/create-shipment', async (request, reply) => {
    const shipment = mutate(request, (events) => fulfilment.createShipment(param(request, 'number', 'Order'), bodyOf(request), events));
    return reply.code(201).send({ order_shipment: views.shipment(shipment) });
  });

  app.get('/orders/:number/shipments', async (request, reply) => {
    const order = store.order(param(request, 'number', 'Order'));
    return sendList(request, reply, { key: 'order_shipments', flags: ['is_shipped'] }, shipmentsOf(order.number));
  });

  app.get('/order-shipments', async (request, reply) =>
    sendList(request, reply, { key: 'order_shipments', flags: ['is_shipped', 'is_picked'], exact: { order_number: 'order_number' } }, shipmentsOf()),
  );

  app.get('/orders/shipments/:id', async (request) => ({ order_shipment: views.shipment(store.shipment(param(request, 'id', 'Shipment'))) }));

  // laravel-rackbeat OrderShipment::markShipped sends {"pick": true}: picking and shipping in one step.
  app.post('/orders/shipments/:id/mark-shipped', async (request) => {
    const shipment = mutate(request, (events) => fulfilment.markShipped(param(request, 'id', 'Shipment'), events));
    return { order_shipment: views.shipment(shipment) };
  });

  app.post('/orders/:number/convert-to-invoice', async (request) => {
    const book = isTruthy(queryOf(request).book);
    const invoice = mutate(request, (events) => fulfilment.convertToInvoice(param(request, 'number', 'Order'), book, events));
    return { invoice_id: invoice.number };
  });

  app.get('/customer-invoices', async (request, reply) =>
    sendList(
      request,
      reply,
      { key: 'customer_invoices', flags: ['is_booked'], searchIn: ['number', 'heading', 'their_reference'], exact: { order_id: 'order_id' } },
      [...store.invoices.values()].sort((a, b) => a.number - b.number).map((i) => views.invoice(i)),
    ),
  );

  app.get('/customer-invoices/:number', async (request) => ({
    customer_invoice: views.invoice(store.invoice(param(request, 'number', 'Customer invoice'))),
  }));

  // The answer of real Rackbeat is not known (the one source only prints it): the new number, and where to read it.
  app.post('/customer-invoices/:number/create-creditnote', async (request, reply) => {
    const credit = fulfilment.createCreditNote(param(request, 'number', 'Customer invoice'));
    return reply.code(201).send({ customer_invoice: { number: credit.number, self: views.invoice(credit).self } });
  });

  app.post('/customer-invoices/:number/book', async (request) => {
    const invoice = mutate(request, (events) => fulfilment.bookInvoice(param(request, 'number', 'Customer invoice'), events));
    return { customer_invoice: views.invoice(invoice) };
  });
}
