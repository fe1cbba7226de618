import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { economicFilter } from '../../src/connectors/economic';
import { ShopifyClient } from '../../src/connectors/shopify';
import { orderReference } from '../../src/domain/economic';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { entityRetrySignal } from '../../src/workflows/common/entity-messages';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { parseLossless } from '../helpers/shopify';
import { transferWatcher } from '../helpers/transfers';
import { WOO_WEBHOOK_SECRET, webshopConnection } from '../helpers/webshop-connection';
import { eventually } from '../helpers/temporal';

const CONN = 'shop';

describe('webshop orders → Rackbeat (F1, real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  let receiver: Server;
  const notifications: { code: string; workflowId: string }[] = [];
  const conn = () => h.conn(CONN);
  const sandbox = () => conn().connection.shopify!.baseUrl.replace(/\/shopify$/, '');

  const watcher = () => transferWatcher(h.temporal.env.client);
  const status = (id: string) => watcher().status(id);
  const waitFor = (id: string, check: (s: TransferStatus) => boolean, what: string) => watcher().waitFor(id, check, what);
  /** Shopify's control answers carry ids above 2^53: read them losslessly. */
  const placeShopify = async (body: unknown): Promise<{ id: string; name: string; total_price: string }> => {
    const res = await fetch(`${sandbox()}/_sandbox/shopify/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.clone().text());
    return (parseLossless(await res.text()) as { order: { id: string; name: string; total_price: string } }).order;
  };
  const placeWoo = (body: unknown) => conn().control<{ id: number; total: string }>('POST', '/woocommerce/orders', body);
  const rackbeatOrderFor = async (sourceRef: string) => {
    const page = await conn().rackbeat.listOrders({ search: sourceRef, limit: 50 });
    return page.items.filter((o) => o.heading?.includes(`[${sourceRef}]`));
  };

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        notifications.push(JSON.parse(body) as { code: string; workflowId: string });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const address = receiver.address();
    const notifyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/held`;
    h = await startLifecycleHarness([{ id: CONN, notifyUrl, customise: webshopConnection({ orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3, locale: 'da' } }) }]);
    // What the start-up registration does: subscribe rackbridge to the shops' order webhooks.
    const shopify = new ShopifyClient({ baseUrl: `${sandbox()}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
    for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled']) await shopify.createWebhook({ topic, address: `${h.webhookBase}/webhooks/shopify/${CONN}` });
    const woo = new WooCommerceClient({ baseUrl: `${sandbox()}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
    for (const topic of ['order.created', 'order.updated']) await woo.createWebhook({ topic, delivery_url: `${h.webhookBase}/webhooks/woocommerce/${CONN}`, secret: WOO_WEBHOOK_SECRET });
    await conn().control('PUT', '/woocommerce/settings', { deliveryDelayMs: 50 });
  });
  after(async () => {
    await h.close();
    await new Promise((r) => receiver.close(r));
  });

  test('a paid Shopify order with an id above 2^53 becomes one booked Rackbeat order equal to the cent, its payment handed to the order lifecycle', async () => {
    const placed = await placeShopify({
      lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'LAMP-RED', quantity: 3 }],
      shipping: { title: 'GLS', price: '49.00' },
      discount_code: { code: 'VELKOMMEN10', type: 'percentage', value: '10' },
      financial_status: 'paid',
      email: 'ny.kunde@example.dk',
      first_name: 'Ny',
      last_name: 'Kunde',
    });
    const id = String(placed.id);
    assert.ok(BigInt(id) > 2n ** 53n, `the sandbox's ids exceed 2^53 (${id})`);
    const done = await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'DONE', 'done');
    const orders = await rackbeatOrderFor(`shopify:${id}`);
    assert.equal(orders.length, 1, 'one Rackbeat order');
    const order = await conn().rackbeat.getOrder(orders[0]!.number);
    assert.deepEqual(done.targetRefs, [`rackbeat:order:${order.number}`]);
    assert.equal(order.is_booked, true);
    // No is_paid write (none is attested): the payment goes to the order lifecycle in its start signal.
    const rackbeatRequests = await conn().control<{ requests: { method: string; path: string; body: unknown }[] }>('GET', '/requests?system=rackbeat');
    assert.deepEqual(rackbeatRequests.requests.filter((r) => JSON.stringify(r.body ?? {}).includes('is_paid')), []);
    const lifecycle = await h.status(CONN, order.number);
    assert.ok(lifecycle.steps.some((s) => s.name === 'received webshop.booked'), JSON.stringify(lifecycle.steps));
    assert.equal(order.total_total, Number(placed.total_price), 'Rackbeat total equals the shop total');
    assert.equal(order.their_reference, placed.name);
    assert.ok(order.lines.some((l) => l.item.number === 'shipping'));
    assert.equal(order.customer?.contact_email, 'ny.kunde@example.dk');
  });

  test('an unpaid Shopify order waits; paying it transfers it once, and re-deliveries change nothing', async () => {
    const placed = await placeShopify({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], financial_status: 'pending', email: 'vent@example.dk' });
    const id = String(placed.id);
    const wfId = webshopOrderWorkflowId(CONN, 'shopify', id);
    await waitFor(wfId, (s) => s.stage === 'WAITING', 'waiting for payment');
    assert.equal((await rackbeatOrderFor(`shopify:${id}`)).length, 0);
    await conn().control('POST', `/shopify/orders/${id}/pay`);
    await waitFor(wfId, (s) => s.stage === 'DONE', 'done');
    await conn().control('POST', `/shopify/orders/${id}/pay`).catch(() => undefined);
    assert.equal((await rackbeatOrderFor(`shopify:${id}`)).length, 1);
  });

  test('an unknown SKU holds the Shopify order with its reason', async () => {
    const placed = await placeShopify({ lines: [{ sku: 'LAMP-BLUE', quantity: 1 }], financial_status: 'paid', email: 'blaa@example.dk' });
    const id = String(placed.id);
    const held = await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'WEBSHOP_UNKNOWN_SKU');
    assert.match(held.heldMessage ?? '', /LAMP-BLUE/);
    assert.equal((await rackbeatOrderFor(`shopify:${id}`)).length, 0);
    await watcher().listedAsHeld(webshopOrderWorkflowId(CONN, 'shopify', id), conn().connection, 'product');
    // Creating the product in Rackbeat releases the held order by itself (product.created wakes held transfers).
    await conn().rackbeat.createProduct({ number: 'LAMP-BLUE', name: 'Bordlampe blå', group: 1, sales_price: 249 });
    await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'DONE', 'released by the new product');
    assert.equal((await rackbeatOrderFor(`shopify:${id}`)).length, 1);
  });

  test('a WooCommerce order (VAT-inclusive, coupon, fee, shipping) becomes one Rackbeat order; a checkout-draft does not', async () => {
    const { draft } = await conn().control<{ draft: { id: number } }>('POST', '/woocommerce/checkout-draft', { lines: [{ sku: 'CHAIR-01', quantity: 1 }], complete: false });
    const placed = await placeWoo({
      lines: [{ sku: 'DESK/120', quantity: 1 }, { sku: 'LAMP-RED', quantity: 2 }],
      status: 'processing',
      shipping_line: { total: '39.20' },
      coupon: { code: 'SOMMER', percent: 15 },
      fees: [{ name: 'Gebyr', total: '10.00' }],
      billing: { first_name: 'Woo', last_name: 'Kunde', email: 'woo.kunde@example.dk', country: 'DK' },
    });
    const id = String(placed.id);
    await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', id), (s) => s.stage === 'DONE', 'done');
    const orders = await rackbeatOrderFor(`woocommerce:${id}`);
    assert.equal(orders.length, 1);
    const order = await conn().rackbeat.getOrder(orders[0]!.number);
    assert.equal(order.total_total, Number(placed.total));
    assert.equal((await rackbeatOrderFor(`woocommerce:${draft.id}`)).length, 0, 'checkout-draft is not an order');
    await assert.rejects(status(webshopOrderWorkflowId(CONN, 'woocommerce', String(draft.id))), 'the receiver ignored it: no workflow');
  });

  test('cancelling the shop order holds the transfer with a notification, and nothing guesses a Rackbeat cancel call', async () => {
    const placed = await placeWoo({ lines: [{ sku: 'BOOK-DK', quantity: 2 }], status: 'processing', billing: { email: 'fortryder@example.dk', first_name: 'For', last_name: 'Tryder' } });
    const id = String(placed.id);
    const wfId = webshopOrderWorkflowId(CONN, 'woocommerce', id);
    await waitFor(wfId, (s) => s.stage === 'DONE', 'done');
    const [rb] = await rackbeatOrderFor(`woocommerce:${id}`);
    assert.ok(rb);
    await conn().control('POST', `/woocommerce/orders/${id}/status`, { status: 'cancelled' });
    const held = await waitFor(wfId, (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'WEBSHOP_CANCEL_IN_RACKBEAT');
    assert.match(held.heldMessage ?? '', new RegExp(`^Cancel Rackbeat order ${rb.number} by hand in Rackbeat, because WooCommerce order \\S+ was cancelled in the shop and rackbridge has no Rackbeat API route to cancel it; then send a retry\\.$`));
    // The notification is sent right after the hold is recorded.
    await eventually(async () => (notifications.some((n) => n.code === 'WEBSHOP_CANCEL_IN_RACKBEAT' && n.workflowId === wfId) ? true : undefined), () => `the held notification; got ${JSON.stringify(notifications)}`);
    assert.equal((await conn().rackbeat.getOrder(rb.number)).is_cancelled, false, 'the Rackbeat side is untouched');
    const writes = await conn().control<{ requests: { method: string; path: string; body: unknown }[] }>('GET', `/requests?system=rackbeat&method=PUT`);
    assert.deepEqual(writes.requests.filter((r) => r.path === `/orders/${rb.number}`), [], 'no PUT {is_cancelled} on the order');
    // A person cancels it in Rackbeat; the retry then finds it cancelled and finishes.
    await conn().control('POST', `/rackbeat/orders/${rb.number}/cancel`);
    await h.temporal.env.client.workflow.getHandle(wfId).signal(entityRetrySignal);
    await waitFor(wfId, (s) => s.stage === 'DONE' && s.steps.some((st) => st.detail?.includes('already cancelled') === true), 'done after the cancel in Rackbeat');
  });

  test('a shop edit after booking holds the transfer with what to change in Rackbeat, and edits no booked line', async () => {
    const placed = await placeShopify({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], financial_status: 'paid', email: 'aendrer@example.dk', first_name: 'Æn', last_name: 'Drer' });
    const id = String(placed.id);
    const wfId = webshopOrderWorkflowId(CONN, 'shopify', id);
    await waitFor(wfId, (s) => s.stage === 'DONE', 'done');
    const [rb] = await rackbeatOrderFor(`shopify:${id}`);
    assert.ok(rb?.is_booked);
    await conn().control('POST', `/shopify/orders/${id}/edit`, { lines: [{ sku: 'CHAIR-01', quantity: 3 }] });
    const held = await waitFor(wfId, (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'WEBSHOP_EDIT_AFTER_BOOKING');
    assert.ok(
      (held.heldMessage ?? '').startsWith(`Change the lines of Rackbeat order ${rb.number} by hand (reopen it, set CHAIR-01 to 3 (now 2), book it again), because Shopify order ${placed.name} was edited after booking`),
      held.heldMessage,
    );
    const lineWrites = await conn().control<{ requests: { method: string; path: string }[] }>('GET', '/requests?system=rackbeat');
    assert.deepEqual(lineWrites.requests.filter((r) => r.method !== 'GET' && r.path.startsWith(`/orders/${rb.number}/lines`)), [], 'no line of the booked order was touched');
  });

  test('the whole chain: a Shopify order ends as one booked e-conomic invoice and a fulfilled Shopify order after shipping in Rackbeat', async () => {
    const placed = await placeShopify({ lines: [{ sku: 'DESK/120', quantity: 1 }, { sku: 'CHAIR-01', quantity: 1 }], financial_status: 'paid', email: 'kaede@example.dk', first_name: 'Hele', last_name: 'Kæden' });
    const id = String(placed.id);
    await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'DONE', 'done');
    const [rb] = await rackbeatOrderFor(`shopify:${id}`);
    assert.ok(rb);
    await h.waitFor(CONN, rb.number, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(conn().rackbeat, rb.number);
    const lifecycle = await h.waitFor(CONN, rb.number, 'DONE');
    assert.ok(lifecycle.steps.some((s) => s.name === 'mark shop order fulfilled' && s.result === 'ok' && s.detail?.includes(id)), JSON.stringify(lifecycle.steps));

    const booked = await conn().economic.listBookedInvoices({ filter: economicFilter.eq('references.other', orderReference(CONN, rb.number)) });
    assert.equal(booked.items.length, 1, 'one booked e-conomic invoice');
    assert.equal(booked.items[0]!.grossAmount, Number(placed.total_price), 'the invoice total equals the shop total');
    const order = await conn().rackbeat.getOrder(rb.number);
    const shopify = new ShopifyClient({ baseUrl: `${sandbox()}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
    const shopOrder = await shopify.getOrder(id);
    assert.equal(String(shopOrder.id), id, 'the id above 2^53 came back intact');
    assert.equal(shopOrder.fulfillment_status, 'fulfilled');
    assert.equal(shopOrder.fulfillments.length, 1, 'fulfilled once');
    assert.equal(order.total_total, Number(placed.total_price));
  });

  test('duplicate and retried deliveries (same X-Shopify-Webhook-Id; WooCommerce re-sent state) make one Rackbeat order', async () => {
    const placed = await placeShopify({ lines: [{ sku: 'CHAIR-01', quantity: 1 }], financial_status: 'paid', email: 'dubletter@example.dk' });
    const id = String(placed.id);
    const raw = await (await fetch(`${sandbox()}/shopify/admin/api/2026-04/orders/${id}.json`, { headers: { 'X-Shopify-Access-Token': SHOPIFY_SANDBOX_CREDENTIALS.accessToken } })).text();
    const body = raw.slice(raw.indexOf(':') + 1, raw.lastIndexOf('}'));
    const headers = {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SANDBOX_CREDENTIALS.clientSecret).update(body).digest('base64'),
      'x-shopify-topic': 'orders/paid',
      'x-shopify-shop-domain': SHOPIFY_SANDBOX_CREDENTIALS.shopDomain,
      'x-shopify-api-version': '2026-04',
      'x-shopify-webhook-id': `retry-${id}`,
    };
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await fetch(`${h.webhookBase}/webhooks/shopify/${CONN}`, { method: 'POST', headers, body })).status));
    assert.deepEqual([...new Set(statuses)], [202]);
    await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'DONE', 'done');
    // And once more after it finished: a new run finds the order instead of creating another.
    assert.equal((await fetch(`${h.webhookBase}/webhooks/shopify/${CONN}`, { method: 'POST', headers, body })).status, 202);
    await waitFor(webshopOrderWorkflowId(CONN, 'shopify', id), (s) => s.stage === 'DONE' && s.steps.some((st) => /already exists|up to date/.test(st.detail ?? '')), 'a second run that found the order');
    assert.equal((await rackbeatOrderFor(`shopify:${id}`)).length, 1);

    const woo = await placeWoo({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], status: 'processing', billing: { email: 'woo.dublet@example.dk', first_name: 'Woo', last_name: 'Dublet' } });
    await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', String(woo.id)), (s) => s.stage === 'DONE', 'done');
    for (let i = 0; i < 3; i++) await conn().control('POST', `/woocommerce/orders/${woo.id}/status`, { status: i % 2 ? 'processing' : 'completed' });
    await conn().control('POST', '/woocommerce/deliveries/flush');
    await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', String(woo.id)), (s) => s.stage === 'DONE', 'done again');
    assert.equal((await rackbeatOrderFor(`woocommerce:${woo.id}`)).length, 1);
  });

  const currencyCases: { name: string; shop: 'shopify' | 'woocommerce'; body: Record<string, unknown> }[] = [
    { name: 'Shopify, prices with VAT, EUR, 10 % discount, shipping', shop: 'shopify', body: { lines: [{ sku: 'LAMP-RED', quantity: 3 }, { sku: 'DESK/120', quantity: 1 }], taxes_included: true, currency: 'EUR', shipping: { title: 'DHL', price: '9.95' }, discount_code: { code: 'TI', type: 'percentage', value: '10' }, financial_status: 'paid', email: 'eur@example.de' } },
    { name: 'Shopify, prices without VAT, SEK, fixed discount', shop: 'shopify', body: { lines: [{ sku: 'CHAIR-01', quantity: 3 }], taxes_included: false, currency: 'SEK', discount_code: { code: 'FAST', type: 'fixed_amount', value: '33.33' }, financial_status: 'paid', email: 'sek@example.se' } },
    { name: 'WooCommerce, prices without VAT, coupon and shipping', shop: 'woocommerce', body: { lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'LAMP-RED', quantity: 1 }], prices_include_tax: false, status: 'processing', shipping_line: { total: '45.00' }, coupon: { code: 'X', amount: '20.00' }, billing: { email: 'ex@example.dk', first_name: 'Ex', last_name: 'Moms' } } },
    { name: 'WooCommerce, EUR with VAT and a fee', shop: 'woocommerce', body: { lines: [{ sku: 'DESK/120', quantity: 1 }], prices_include_tax: true, currency: 'EUR', status: 'processing', fees: [{ name: 'Ekspres', total: '12.34' }], billing: { email: 'eur-woo@example.dk', first_name: 'Eur', last_name: 'Woo' } } },
  ];
  for (const c of currencyCases) {
    test(`mapping to the cent: ${c.name}`, async () => {
      const placed = c.shop === 'shopify' ? await placeShopify(c.body) : await placeWoo(c.body);
      const id = String(placed.id);
      const total = 'total_price' in placed ? placed.total_price : placed.total;
      await waitFor(webshopOrderWorkflowId(CONN, c.shop, id), (s) => s.stage === 'DONE', 'done');
      const [found] = await rackbeatOrderFor(`${c.shop}:${id}`);
      const order = await conn().rackbeat.getOrder(found!.number);
      assert.equal(order.total_total, Number(total), `Rackbeat ${order.total_total} vs shop ${total}`);
      assert.equal(order.currency, (c.body.currency as string | undefined) ?? 'DKK');
    });
  }
});
