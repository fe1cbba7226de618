import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Fastify from 'fastify';
import { AuthError, NotFoundError, RateLimitedError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { type RackbeatHarness, startRackbeat } from '../helpers/rackbeat';

let h: RackbeatHarness;

before(async () => {
  h = await startRackbeat({ rateLimits: { rackbeat: { limit: 0, windowMs: 1000 } } });
});
after(async () => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset', { system: 'rackbeat' });
  await h.control('POST', '/seed', { system: 'rackbeat' });
});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('RackbeatClient headers', () => {
  it('sends the bearer token, JSON headers, API-Version and the consumer headers the SDK sends', async () => {
    const seen: Record<string, unknown>[] = [];
    const echo = Fastify();
    echo.get('/api/self', async (request, reply) => {
      seen.push(request.headers);
      return reply.send({ user_account: { id: 7 } });
    });
    const address = await echo.listen({ port: 0, host: '127.0.0.1' });
    try {
      const client = new RackbeatClient({ baseUrl: `${address}/api`, apiToken: 'secret-token', consumerName: 'Acme Sync', consumerContact: 'ops@acme.dk' });
      assert.deepEqual(await client.getSelf(), { user_account: { id: 7 } });
    } finally {
      await echo.close();
    }
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.authorization, 'Bearer secret-token');
    assert.equal(seen[0]?.accept, 'application/json');
    assert.equal(seen[0]?.['api-version'], 'latest');
    assert.equal(seen[0]?.['consumer-name'], 'Acme Sync');
    assert.equal(seen[0]?.['consumer-contact'], 'ops@acme.dk');
    assert.equal(seen[0]?.['user-agent'], 'Acme Sync (ops@acme.dk)');
  });
});

