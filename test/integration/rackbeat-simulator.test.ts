import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { type RackbeatHarness, type ReceivedWebhook, startRackbeat, startReceiver, waitFor } from '../helpers/rackbeat';

interface Order {
  number: number;
  lines: Array<{ id: number; vat_percentage: number } & Record<string, unknown>>;
  total_subtotal: number;
  total_vat: number;
  total_total: number;
  [flag: `is_${string}`]: boolean;
}
interface Product {
  stock_quantity: number;
  in_order_quantity: number;
  available_quantity: number;
}
interface Delivery {
  event: string;
  state: string;
  attempts: Array<{ status?: number; error?: string }>;
}

const SECOND_TOKEN = 'second-rackbeat-token';
let h: RackbeatHarness;

before(async () => {
  h = await startRackbeat({
    rateLimits: { rackbeat: { limit: 0, windowMs: 1000 } },
    rackbeat: { apiTokens: [SANDBOX_CREDENTIALS.rackbeat.apiToken, SECOND_TOKEN], webhookRetryDelaysMs: [30, 30, 30], webhookTimeoutMs: 300 },
  });
});
after(async () => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset', { system: 'rackbeat' });
  await h.control('POST', '/seed', { system: 'rackbeat' });
  await h.control('PUT', '/rate-limits/rackbeat', { limit: 0, windowMs: 1000 });
});

async function createOrder(body: Record<string, unknown> = {}): Promise<Order> {
  const res = await h.call<{ order: Order }>('POST', '/orders', { customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 3 }], ...body });
  assert.equal(res.status, 201);
  return res.json.order;
}

async function order(number: number): Promise<Order> {
  return (await h.call<{ order: Order }>('GET', `/orders/${number}`)).json.order;
}

async function product(number: string): Promise<Product> {
  return (await h.call<{ product: Product }>('GET', `/products/${encodeURIComponent(number)}`)).json.product;
}

function flagsOf(o: Order): string[] {
  return Object.entries(o)
    .filter(([k, v]) => k.startsWith('is_') && v === true)
    .map(([k]) => k)
    .sort();
}

async function deliveries(): Promise<Delivery[]> {
  return (await h.control<{ deliveries: Delivery[] }>('GET', '/rackbeat/deliveries')).deliveries;
}