describe('RackbeatClient against the simulator', () => {
  it('reads the account behind the token', async () => {
    const self = await h.client.getSelf();
    assert.equal(self.user_account.id, 4711);
  });

  it('creates, reads, updates, books, reopens and deletes orders', async () => {
    const created = await h.client.createOrder({ customer_id: 1, heading: 'Webshop #1001', lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
    assert.equal(created.is_booked, false);
    assert.equal(created.customer?.number, 1);
    assert.equal(created.lines[0]?.item.number, 'CHAIR-01');
    const draft = await h.client.createDraftOrder({ customer_id: 2, lines: [{ item_id: 'LAMP-RED', quantity: 1 }] });
    assert.equal(draft.number, created.number + 1);

    const updated = await h.client.updateOrder(created.number, { their_reference: 'PO-77', lines: [{ item_id: 'CHAIR-01', quantity: 3, line_price: 700 }] });
    assert.equal(updated.their_reference, 'PO-77');
    assert.equal(updated.total_subtotal, 2100);
    assert.equal((await h.client.getOrder(String(created.number))).their_reference, 'PO-77');

    const booked = await h.client.bookOrder(created.number);
    assert.equal(booked.is_booked, true);
    const reopened = await h.client.reopenOrder(created.number);
    assert.equal(reopened.is_booked, false);
    await h.client.deleteOrder(created.number);
    await h.client.deleteOrder(draft.number);
    assert.ok((await rejectionOf(h.client.getOrder(created.number))) instanceof NotFoundError);

    const log = (await h.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(log, [
      'POST /orders 201',
      'POST /orders/drafts 201',
      `PUT /orders/${created.number} 200`,
      `GET /orders/${created.number} 200`,
      `POST /orders/${created.number}/book 200`,
      `POST /orders/${created.number}/reopen 200`,
      `DELETE /orders/${created.number} 200`,
      `DELETE /orders/${draft.number} 200`,
      `GET /orders/${created.number} 404`,
    ]);
    const calls = await h.requests();
    assert.deepEqual(calls[4]?.body, { mail: { send: false } });
  });

  it('reads order and invoice lines by child_id / child_type, a BOM line as a lot read from /lots', async () => {
    const order = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }, { item_id: 'SET-OFFICE', quantity: 2 }] });
    assert.deepEqual(order.lines.map((l) => [l.child_type, l.item.number]), [['product', 'CHAIR-01'], ['lot', 'SET-OFFICE']]);
    const lot = await h.client.getLineItem(order.lines[1]!);
    assert.deepEqual({ number: lot.number, name: lot.name, sales_price: lot.sales_price, group: lot.group?.number }, { number: 'SET-OFFICE', name: 'Kontorsæt (stol + bord)', sales_price: 3099, group: 1 });
    assert.equal((await h.client.getLineItem(order.lines[0]!)).number, 'CHAIR-01');
    await h.client.bookOrder(order.number);
    const { invoiceId } = await h.client.convertToInvoice(order.number, { book: false });
    const invoice = await h.client.getCustomerInvoice(invoiceId);
    assert.deepEqual(invoice.lines?.map((l) => [l.child_type, l.item.number, l.quantity]), [['product', 'CHAIR-01', 1], ['lot', 'SET-OFFICE', 2]]);
    const paths = (await h.requests()).filter((r) => r.method === 'GET').map((r) => r.path);
    assert.deepEqual(paths, ['/lots/SET-OFFICE', '/products/CHAIR-01', `/customer-invoices/${invoiceId}`]);
  });

  it('refuses line edits on a booked order with a 422, as Rackbeat locks them', async () => {
    const order = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await h.client.bookOrder(order.number);
    const line = order.lines[0]!;
    for (const attempt of [
      h.client.updateOrderLine(order.number, line.id, { quantity: 2 }),
      h.client.deleteOrderLine(order.number, line.id),
      h.client.addOrderLine(order.number, { item_id: 'LAMP-RED', quantity: 1 }),
      h.client.updateOrder(order.number, { lines: [{ item_id: 'LAMP-RED', quantity: 1 }] }),
    ]) {
      const err = await rejectionOf(attempt);
      assert.ok(err instanceof RejectedRequestError);
      assert.deepEqual(err.issues, [{ path: 'lines', message: 'The lines of a booked order cannot be changed; reopen the order first.' }]);
    }
    assert.deepEqual((await h.client.getOrder(order.number)).lines.map((l) => [l.item.number, l.quantity]), [['CHAIR-01', 1]]);
  });

  it('lists orders with filters sent as query parameters and reads the 206 page', async () => {
    const first = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await h.client.createOrder({ customer_id: 2, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await h.client.bookOrder(first.number);
    const page = await h.client.listOrders({ is_booked: true, is_shipped: false, updated_at_from: new Date(Date.now() - 60_000) });
    assert.deepEqual(page.items.map((o) => o.number), [first.number]);
    assert.deepEqual({ total: page.total, pages: page.pages, limit: page.limit, page: page.page }, { total: 1, pages: 1, limit: 20, page: 1 });
    const listCall = (await h.requests()).find((r) => r.method === 'GET' && r.path === '/orders');
    assert.equal(listCall?.status, 206);
    assert.equal(listCall?.query.is_booked, 'true');
    assert.equal(listCall?.query.is_shipped, 'false');
    assert.match(listCall?.query.updated_at_from ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('walks every page of a list, one request per page', async () => {
    for (let i = 0; i < 5; i++) await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'LAMP-RED', quantity: 1 }] });
    const numbers: number[] = [];
    for await (const order of h.client.iterateOrders({ limit: 2 })) numbers.push(order.number);
    assert.deepEqual(numbers, [1001, 1002, 1003, 1004, 1005]);
    const pages = (await h.requests()).filter((r) => r.path === '/orders' && r.method === 'GET').map((r) => r.query);
    assert.deepEqual(pages, [
      { limit: '2', page: '1' },
      { limit: '2', page: '2' },
      { limit: '2', page: '3' },
    ]);
  });

  it('adds, lists, updates and deletes order lines', async () => {
    const order = await h.client.createDraftOrder({ customer_id: 1 });
    const line = await h.client.addOrderLine(order.number, { item_id: 'DESK/120', quantity: 1 });
    assert.equal(line.item.number, 'DESK/120');
    const changed = await h.client.updateOrderLine(order.number, line.id, { quantity: 4, discount_percentage: 10 });
    assert.equal(changed.quantity, 4);
    const lines = await h.client.listOrderLines(order.number);
    assert.deepEqual(lines.items.map((l) => [l.id, l.quantity, l.discount_percentage]), [[line.id, 4, 10]]);
    await h.client.deleteOrderLine(order.number, line.id);
    assert.equal((await h.client.getOrder(order.number)).lines.length, 0);
  });

  it('ships an order, lists its shipments and converts it to a booked invoice', async () => {
    const order = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
    await h.client.bookOrder(order.number);
    const shipment = await h.client.createShipment(order.number);
    assert.equal(shipment.is_shipped, false);
    assert.deepEqual((await h.client.listShipments({ is_shipped: false })).items.map((s) => s.id), [shipment.id]);
    const shipped = await h.client.markShipmentShipped(shipment.id);
    assert.equal(shipped.is_shipped, true);
    assert.deepEqual((await h.client.listOrderShipments(order.number)).items.map((s) => [s.id, s.is_shipped]), [[shipment.id, true]]);
    assert.equal((await h.client.listShipments({ is_shipped: false })).total, 0);

    const { invoiceId } = await h.client.convertToInvoice(order.number, { book: false });
    const invoice = await h.client.getCustomerInvoice(invoiceId);
    assert.equal(invoice.is_booked, false);
    assert.equal(invoice.order_id, order.number);
    assert.equal(invoice.total_total, 1997.5);
    const booked = await h.client.bookCustomerInvoice(invoiceId);
    assert.equal(booked.is_booked, true);
    assert.deepEqual((await h.client.listCustomerInvoices({ is_booked: true })).items.map((i) => i.number), [invoiceId]);

    const calls = await h.requests();
    assert.deepEqual(calls.find((r) => r.path.endsWith('/mark-shipped'))?.body, { pick: true });
    assert.deepEqual(calls.find((r) => r.path.endsWith('/convert-to-invoice'))?.query, { book: 'false' });
  });

  it('creates and updates customers and products, escaping product numbers with a slash', async () => {
    const err = await rejectionOf(h.client.createCustomer({ name: 'Uden Gruppe ApS' }));
    assert.ok(err instanceof RejectedRequestError);
    assert.deepEqual(err.issues, [{ path: 'customer_group_id', message: 'The customer_group_id field is required.' }]);
    const customer = await h.client.createCustomer({ name: 'Ny Kunde ApS', payment_terms_id: 2, contact_email: 'a@b.dk', customer_group_id: 3 });
    assert.equal(customer.number, 6);
    assert.equal(customer.payment_terms?.maturity_days, 14);
    assert.equal((await h.client.updateCustomer(customer.number, { name: 'Ny Kunde A/S' })).name, 'Ny Kunde A/S');
    assert.equal((await h.client.getCustomer(customer.number)).name, 'Ny Kunde A/S');
    assert.ok((await h.client.listCustomers()).items.some((c) => c.number === customer.number));

    const product = await h.client.createProduct({ number: 'SHELF/80#B', name: 'Reol', group: 1, sales_price: 300, stock_quantity: 5 });
    assert.equal(product.available_quantity, 5);
    assert.equal((await h.client.getProduct('SHELF/80#B')).name, 'Reol');
    assert.equal((await h.client.updateProduct('SHELF/80#B', { sales_price: 320 })).sales_price, 320);
    assert.equal((await h.client.getProduct('DESK/120')).group?.vat_domestic, 25);
    assert.equal((await h.client.listProducts({ limit: 1000 })).items.length, 12);

    const paths = (await h.requests()).filter((r) => r.path.startsWith('/products/')).map((r) => r.path);
    assert.deepEqual(paths, ['/products/SHELF%2F80%23B', '/products/SHELF%2F80%23B', '/products/DESK%2F120']);
  });

  it('reads a customer group', async () => {
    assert.deepEqual(await h.client.getCustomerGroup(3), { number: 3, name: 'Webshop' });
    assert.ok((await rejectionOf(h.client.getCustomerGroup(99))) instanceof NotFoundError);
  });

  it('reads product groups and payment terms', async () => {
    assert.deepEqual((await h.client.listProductGroups()).items.map((g) => [g.number, g.vat_domestic]), [[1, 25], [2, 25], [3, 0], [4, 25.5]]);
    assert.equal((await h.client.getProductGroup(2)).name, 'Ydelser');
    assert.equal((await h.client.listPaymentTerms()).total, 3);
    assert.equal((await h.client.getPaymentTerm(3)).maturity_days, 30);
  });

  it('registers a webhook idempotently: the second call updates, returns no token and adds no duplicate', async () => {
    const first = await h.client.registerWebhook('order.booked', 'http://127.0.0.1:9/hooks');
    assert.equal(first.created, true);
    assert.equal(first.token?.length, 32);
    assert.equal('token' in first.webhook, false);
    const second = await h.client.registerWebhook('order.booked', 'http://127.0.0.1:9/hooks');
    assert.deepEqual({ created: second.created, token: second.token, id: second.webhook.id }, { created: false, token: undefined, id: first.webhook.id });
    await h.client.registerWebhook('order.created', 'http://127.0.0.1:9/hooks');
    const booked = await h.client.listWebhooks({ event: 'order.booked' });
    assert.deepEqual(booked.items.map((w) => w.id), [first.webhook.id]);
    assert.equal((await h.client.listWebhooks()).total, 2);

    const paused = await h.client.updateWebhook(first.webhook.id, { is_active: false });
    assert.equal(paused.is_active, false);
    assert.equal((await h.client.getWebhook(first.webhook.id)).is_active, false);
    await h.client.deleteWebhook(first.webhook.id);
    assert.equal((await h.client.listWebhooks({ event: 'order.booked' })).total, 0);
  });

  it('sends suppress_webhooks=true on writes when asked', async () => {
    const order = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] }, { suppressWebhooks: true });
    await h.client.bookOrder(order.number, { suppressWebhooks: true });
    const writes = (await h.requests()).filter((r) => r.method === 'POST').map((r) => r.query);
    assert.deepEqual(writes, [{ suppress_webhooks: 'true' }, { suppress_webhooks: 'true' }]);
  });
});

describe('RackbeatClient errors', () => {
  it('turns a 422 into RejectedRequestError with one issue per field message', async () => {
    const err = await rejectionOf(h.client.createOrder({ customer_id: 999, lines: [{ item_id: 'CHAIR-01', quantity: 1 }, { item_id: 'NOPE', quantity: 1 }] }));
    assert.ok(err instanceof RejectedRequestError);
    assert.deepEqual(err.issues, [
      { path: 'customer_id', message: 'The selected customer id is invalid.' },
      { path: 'lines.1.item_id', message: 'The selected item id is invalid.' },
    ]);
    assert.equal(err.request?.status, 422);
  });

  it('turns an illegal transition into RejectedRequestError', async () => {
    const order = await h.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await h.client.bookOrder(order.number);
    const err = await rejectionOf(h.client.bookOrder(order.number));
    assert.ok(err instanceof RejectedRequestError);
    assert.deepEqual(err.issues, [{ path: 'order', message: 'The order is already booked.' }]);
  });

  it('turns a 404 into NotFoundError', async () => {
    const err = await rejectionOf(h.client.getProduct('NO/SUCH'));
    assert.ok(err instanceof NotFoundError);
    assert.match(err.message, /Product NO\/SUCH not found/);
  });

  it('turns a 401 into AuthError without leaking the token', async () => {
    const client = new RackbeatClient({ baseUrl: h.api, apiToken: 'wrong-token' });
    const err = await rejectionOf(client.getSelf());
    assert.ok(err instanceof AuthError);
    assert.doesNotMatch(err.message, /wrong-token/);
  });

  it('turns a 429 into RateLimitedError carrying Retry-After in milliseconds', async () => {
    await h.control('POST', '/faults', { system: 'rackbeat', kind: 'rate-limit', retryAfterSeconds: 7, match: { path: '^/orders$' } });
    const err = await rejectionOf(h.client.listOrders());
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.retryAfterMs, 7000);
    assert.equal(err.retryable, true);
    assert.deepEqual((await h.control<{ pending: unknown[] }>('GET', '/faults')).pending, []);
  });

  it('turns a 503 into UpstreamUnavailableError', async () => {
    await h.control('POST', '/faults', { system: 'rackbeat', kind: 'status', status: 503, match: { method: 'GET' } });
    const err = await rejectionOf(h.client.getCustomer(1));
    assert.ok(err instanceof UpstreamUnavailableError);
    assert.match(err.message, /HTTP 503/);
  });

  it('reports a dropped response as UpstreamUnavailableError although the order was created', async () => {
    await h.control('POST', '/faults', { system: 'rackbeat', kind: 'drop', match: { method: 'POST', path: '^/orders$' } });
    const err = await rejectionOf(h.client.createOrder({ customer_id: 1, heading: 'lost answer', lines: [{ item_id: 'CHAIR-01', quantity: 1 }] }));
    assert.ok(err instanceof UpstreamUnavailableError);
    const orders = await h.client.listOrders({ search: 'lost answer' });
    assert.deepEqual(orders.items.map((o) => o.heading), ['lost answer']);
    assert.equal((await h.requests())[0]?.status, 'dropped');
  });
});