describe('Rackbeat simulator order lifecycle', () => {
  it('keeps the flags consistent through book, shipment, mark shipped and convert to invoice', async () => {
    const created = await createOrder();
    assert.deepEqual(flagsOf(created), []);
    const booked = await h.call<{ order: Order }>('POST', `/orders/${created.number}/book`, { mail: { send: false } });
    assert.deepEqual(flagsOf(booked.json.order), ['is_booked', 'is_ready_for_shipping']);
    const shipment = await h.call<{ order_shipment: { id: number; is_shipped: boolean } }>('POST', `/orders/${created.number}/create-shipment`);
    assert.equal(shipment.status, 201);
    assert.equal(shipment.json.order_shipment.is_shipped, false);
    const shipped = await h.call('POST', `/orders/shipments/${shipment.json.order_shipment.id}/mark-shipped`, { pick: true });
    assert.equal(shipped.status, 200);
    assert.deepEqual(flagsOf(await order(created.number)), ['is_booked', 'is_ready_for_invoicing', 'is_shipped']);
    const converted = await h.call<{ invoice_id: number }>('POST', `/orders/${created.number}/convert-to-invoice?book=true`);
    assert.deepEqual(converted.json, { invoice_id: 5001 });
    assert.deepEqual(flagsOf(await order(created.number)), ['is_archived', 'is_booked', 'is_invoiced', 'is_shipped']);
    const invoice = await h.call<{ customer_invoice: { number: number; is_booked: boolean; total_total: number } }>('GET', '/customer-invoices/5001');
    assert.deepEqual(
      { number: invoice.json.customer_invoice.number, booked: invoice.json.customer_invoice.is_booked, total: invoice.json.customer_invoice.total_total },
      { number: 5001, booked: true, total: 2996.25 },
    );
  });

  it('credits a booked invoice in full with create-creditnote: minus on the quantities by default, on the prices by setting; listed, no webhook', async () => {
    interface Invoice { number: number; is_booked: boolean; updated_at: string; customer: { number: number }; currency: string; vat_zone: string; order_id: number | null; lines: { child_id: string; quantity: number; line_price: number; vat_percentage: number }[]; total_subtotal: number; total_vat: number; total_total: number }
    const o = await createOrder({ lines: [{ item_id: 'DESK/120', quantity: 2 }, { item_id: 'CHAIR-01', quantity: 1, discount_percentage: 10 }] });
    await h.call('POST', `/orders/${o.number}/book`);
    const { invoice_id: credited } = (await h.call<{ invoice_id: number }>('POST', `/orders/${o.number}/convert-to-invoice?book=true`)).json;
    const original = (await h.call<{ customer_invoice: Invoice }>('GET', `/customer-invoices/${credited}`)).json.customer_invoice;
    assert.equal((await h.call('POST', '/customer-invoices/5999/create-creditnote')).status, 404);
    await h.control('PUT', '/rackbeat/settings', { webhookShape: 'documented' });
    try {
      for (const event of ['customer_invoice.created', 'customer_invoice.booked']) await h.call('POST', '/webhooks', { event, url: 'http://127.0.0.1:9/x', is_active: true });
      const before = (await deliveries()).length;
      const shapes = [
        { setting: undefined, quantity: -1, price: 1, number: credited + 1 },
        { setting: 'negative-prices', quantity: 1, price: -1, number: credited + 2 },
      ] as const;
      for (const shape of shapes) {
        if (shape.setting) await h.control('PUT', '/rackbeat/settings', { creditNoteAmounts: shape.setting });
        const made = await h.call<{ customer_invoice: { number: number } }>('POST', `/customer-invoices/${credited}/create-creditnote`);
        assert.deepEqual([made.status, made.json.customer_invoice.number], [201, shape.number], 'the next invoice number');
        const note = (await h.call<{ customer_invoice: Invoice }>('GET', `/customer-invoices/${shape.number}`)).json.customer_invoice;
        assert.deepEqual(
          { booked: note.is_booked, customer: note.customer.number, currency: note.currency, zone: note.vat_zone, order: note.order_id },
          { booked: true, customer: original.customer.number, currency: original.currency, zone: original.vat_zone, order: null },
        );
        assert.deepEqual(
          note.lines.map((l) => [l.child_id, l.quantity, l.line_price, l.vat_percentage]),
          original.lines.map((l) => [l.child_id, shape.quantity * l.quantity, shape.price * l.line_price, l.vat_percentage]),
        );
        assert.deepEqual([note.total_subtotal, note.total_vat, note.total_total], [-original.total_subtotal, -original.total_vat, -original.total_total], 'to the cent');
        assert.ok(note.updated_at >= original.updated_at, 'a fresh updated_at: the poller finds it');
        const listed = await h.call<{ customer_invoices: Invoice[] }>('GET', `/customer-invoices?updated_at_from=${encodeURIComponent(note.updated_at.replace('T', ' ').slice(0, 19))}`);
        assert.ok(listed.json.customer_invoices.some((i) => i.number === shape.number), 'listed among /customer-invoices by updated_at');
      }
      assert.equal((await deliveries()).length, before, 'no event is attested for a credit note: none fired');
    } finally {
      await h.control('PUT', '/rackbeat/settings', { webhookShape: 'real', creditNoteAmounts: 'negative-quantities' });
    }
  });

  it('marks an order partly shipped when a shipment covers only part of it', async () => {
    const o = await createOrder();
    await h.call('POST', `/orders/${o.number}/book`);
    const lineId = o.lines[0]?.id;
    const partial = await h.call<{ order_shipment: { id: number } }>('POST', `/orders/${o.number}/create-shipment`, { lines: [{ line_id: lineId, quantity: 1 }] });
    await h.call('POST', `/orders/shipments/${partial.json.order_shipment.id}/mark-shipped`, { pick: true });
    assert.deepEqual(flagsOf(await order(o.number)), ['is_booked', 'is_partly_shipped', 'is_ready_for_invoicing', 'is_ready_for_shipping']);
    assert.deepEqual(await product('CHAIR-01'), { ...(await product('CHAIR-01')), stock_quantity: 39, in_order_quantity: 2, available_quantity: 37 });
  });

  it('refuses illegal transitions with 422 and the reason', async () => {
    const o = await createOrder();
    const refusals: Array<[string, string, unknown?]> = [
      ['POST', `/orders/${o.number}/create-shipment`],
      ['POST', `/orders/${o.number}/convert-to-invoice?book=false`],
    ];
    for (const [method, path] of refusals) assert.equal((await h.call(method, path)).status, 422, `${method} ${path} on a draft`);
    assert.equal((await h.call('POST', `/orders/${o.number}/book`)).status, 200);
    const again = await h.call<{ errors: Record<string, string[]> }>('POST', `/orders/${o.number}/book`);
    assert.deepEqual({ status: again.status, errors: again.json.errors }, { status: 422, errors: { order: ['The order is already booked.'] } });
    assert.equal((await h.call('DELETE', `/orders/${o.number}`)).status, 422, 'deleting a booked order');
    const shipment = await h.call<{ order_shipment: { id: number } }>('POST', `/orders/${o.number}/create-shipment`);
    assert.equal((await h.call('POST', `/orders/${o.number}/create-shipment`)).status, 422, 'a second shipment with nothing left');
    await h.call('POST', `/orders/shipments/${shipment.json.order_shipment.id}/mark-shipped`, { pick: true });
    assert.equal((await h.call('POST', `/orders/shipments/${shipment.json.order_shipment.id}/mark-shipped`)).status, 422, 'shipping twice');
    assert.equal((await h.call('POST', `/orders/${o.number}/create-shipment`)).status, 422, 'shipping a shipped order');
    await assert.rejects(h.control('POST', `/rackbeat/orders/${o.number}/cancel`), /422/, 'cancelling a shipped order');
    assert.equal((await h.call('POST', `/orders/${o.number}/convert-to-invoice`)).status, 200);
    assert.equal((await h.call('POST', `/orders/${o.number}/convert-to-invoice`)).status, 422, 'invoicing twice');
    assert.equal((await h.call('POST', '/customer-invoices/5001/book')).status, 200);
    assert.equal((await h.call('POST', '/customer-invoices/5001/book')).status, 422, 'booking a booked invoice');
  });

  it('validates order bodies field by field', async () => {
    const res = await h.call<{ message: string; errors: Record<string, string[]> }>('POST', '/orders', {
      lines: [{ item_id: 'CHAIR-01' }, { item_id: 'OLD-01', quantity: 1 }],
      vat_zone: 'moon',
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.json, {
      message: 'The given data was invalid.',
      errors: {
        customer_id: ['The customer_id field is required.'],
        'lines.0.quantity': ['The lines.0.quantity field is required.'],
        'lines.1.item_id': ['The selected item is barred.'],
        vat_zone: ['The selected vat_zone is invalid.'],
      },
    });
  });

  it('computes line and order totals from the product group VAT of the vat_zone', async () => {
    const domestic = await createOrder({ lines: [{ item_id: 'DESK/120', quantity: 2 }, { item_id: 'CHAIR-01', quantity: 1, discount_percentage: 10 }, { item_id: 'BOOK-DK', quantity: 3 }] });
    assert.deepEqual(domestic.lines.map((l) => l.vat_percentage), [25, 25, 0]);
    assert.deepEqual([domestic.total_subtotal, domestic.total_vat, domestic.total_total], [5868.1, 1429.53, 7297.63]);
    const eu = await createOrder({ customer_id: 3, lines: [{ item_id: 'DESK/120', quantity: 1, line_price: 300 }] });
    assert.deepEqual([eu.total_subtotal, eu.total_vat, eu.total_total], [300, 0, 300]);
  });

  it('reads lines back with exactly the attested fields: child_id / child_type, never item_id, on orders and invoices', async () => {
    const order = await createOrder({ lines: [{ item_id: 'CHAIR-01', quantity: 1 }, { item_id: 'SET-OFFICE', quantity: 2 }] });
    assert.deepEqual(order.lines[1], {
      id: order.lines[1]!.id,
      child_id: 'SET-OFFICE',
      child_type: 'lot',
      name: 'Kontorsæt (stol + bord)',
      quantity: 2,
      line_price: 3099,
      discount_percentage: 0,
      vat_percentage: 25,
      item: { number: 'SET-OFFICE', name: 'Kontorsæt (stol + bord)', barcode: '5701234000031', description: 'Kontorstol Basic og hævesænkebord 120 cm' },
      location: null,
      item_cost_price: 1920,
      variations: [],
    });
    assert.deepEqual([order.lines[0]!.child_id, order.lines[0]!.child_type], ['CHAIR-01', 'product']);
    await h.call('POST', `/orders/${order.number}/book`);
    const converted = await h.call<{ invoice_id: number }>('POST', `/orders/${order.number}/convert-to-invoice?book=false`);
    const invoice = await h.call<{ customer_invoice: { lines: Record<string, unknown>[] } }>('GET', `/customer-invoices/${converted.json.invoice_id}`);
    assert.deepEqual(invoice.json.customer_invoice.lines.map((l) => [l.child_id, l.child_type, 'item_id' in l]), [['CHAIR-01', 'product', false], ['SET-OFFICE', 'lot', false]]);
    const lot = await h.call<{ lot: Record<string, unknown> }>('GET', '/lots/SET-OFFICE');
    assert.deepEqual([lot.status, lot.json.lot.number, lot.json.lot.type, lot.json.lot.sales_price], [200, 'SET-OFFICE', 'lot', 3099]);
    assert.equal((await h.call('GET', '/products/SET-OFFICE')).status, 404, 'a BOM is not at /products');
  });

  it('requires a customer group on customer create, read as customer_group_id (group and customer_group tolerated)', async () => {
    const missing = await h.call<{ errors: Record<string, string[]> }>('POST', '/customers', { name: 'Uden Gruppe' });
    assert.deepEqual([missing.status, missing.json.errors], [422, { customer_group_id: ['The customer_group_id field is required.'] }]);
    const unknown = await h.call<{ errors: Record<string, string[]> }>('POST', '/customers', { name: 'Ukendt Gruppe', customer_group_id: 99 });
    assert.deepEqual([unknown.status, unknown.json.errors], [422, { customer_group_id: ['The selected customer group id is invalid.'] }]);
    for (const [key, name] of [['customer_group_id', 'A'], ['group', 'B'], ['customer_group', 'C']] as const) {
      const created = await h.call<{ customer: { customer_group_id: number } }>('POST', '/customers', { name, [key]: 2 });
      assert.deepEqual([created.status, created.json.customer.customer_group_id], [201, 2], key);
    }
    const group = (await h.call<{ customer_group: { number: number; name: string } }>('GET', '/customer-groups/3')).json.customer_group;
    assert.deepEqual([group.number, group.name], [3, 'Webshop']);
  });

  it('reserves stock on booking, takes it out on shipping and releases it on cancellation', async () => {
    const shipped = await createOrder();
    await h.call('POST', `/orders/${shipped.number}/book`);
    assert.deepEqual(await product('CHAIR-01'), { ...(await product('CHAIR-01')), stock_quantity: 40, in_order_quantity: 3, available_quantity: 37 });
    const s = await h.call<{ order_shipment: { id: number } }>('POST', `/orders/${shipped.number}/create-shipment`);
    await h.call('POST', `/orders/shipments/${s.json.order_shipment.id}/mark-shipped`, { pick: true });
    assert.deepEqual(await product('CHAIR-01'), { ...(await product('CHAIR-01')), stock_quantity: 37, in_order_quantity: 0, available_quantity: 37 });

    const cancelled = await createOrder({ lines: [{ item_id: 'CHAIR-01', quantity: 5 }] });
    await h.call('POST', `/orders/${cancelled.number}/book`);
    assert.equal((await product('CHAIR-01')).available_quantity, 32);
    // Writing is_cancelled is not attested: the simulator ignores it, as Laravel ignores unknown input.
    const ignored = await h.call<{ order: Order }>('PUT', `/orders/${cancelled.number}`, { is_cancelled: true, is_paid: true });
    assert.deepEqual(flagsOf(ignored.json.order), ['is_booked', 'is_ready_for_shipping']);
    assert.equal('is_paid' in ignored.json.order, false);
    const res = await h.control<{ order: Order }>('POST', `/rackbeat/orders/${cancelled.number}/cancel`);
    assert.deepEqual(flagsOf(res.order), ['is_booked', 'is_cancelled']);
    assert.equal((await product('CHAIR-01')).available_quantity, 37);
  });
});

describe('Rackbeat simulator HTTP behaviour', () => {
  it('answers lists with 206 and the paging envelope, capping limit at 1000', async () => {
    const res = await h.call<Record<string, unknown>>('GET', '/products?limit=5000&page=1');
    assert.equal(res.status, 206);
    assert.deepEqual({ ...res.json, products: (res.json.products as unknown[]).length }, { products: 11, total: 11, pages: 1, limit: 1000, page: 1 });
    const second = await h.call<Record<string, unknown>>('GET', '/customers?limit=3&page=2');
    assert.deepEqual({ ...second.json, customers: (second.json.customers as Array<{ number: number }>).map((c) => c.number) }, { customers: [4, 5], total: 5, pages: 2, limit: 3, page: 2 });
  });

  it('answers 401, 404 and malformed JSON with JSON bodies', async () => {
    const unauthenticated = await h.call('GET', '/orders', undefined, 'nope');
    assert.deepEqual([unauthenticated.status, unauthenticated.json], [401, { message: 'Unauthenticated.' }]);
    const missing = await h.call('GET', '/orders/424242');
    assert.deepEqual([missing.status, missing.json], [404, { message: 'Order 424242 not found.' }]);
    const malformed = await h.call<{ message: string }>('POST', '/orders', '{"customer_id": ');
    assert.equal(malformed.status, 400);
    assert.match(malformed.json.message, /^Malformed JSON body/);
  });

  it('resolves products by rawurlencoded number and by urlfriendly_number', async () => {
    const byNumber = await h.call<{ product: { number: string; urlfriendly_number: string } }>('GET', '/products/DESK%2F120');
    assert.equal(byNumber.json.product.number, 'DESK/120');
    const bySlug = await h.call<{ product: { number: string } }>('GET', `/products/${byNumber.json.product.urlfriendly_number}`);
    assert.equal(bySlug.json.product.number, 'DESK/120');
  });

  it('limits requests per token with 429 and Retry-After, leaving other tokens alone', async () => {
    await h.control('PUT', '/rate-limits/rackbeat', { limit: 2, windowMs: 60_000 });
    assert.equal((await h.call('GET', '/self')).status, 200);
    assert.equal((await h.call('GET', '/self')).status, 200);
    const limited = await h.call('GET', '/self');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.deepEqual(limited.json, { message: 'Too Many Attempts.' });
    assert.equal((await h.call('GET', '/self', undefined, SECOND_TOKEN)).status, 200);
    assert.deepEqual((await h.requests()).map((r) => r.status), [200, 200, 429, 200]);
  });
});

describe('Rackbeat simulator webhooks', () => {
  async function subscribe(event: string, url: string): Promise<{ id: number; token: string }> {
    const res = await h.call<{ webhook: { id: number; token: string } }>('POST', '/webhooks', { event, url, is_active: true });
    assert.equal(res.status, 201);
    return res.json.webhook;
  }

  it('shows the token only on creation and updates on the same event and URL', async () => {
    const created = await h.call<{ webhook: Record<string, unknown> }>('POST', '/webhooks', { event: 'order.created', url: 'http://127.0.0.1:9/x' });
    assert.equal(created.status, 201);
    assert.match(String(created.json.webhook.token), /^[0-9a-f]{32}$/);
    const again = await h.call<{ webhook: Record<string, unknown> }>('POST', '/webhooks', { event: 'order.created', url: 'http://127.0.0.1:9/x', is_active: false });
    assert.equal(again.status, 200);
    assert.deepEqual([again.json.webhook.id, again.json.webhook.is_active, 'token' in again.json.webhook], [created.json.webhook.id, false, false]);
    const listed = await h.call<{ webhooks: unknown[] }>('GET', '/webhooks?event=order.created');
    assert.equal(listed.json.webhooks.length, 1);
    const unknown = await h.call('POST', '/webhooks', { event: 'orders.created', url: 'http://127.0.0.1:9/x' });
    assert.equal(unknown.status, 422);
  });

  it('sends what Rackbeat really sends: key name and key as a string, the event only in the header, attested events only', async () => {
    const receiver = await startReceiver();
    try {
      const created = await subscribe('order.created', receiver.url);
      await subscribe('order.booked', receiver.url);
      await subscribe('inventory.changed', receiver.url);
      const o = await createOrder();
      await h.call('POST', `/orders/${o.number}/book`);
      await h.control('POST', '/rackbeat/deliveries/wait');
      const first = receiver.received.find((r) => r.headers['rackbeat-webhook-event'] === 'order.created');
      assert.deepEqual(pickHeaders(first), {
        'content-type': 'application/json',
        'user-agent': 'Rackbeat Webhook',
        'rackbeat-webhook-token': created.token,
        'rackbeat-webhook-event': 'order.created',
        'rackbeat-account-id': '4711',
      });
      assert.deepEqual(first?.body, { key_name: 'number', key: String(o.number) });
      const stock = receiver.received.filter((r) => r.headers['rackbeat-webhook-event'] === 'inventory.changed');
      assert.ok(stock.length > 0);
      assert.deepEqual(stock[0]?.body, { item: 'CHAIR-01', item_type: 'product', type: 'stock' });
      assert.equal(receiver.received.filter((r) => r.headers['rackbeat-webhook-event'] === 'order.booked').length, 0, 'no source attests order.booked: never fired');
    } finally {
      await receiver.close();
    }
  });

  it('delivers events with the documented headers and payload', async () => {
    const receiver = await startReceiver();
    // The docs' example shapes and guessed events, kept only as an explicit option to test tolerance.
    await h.control('PUT', '/rackbeat/settings', { webhookShape: 'documented' });
    try {
      const created = await subscribe('order.created', receiver.url);
      const updated = await subscribe('order.updated', receiver.url);
      const o = await createOrder();
      await h.call('PUT', `/orders/${o.number}`, { heading: 'Ny overskrift' });
      const [first, second] = await waitFor(() => receiver.received.length >= 2 && receiver.received, 'two deliveries');
      assert.deepEqual(pickHeaders(first), {
        'content-type': 'application/json',
        'user-agent': 'Rackbeat Webhook',
        'rackbeat-webhook-token': created.token,
        'rackbeat-webhook-event': 'order.created',
        'rackbeat-account-id': '4711',
      });
      assert.deepEqual(first?.body, { key: o.number, key_name: 'number', event: 'order.created', data: { number: o.number } });
      assert.equal(second?.headers['rackbeat-webhook-token'], updated.token);
      assert.deepEqual(second?.body, { key: o.number, key_name: 'number', event: 'order.updated', data: { number: o.number }, old_key: o.number, new_key: o.number, changed: ['heading'] });
    } finally {
      await h.control('PUT', '/rackbeat/settings', { webhookShape: 'real' });
      await receiver.close();
    }
  });

  it('fires booked, shipped, cancelled, inventory and invoice events for the matching changes', async () => {
    const receiver = await startReceiver();
    // The docs' example shapes and guessed events, kept only as an explicit option to test tolerance.
    await h.control('PUT', '/rackbeat/settings', { webhookShape: 'documented' });
    try {
      for (const event of ['order.booked', 'order.shipped', 'order.cancelled', 'order.deleted', 'inventory.changed', 'customer_invoice.created', 'customer_invoice.booked', 'customer.created', 'product.updated']) {
        await subscribe(event, receiver.url);
      }
      const o = await createOrder();
      await h.call('POST', `/orders/${o.number}/book`);
      const s = await h.call<{ order_shipment: { id: number } }>('POST', `/orders/${o.number}/create-shipment`);
      await h.call('POST', `/orders/shipments/${s.json.order_shipment.id}/mark-shipped`, { pick: true });
      await h.call('POST', `/orders/${o.number}/convert-to-invoice?book=true`);
      const other = await createOrder();
      await h.control('POST', `/rackbeat/orders/${other.number}/cancel`);
      await h.call('DELETE', `/orders/${other.number}`);
      await h.call('POST', '/customers', { name: 'Webhook Kunde', customer_group_id: 1 });
      await h.call('PUT', '/products/LAMP-RED', { sales_price: 259 });
      await h.control('POST', '/rackbeat/deliveries/wait');
      const seen = receiver.received.map((r) => `${r.body.event}:${r.body.key}`).sort();
      assert.deepEqual(seen, [
        'customer.created:6',
        `customer_invoice.booked:5001`,
        `customer_invoice.created:5001`,
        'inventory.changed:CHAIR-01',
        'inventory.changed:CHAIR-01',
        'inventory.changed:CHAIR-01',
        `order.booked:${o.number}`,
        `order.cancelled:${other.number}`,
        `order.deleted:${other.number}`,
        `order.shipped:${o.number}`,
        'product.updated:LAMP-RED',
      ]);
      const stock = receiver.received.filter((r) => r.body.event === 'inventory.changed').map((r) => r.body.data);
      assert.deepEqual(stock[0], { number: 'CHAIR-01', stock_quantity: 40, in_order_quantity: 3, available_quantity: 37 });
    } finally {
      await h.control('PUT', '/rackbeat/settings', { webhookShape: 'real' });
      await receiver.close();
    }
  });

  it('retries a failing receiver on the schedule, then resets failures_since_last_success', async () => {
    const receiver = await startReceiver([500, 503]);
    // The docs' example shapes and guessed events, kept only as an explicit option to test tolerance.
    await h.control('PUT', '/rackbeat/settings', { webhookShape: 'documented' });
    try {
      const hook = await subscribe('customer.created', receiver.url);
      await h.call('POST', '/customers', { name: 'Retry Kunde', customer_group_id: 1 });
      const failuresAfterFirst = await waitFor(async () => {
        const w = (await h.call<{ webhook: { failures_since_last_success: number } }>('GET', `/webhooks/${hook.id}`)).json.webhook;
        return w.failures_since_last_success >= 1 && w.failures_since_last_success;
      }, 'a failed attempt');
      assert.ok(failuresAfterFirst >= 1);
      const [delivery] = await waitFor(async () => {
        const list = await deliveries();
        return list[0]?.state === 'delivered' && list;
      }, 'the delivery to succeed');
      assert.deepEqual(delivery?.attempts.map((a) => a.status), [500, 503, 200]);
      assert.equal(receiver.received.length, 3);
      assert.deepEqual(new Set(receiver.received.map((r) => JSON.stringify(r.body))).size, 1);
      const webhook = (await h.call<{ webhook: { failures_since_last_success: number } }>('GET', `/webhooks/${hook.id}`)).json.webhook;
      assert.equal(webhook.failures_since_last_success, 0);
    } finally {
      await h.control('PUT', '/rackbeat/settings', { webhookShape: 'real' });
      await receiver.close();
    }
  });

  it('sends deliveries to one webhook at once by default (their order is unknown), and in order, one in flight, with one-at-a-time', async () => {
    for (const mode of ['concurrent', 'one-at-a-time'] as const) {
      await h.control('POST', '/reset', { system: 'rackbeat' });
      await h.control('POST', '/seed', { system: 'rackbeat' });
      if (mode === 'one-at-a-time') await h.control('PUT', '/rackbeat/settings', { webhookDelivery: mode });
      const receiver = await startReceiver([], { delayMs: 150 });
      try {
        await subscribe('product.created', receiver.url);
        const numbers = ['ONE-1', 'ONE-2', 'ONE-3'];
        for (const number of numbers) await h.call('POST', '/products', { number, name: `Vare ${number}`, group: 1, sales_price: 10 });
        await h.control('POST', '/rackbeat/deliveries/wait');
        assert.deepEqual((await deliveries()).map((d) => d.state), ['delivered', 'delivered', 'delivered']);
        if (mode === 'concurrent') assert.ok(receiver.maxInFlight() >= 2, `deliveries overlapped (at most ${receiver.maxInFlight()} in flight)`);
        else {
          assert.equal(receiver.maxInFlight(), 1);
          assert.deepEqual(receiver.received.map((r) => r.body.key), numbers);
        }
      } finally {
        await h.control('PUT', '/rackbeat/settings', { webhookDelivery: 'concurrent' });
        await receiver.close();
      }
    }
  });

  it('gives up after the last retry and counts every failure, timeouts included', async () => {
    const receiver = await startReceiver([], { delayMs: 1_000 });
    try {
      const hook = await subscribe('product.created', receiver.url);
      await h.call('POST', '/products', { number: 'SLOW-1', name: 'Langsom vare', group: 1, sales_price: 10 });
      const [delivery] = await waitFor(async () => {
        const list = await deliveries();
        return list[0]?.state === 'failed' && list;
      }, 'the delivery to give up', 8_000);
      assert.equal(delivery?.attempts.length, 4);
      assert.ok(delivery?.attempts.every((a) => /response timeout after 300 ms/.test(a.error ?? '')));
      const webhook = (await h.call<{ webhook: { failures_since_last_success: number } }>('GET', `/webhooks/${hook.id}`)).json.webhook;
      assert.equal(webhook.failures_since_last_success, 4);
    } finally {
      await receiver.close();
    }
  });

  it('delivers due retries at once on flush', async () => {
    await h.control('PUT', '/rackbeat/settings', { webhookRetryDelaysMs: [3_600_000] });
    const receiver = await startReceiver([500]);
    try {
      await subscribe('product.created', receiver.url);
      await h.call('POST', '/products', { number: 'FLUSH-1', name: 'Flush vare', group: 1, sales_price: 10 });
      await waitFor(async () => (await deliveries())[0]?.state === 'retrying', 'the first attempt to fail');
      const flushed = await h.control<{ flushed: number }>('POST', '/rackbeat/deliveries/flush');
      assert.equal(flushed.flushed, 1);
      assert.deepEqual((await deliveries()).map((d) => [d.state, d.attempts.map((a) => a.status)]), [['delivered', [500, 200]]]);
    } finally {
      await h.control('PUT', '/rackbeat/settings', { webhookRetryDelaysMs: [30, 30, 30] });
      await receiver.close();
    }
  });

  it('fires nothing for writes with suppress_webhooks in the query or the body', async () => {
    const receiver = await startReceiver();
    try {
      await subscribe('product.created', receiver.url);
      await h.call('POST', '/products?suppress_webhooks=true', { number: 'QUIET-1', name: 'Stille vare 1', group: 1, sales_price: 10 });
      await h.call('POST', '/products', { number: 'QUIET-2', name: 'Stille vare 2', group: 1, sales_price: 10, suppress_webhooks: true });
      await h.call('POST', '/products', { number: 'LOUD-1', name: 'Hørbar vare', group: 1, sales_price: 10 });
      await h.control('POST', '/rackbeat/deliveries/wait');
      assert.deepEqual(receiver.received.map((r) => r.body.key), ['LOUD-1']);
      assert.equal((await deliveries()).length, 1);
    } finally {
      await receiver.close();
    }
  });
});

function pickHeaders(received: ReceivedWebhook | undefined): Record<string, unknown> {
  const names = ['content-type', 'user-agent', 'rackbeat-webhook-token', 'rackbeat-webhook-event', 'rackbeat-account-id'];
  return Object.fromEntries(names.map((n) => [n, received?.headers[n]]));
}
