import { signWooOAuthQuery } from '../../src/connectors/woocommerce/oauth';
import { signWooPayload } from '../../src/sandbox/woocommerce/signature';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import { oauthUrl, startWooCommerce, startWooReceiver, type WooHarness } from '../helpers/woocommerce';

interface Order {
  id: number;
  number: string;
  status: string;
  customer_id: number;
  prices_include_tax: boolean;
  date_modified_gmt: string;
  line_items: Array<{ sku: string; price: number; subtotal: string; subtotal_tax: string; total: string; total_tax: string; variation_id: number }>;
  [key: string]: unknown;
}
interface Delivery {
  topic: string;
  resource_id: number | null;
  state: string;
  response_code: number | null;
  coalesced: number;
}
interface WebhookState {
  id: number;
  status: string;
  failure_count: number;
}

let h: WooHarness;
let receiver: Awaited<ReturnType<typeof startWooReceiver>>;

before(async () => {
  h = await startWooCommerce({ deliveryDelayMs: 60_000, deliveryTimeoutMs: 2_000 });
});
after(async () => h.close());
beforeEach(async () => {
  h.reset();
  await h.control('PUT', '/settings', { deliveryDelayMs: 60_000, maxDeliveryFailures: 5, batchLimit: 100, taxRatePercent: 25, pricesIncludeTax: true });
});

async function checkout(body: Record<string, unknown> = {}): Promise<Order> {
  const res = await h.control<Order>('POST', '/orders', { lines: [{ sku: 'CHAIR-01', quantity: 1 }], ...body });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

async function hook(topic: string, statuses: number[] = [], secret = 'wh-secret-æøå'): Promise<number> {
  receiver = await startWooReceiver(statuses);
  const res = await h.call<{ id: number }>('POST', '/webhooks', { name: 'rackbridge', topic, delivery_url: receiver.url, secret });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json.id;
}

async function flush(): Promise<Delivery[]> {
  return (await h.control<{ deliveries: Delivery[] }>('POST', '/deliveries/flush')).json.deliveries;
}

async function webhookState(id: number): Promise<WebhookState | undefined> {
  return (await h.control<{ webhooks: WebhookState[] }>('GET', '/webhooks-state')).json.webhooks.find((w) => w.id === id);
}

async function pendingDelivery(id: number): Promise<boolean | undefined> {
  return (await h.control<{ webhooks: Array<{ id: number; pending_delivery: boolean }> }>('GET', '/webhooks-state')).json.webhooks.find((w) => w.id === id)?.pending_delivery;
}

const totalsOf = (o: Order) =>
  Object.fromEntries(['discount_total', 'discount_tax', 'shipping_total', 'shipping_tax', 'cart_tax', 'total', 'total_tax'].map((k) => [k, o[k]]));

describe('WooCommerce simulator REST API', () => {
  it('refuses missing and wrong keys with WordPress error bodies and logs the requests', async () => {
    const anonymous = await fetch(`${h.api}/orders`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    const wrong = await h.call('GET', '/orders', undefined, { key: 'ck_nope', secret: 'cs_nope' });
    assert.deepEqual({ status: wrong.status, json: wrong.json }, { status: 401, json: { code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 } } });
    assert.deepEqual(
      h.requests().map((r) => [r.method, r.path, r.status]),
      [
        ['GET', '/wp-json/wc/v3/orders', 401],
        ['GET', '/wp-json/wc/v3/orders', 401],
      ],
    );
  });

  it('ignores HTTP Basic over plain HTTP (anonymous, 401) and reads it when the site counts as HTTPS', async () => {
    const overHttp = await h.callBasic('GET', '/orders');
    assert.deepEqual({ status: overHttp.status, json: overHttp.json }, { status: 401, json: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } } });
    await h.control('PUT', '/settings', { https: true });
    try {
      assert.equal((await h.callBasic('GET', '/orders')).status, 200);
      const wrong = await h.callBasic('GET', '/orders', undefined, { key: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, secret: 'cs_nope' });
      assert.deepEqual(wrong.json, { code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', data: { status: 401 } });
    } finally {
      await h.control('PUT', '/settings', { https: false });
    }
  });

  it('verifies OAuth 1.0a signatures and refuses a tampered query, a replayed nonce, a stale timestamp and missing parameters', async () => {
    const auth = { key: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, secret: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerSecret };
    const signed = oauthUrl('GET', `${h.api}/orders?per_page=5`, auth);
    assert.equal((await fetch(signed)).status, 200);
    const replay = await fetch(signed);
    assert.deepEqual([replay.status, ((await replay.json()) as { message: string }).message], [401, 'Invalid nonce - nonce has already been used.']);
    const tampered = await fetch(oauthUrl('GET', `${h.api}/orders?per_page=5`, auth).replace('per_page=5', 'per_page=6'));
    assert.deepEqual([tampered.status, ((await tampered.json()) as { message: string }).message], [401, 'Invalid signature - provided signature does not match.']);
    const sha1 = new URL(`${h.api}/orders`);
    const params = signWooOAuthQuery({ method: 'GET', url: sha1.href, query: {}, consumerKey: auth.key, consumerSecret: auth.secret, signatureMethod: 'HMAC-SHA1' });
    assert.equal((await fetch(`${sha1.href}?${new URLSearchParams(params).toString()}`)).status, 200);
    const old = signWooOAuthQuery({ method: 'GET', url: sha1.href, query: {}, consumerKey: auth.key, consumerSecret: auth.secret, timestamp: Math.floor(Date.now() / 1000) - 16 * 60 });
    assert.equal(((await (await fetch(`${sha1.href}?${new URLSearchParams(old).toString()}`)).json()) as { message: string }).message, 'Invalid timestamp.');
    const partial = await fetch(`${sha1.href}?oauth_consumer_key=${auth.key}`);
    assert.equal(((await partial.json()) as { code: string }).code, 'woocommerce_rest_authentication_missing_parameter');
  });

  it('answers unknown ids and bad parameters as WooCommerce does', async () => {
    assert.deepEqual((await h.call('GET', '/orders/999')).json, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
    assert.deepEqual((await h.call('GET', '/products/999')).json, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
    const tooMany = await h.call('GET', '/orders?per_page=101');
    assert.deepEqual(
      { status: tooMany.status, json: tooMany.json },
      { status: 400, json: { code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } } },
    );
    const order = await checkout();
    const badStatus = await h.call<{ code: string; data: { params: Record<string, string> } }>('PUT', `/orders/${order.id}`, { status: 'shipped' });
    assert.equal(badStatus.status, 400);
    assert.deepEqual(Object.keys(badStatus.json.data.params), ['status']);
  });

  it('renders orders in the REST shape: money strings, numeric line price, string number, guest customer 0', async () => {
    const order = await checkout({ lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'LAMP-RED', quantity: 1 }] });
    const got = (await h.call<Order>('GET', `/orders/${order.id}`)).json;
    assert.equal(got.number, String(order.id));
    assert.equal(got.customer_id, 0);
    assert.equal(got.status, 'processing');
    assert.equal(got.currency, 'DKK');
    assert.match(got.date_modified_gmt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.deepEqual(
      got.line_items.map((l) => [l.sku, l.variation_id > 0, l.subtotal, l.total_tax, l.price]),
      [
        ['CHAIR-01', false, '1598.00', '399.50', 799],
        ['LAMP-RED', true, '249.00', '62.25', 249],
      ],
    );
    assert.equal(got.total, '2308.75');
  });

  it('computes totals to the cent with prices including tax, a fixed coupon, a fee and shipping', async () => {
    const order = await checkout({
      prices_include_tax: true,
      lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'BOOK-DK', quantity: 1 }],
      coupon: { code: 'SPAR100', amount: '100.00' },
      fees: [{ name: 'Gebyr', total: '20.00' }],
      shipping_line: { method_id: 'flat_rate', method_title: 'GLS', total: '39.20' },
    });
    // Coupon 100.00 split 97.56 / 2.44 (floored shares, the spare cent to the first line); tax 25 % and 0 %, rounded per line.
    assert.deepEqual(totalsOf(order), {
      discount_total: '80.49',
      discount_tax: '19.51',
      shipping_total: '39.20',
      shipping_tax: '9.80',
      cart_tax: '384.99',
      total: '2021.50',
      total_tax: '394.79',
    });
    assert.deepEqual(
      order.line_items.map((l) => [l.sku, l.subtotal, l.subtotal_tax, l.total, l.total_tax]),
      [
        ['CHAIR-01', '1598.00', '399.50', '1519.95', '379.99'],
        ['BOOK-DK', '50.00', '0.00', '47.56', '0.00'],
      ],
    );
    assert.deepEqual(order.coupon_lines, [{ id: (order.coupon_lines as Array<{ id: number }>)[0]?.id, code: 'SPAR100', discount: '80.49', discount_tax: '19.51', meta_data: [] }]);
  });

  it('computes totals to the cent with prices excluding tax, a percent coupon, a fee and shipping', async () => {
    const order = await checkout({
      prices_include_tax: false,
      lines: [{ sku: 'CHAIR-01', quantity: 2, price: '799.00' }, { sku: 'BOOK-DK', quantity: 1 }, { sku: 'LAMP-RED', quantity: 3, price: '0.99' }],
      coupon: { code: 'TI', percent: 10 },
      fees: [{ name: 'Gebyr', total: '20.00' }],
      shipping_line: { total: '39.20' },
    });
    assert.equal(order.prices_include_tax, false);
    // 10 % of 1650.97 = 165.10: floored shares 159.80 + 5.00 + 0.29, the spare cent to the dearest line;
    // tax per line: 1438.19 × 25 % = 359.5475 → 359.55, lamp 2.68 × 25 % = 0.67.
    assert.deepEqual(
      order.line_items.map((l) => [l.sku, l.total, l.total_tax]),
      [
        ['CHAIR-01', '1438.19', '359.55'],
        ['BOOK-DK', '45.00', '0.00'],
        ['LAMP-RED', '2.68', '0.67'],
      ],
    );
    assert.deepEqual(totalsOf(order), {
      discount_total: '165.10',
      discount_tax: '40.02',
      shipping_total: '39.20',
      shipping_tax: '9.80',
      cart_tax: '365.22',
      total: '1920.09',
      total_tax: '375.02',
    });
  });

  it('finds variations by SKU through /products and derives stock_status from managed stock', async () => {
    const found = await h.call<Array<{ id: number; type: string; parent_id: number; sku: string }>>('GET', '/products?sku=LAMP-GREEN');
    assert.deepEqual(
      found.json.map((p) => [p.type, p.sku, p.parent_id > 0]),
      [['variation', 'LAMP-GREEN', true]],
    );
    const [green] = found.json;
    assert.ok(green);
    const set = await h.call<{ stock_quantity: number; stock_status: string }>('PUT', `/products/${green.parent_id}/variations/${green.id}`, { manage_stock: true, stock_quantity: 4 });
    assert.deepEqual([set.json.stock_quantity, set.json.stock_status], [4, 'instock']);
    const chair = (await h.call<Array<{ id: number }>>('GET', '/products?sku=CHAIR-01')).json[0];
    const empty = await h.call<{ stock_quantity: number; stock_status: string }>('PUT', `/products/${chair?.id}`, { stock_quantity: 0 });
    assert.deepEqual([empty.json.stock_quantity, empty.json.stock_status], [0, 'outofstock']);
    // Unmanaged stock: a quantity alone is ignored, as upstream.
    const service = (await h.call<Array<{ id: number }>>('GET', '/products?sku=SRV-INSTALL')).json[0];
    const ignored = await h.call<{ manage_stock: boolean; stock_quantity: number | null }>('PUT', `/products/${service?.id}`, { stock_quantity: 7 });
    assert.deepEqual([ignored.json.manage_stock, ignored.json.stock_quantity], [false, null]);
  });

  it('refuses a batch over the limit with 413 and reports item errors inside an accepted batch', async () => {
    const update = Array.from({ length: 101 }, (_, i) => ({ id: 11 + i, stock_quantity: 1 }));
    const tooLarge = await h.call('POST', '/products/batch', { update });
    assert.deepEqual(
      { status: tooLarge.status, json: tooLarge.json },
      { status: 413, json: { code: 'woocommerce_rest_request_entity_too_large', message: 'Unable to accept more than 100 items for this request.', data: { status: 413 } } },
    );
    const chair = (await h.call<Array<{ id: number }>>('GET', '/products?sku=CHAIR-01')).json[0];
    const mixed = await h.call<{ update: Array<Record<string, unknown>> }>('POST', '/products/batch', { update: [{ id: chair?.id, stock_quantity: 9 }, { id: 9999, stock_quantity: 1 }] });
    assert.equal(mixed.status, 200);
    assert.deepEqual([mixed.json.update[0]?.id, mixed.json.update[0]?.stock_quantity], [chair?.id, 9]);
    assert.deepEqual(mixed.json.update[1], { id: 9999, error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } } });
    await h.control('PUT', '/settings', { batchLimit: 2 });
    assert.equal((await h.call('POST', '/products/batch', { update: [{ id: 11 }], delete: [12, 13] })).status, 413);
  });

  it('pages orders with X-WP-Total and X-WP-TotalPages and filters by modified_after in GMT', async () => {
    await checkout({ created_at: '2026-01-10T08:00:00Z' });
    await checkout({ created_at: '2026-01-10T09:00:00Z' });
    await checkout({ created_at: '2026-01-10T10:00:00Z' });
    const page = await h.call<Order[]>('GET', '/orders?modified_after=2026-01-10T08:00:00&dates_are_gmt=true&orderby=modified&order=asc&per_page=1&page=2');
    assert.deepEqual([page.headers.get('x-wp-total'), page.headers.get('x-wp-totalpages')], ['2', '2']);
    assert.deepEqual(page.json.map((o) => o.date_modified_gmt), ['2026-01-10T10:00:00']);
    // Without dates_are_gmt the value is site time (Copenhagen, UTC+1 in January).
    const local = await h.call<Order[]>('GET', '/orders?modified_after=2026-01-10T09:00:00&orderby=modified&order=asc');
    assert.deepEqual(local.json.map((o) => o.date_modified_gmt), ['2026-01-10T09:00:00', '2026-01-10T10:00:00']);
  });
});

describe('WooCommerce simulator webhooks', () => {
  after(async () => receiver.close());

  it('pings a new webhook with an unsigned form body and no X-WC headers', async () => {
    const id = await hook('order.updated');
    assert.equal(receiver.received.length, 1);
    const [ping] = receiver.received;
    assert.equal(ping?.raw, `webhook_id=${id}`);
    assert.equal(ping?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.keys(ping?.headers ?? {}).filter((k) => k.startsWith('x-wc-')), []);
    assert.match(String(ping?.headers['user-agent']), /^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/);
    assert.deepEqual([(await webhookState(id))?.failure_count, await pendingDelivery(id)], [0, false]);
    await receiver.close();
  });

  it('creates the webhook even when the ping fails, leaving the ping pending and counting no failure', async () => {
    const id = await hook('order.updated', [500]);
    assert.deepEqual([(await webhookState(id))?.status, (await webhookState(id))?.failure_count, await pendingDelivery(id)], ['active', 0, true]);
    await receiver.close();
  });

  it('does not re-send a failed delivery, however long one waits', async () => {
    await h.control('PUT', '/settings', { deliveryDelayMs: 10 });
    const id = await hook('order.updated', [200, 503]);
    const order = await checkout({ status: 'pending' });
    await h.control('POST', `/orders/${order.id}/status`, { status: 'processing' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await h.control('POST', '/deliveries/wait');
    assert.equal(receiver.received.length, 2, 'the ping and one attempt');
    const deliveries = (await h.control<{ deliveries: Delivery[] }>('GET', `/deliveries?webhook_id=${id}&topic=order.updated`)).json.deliveries;
    assert.deepEqual(deliveries.map((d) => [d.state, d.response_code]), [['failed', 503]]);
    assert.equal((await webhookState(id))?.failure_count, 1);
    await receiver.close();
  });

  it('signs deliveries with base64 HMAC-SHA256 of the exact body and sends the X-WC headers', async () => {
    const id = await hook('order.created', [], 'wh-secret-æøå');
    const order = await checkout({ lines: [{ sku: 'DESK/120', quantity: 1 }] });
    assert.equal(receiver.received.length, 1, 'only the ping before the queue runs');
    await flush();
    const delivery = receiver.received[1];
    assert.ok(delivery);
    const expected = createHmac('sha256', 'wh-secret-æøå').update(delivery.raw, 'utf8').digest('base64');
    assert.equal(delivery.headers['x-wc-webhook-signature'], expected);
    assert.equal(signWooPayload('body', 'a&amp;b&lt;&#039;'), createHmac('sha256', "a&b<'").update('body').digest('base64'), 'keyed with wp_specialchars_decode(secret, ENT_QUOTES)');
    assert.deepEqual(
      ['source', 'topic', 'resource', 'event', 'id'].map((k) => delivery.headers[`x-wc-webhook-${k}`]),
      [h.site, 'order.created', 'order', 'created', String(id)],
    );
    assert.match(String(delivery.headers['x-wc-webhook-delivery-id']), /^[0-9a-f]{32}$/);
    assert.match(String(delivery.headers['user-agent']), /^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/);
    // PHP json_encode escapes slashes and non-ASCII; the signature covers those bytes.
    assert.ok(delivery.raw.includes('"sku":"DESK\\/120"'));
    assert.ok(delivery.raw.includes('H\\u00e6ves\\u00e6nkebord'));
    const body = JSON.parse(delivery.raw) as Order;
    assert.deepEqual([body.id, body.status], [order.id, 'processing']);
    await receiver.close();
  });

  it('coalesces quick updates into one delivery that carries the state at delivery time', async () => {
    await hook('order.updated');
    const order = await checkout({ status: 'pending' });
    for (const status of ['on-hold', 'processing', 'completed']) await h.control('POST', `/orders/${order.id}/status`, { status });
    const flushed = await flush();
    assert.deepEqual(
      flushed.map((d) => [d.topic, d.resource_id, d.state, d.coalesced]),
      [['order.updated', order.id, 'delivered', 2]],
    );
    assert.equal(receiver.received.length, 2);
    assert.equal((JSON.parse(receiver.received[1]?.raw ?? '{}') as Order).status, 'completed');
    await receiver.close();
  });

  it('delivers on its own after the queue delay', async () => {
    await h.control('PUT', '/settings', { deliveryDelayMs: 20 });
    await hook('order.updated');
    const order = await checkout({ status: 'pending' });
    await h.control('POST', `/orders/${order.id}/status`, { status: 'processing' });
    const deadline = Date.now() + 3_000;
    while (receiver.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(receiver.received.length, 2);
    await receiver.close();
  });

  it('never re-sends a failed delivery, counts failures and disables the webhook on the 7th in a row', async () => {
    const id = await hook('order.updated', [200, 500, 500, 500, 500, 500, 500, 500, 500]);
    const order = await checkout({ status: 'pending' });
    const seen: Array<[string, number]> = [];
    for (let i = 1; i <= 7; i++) {
      await h.control('POST', `/orders/${order.id}/status`, { status: i % 2 ? 'on-hold' : 'processing' });
      await flush();
      const state = await webhookState(id);
      seen.push([state?.status ?? '', state?.failure_count ?? -1]);
    }
    assert.deepEqual(seen, [
      ['active', 1],
      ['active', 2],
      ['active', 3],
      ['active', 4],
      ['active', 5],
      ['active', 6],
      ['disabled', 6],
    ]);
    assert.equal(receiver.received.length, 8, 'the ping and seven single attempts');
    await h.control('POST', `/orders/${order.id}/status`, { status: 'completed' });
    assert.deepEqual(await flush(), [], 'a disabled webhook queues nothing');
    const failed = (await h.control<{ deliveries: Delivery[] }>('GET', `/deliveries?webhook_id=${id}&topic=order.updated`)).json.deliveries;
    assert.deepEqual([failed.length, new Set(failed.map((d) => `${d.state}:${d.response_code}`))], [7, new Set(['failed:500'])]);
    await receiver.close();
  });

  it('resets the failure count on a success (200–302)', async () => {
    const id = await hook('order.updated', [200, 500, 500, 302]);
    const order = await checkout({ status: 'pending' });
    const counts: number[] = [];
    for (const status of ['on-hold', 'processing', 'completed']) {
      await h.control('POST', `/orders/${order.id}/status`, { status });
      await flush();
      counts.push((await webhookState(id))?.failure_count ?? -1);
    }
    assert.deepEqual(counts, [1, 2, 0]);
    await receiver.close();
  });

  it('fires order.created for a block-checkout checkout-draft order, then order.updated when it is placed', async () => {
    await hook('order.created');
    const updated = await startWooReceiver();
    await h.call('POST', '/webhooks', { topic: 'order.updated', delivery_url: updated.url, secret: 's2' });
    const draft = await h.control<{ draft: Order; order: Order }>('POST', '/checkout-draft', { lines: [{ sku: 'CHAIR-01', quantity: 1 }], complete: false });
    assert.equal(draft.json.order.status, 'checkout-draft');
    await flush();
    assert.equal((JSON.parse(receiver.received[1]?.raw ?? '{}') as Order).status, 'checkout-draft');
    await h.control('POST', `/orders/${draft.json.order.id}/status`, { status: 'processing' });
    await flush();
    assert.deepEqual(
      updated.received.slice(1).map((r) => [r.headers['x-wc-webhook-topic'], (JSON.parse(r.raw) as Order).status]),
      [['order.updated', 'processing']],
    );
    assert.equal(receiver.received.length, 2, 'order.created fired once');
    await updated.close();
    await receiver.close();
  });

  it('fires nothing for draft and auto-draft orders', async () => {
    await hook('order.created');
    await checkout({ status: 'draft' });
    await checkout({ status: 'auto-draft' });
    const pending = await checkout({ status: 'pending' });
    assert.deepEqual((await flush()).map((d) => [d.topic, d.resource_id]), [['order.created', pending.id]]);
    await receiver.close();
  });

  it('reduces stock when an order is paid and fires product.updated for the changed variation', async () => {
    await hook('product.updated');
    await checkout({ lines: [{ sku: 'LAMP-RED', quantity: 3 }] });
    const stock = (await h.control<{ stock: Array<{ stock_quantity: number }> }>('GET', '/stock?sku=LAMP-RED')).json.stock;
    assert.deepEqual(stock.map((s) => s.stock_quantity), [97]);
    await flush();
    const body = JSON.parse(receiver.received[1]?.raw ?? '{}') as { sku: string; type: string; stock_quantity: number };
    assert.deepEqual([body.sku, body.type, body.stock_quantity], ['LAMP-RED', 'variation', 97]);
    await receiver.close();
  });
});

interface RefundView {
  id: number;
  amount: string;
  reason: string;
  line_items: Array<{ id: number; sku: string; quantity: number; total: string; total_tax: string; taxes: Array<{ id: number; total: string }>; meta_data: Array<{ key: string; value: string }> }>;
  shipping_lines: Array<{ total: string; total_tax: string; meta_data: Array<{ key: string; value: string }> }>;
  fee_lines: unknown[];
}
type RefundedOrder = Order & { refunds: Array<{ id: number; reason: string; total: string }>; shipping_lines: Array<{ id: number; total: string; total_tax: string }>; total: string };

describe('WooCommerce simulator refunds (POST /orders/{id}/refunds, wc_create_refund)', () => {
  const refundOf = async (orderId: number, body: unknown) => h.call<RefundView & { code?: string }>('POST', `/orders/${orderId}/refunds`, body);
  const stockOf = async (sku: string) => (await h.control<{ stock: Array<{ stock_quantity: number }> }>('GET', `/stock?sku=${encodeURIComponent(sku)}`)).json.stock[0]?.stock_quantity;

  it('refunds one of two chairs and the shipping: negative items pointing at the order items, listed in the order, one signed order.updated, the chair back in stock', async () => {
    const id = await hook('order.updated');
    const order = (await checkout({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], shipping_line: { total: '39.20' } })) as RefundedOrder;
    await flush();
    const before = receiver.received.length;
    const stock = await stockOf('CHAIR-01');
    const chair = order.line_items[0]! as unknown as { id: number; total: string; total_tax: string };
    const ship = order.shipping_lines[0]!;
    // One chair: half the line, excl. tax, and its tax by rate id 1 (the standard rate), as the admin screen sends it.
    const half = (amount: string) => (Number(amount) / 2).toFixed(2);
    const res = await refundOf(order.id, {
      reason: 'one chair back',
      line_items: [
        { id: chair.id, quantity: 1, refund_total: half(chair.total), refund_tax: [{ id: 1, refund_total: half(chair.total_tax) }] },
        { id: ship.id, refund_total: ship.total, refund_tax: [{ id: 1, refund_total: ship.total_tax }] },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const refund = res.json;
    const expected = Number(half(chair.total)) + Number(half(chair.total_tax)) + Number(ship.total) + Number(ship.total_tax);
    assert.equal(refund.amount, expected.toFixed(2), 'the amount is computed from the items when none is given');
    assert.deepEqual(refund.line_items.map((l) => [l.sku, l.quantity, l.total, l.total_tax, l.taxes.map((t) => t.id), l.meta_data.find((m) => m.key === '_refunded_item_id')?.value]), [['CHAIR-01', -1, `-${half(chair.total)}`, `-${half(chair.total_tax)}`, [1], String(chair.id)]]);
    assert.deepEqual(refund.shipping_lines.map((s) => [s.total, s.total_tax, s.meta_data[0]?.value]), [[`-${ship.total}`, `-${ship.total_tax}`, String(ship.id)]]);
    assert.deepEqual(refund.fee_lines, []);

    const shown = (await h.call<RefundedOrder>('GET', `/orders/${order.id}`)).json;
    assert.deepEqual(shown.refunds, [{ id: refund.id, reason: 'one chair back', total: `-${refund.amount}` }]);
    assert.equal(shown.status, 'processing', 'a partial refund leaves the status');
    assert.deepEqual((await h.call<RefundView>('GET', `/orders/${order.id}/refunds/${refund.id}`)).json, refund);
    assert.deepEqual((await h.call<RefundView[]>('GET', `/orders/${order.id}/refunds`)).json.map((r) => r.id), [refund.id]);
    assert.equal(await stockOf('CHAIR-01'), (stock ?? 0) + 1, 'api_restock defaults to true');

    await flush();
    const updates = receiver.received.slice(before).filter((r) => r.headers['x-wc-webhook-topic'] === 'order.updated');
    assert.equal(updates.length, 1, 'one order.updated (woocommerce_order_refunded and the save coalesce)');
    const body = JSON.parse(updates[0]!.raw) as RefundedOrder;
    assert.deepEqual(body.refunds, shown.refunds, 'the delivery carries the refund list');
    assert.equal(String(updates[0]!.headers['x-wc-webhook-id']), String(id));
    await receiver.close();
  });

  it('refuses a negative amount (400) and more than is left (500, as the controller answers wc_create_refund errors); a full refund sets the order refunded', async () => {
    const order = (await checkout()) as RefundedOrder;
    assert.equal((await refundOf(order.id, { amount: '-1.00' })).json.code, 'woocommerce_rest_invalid_order_refund');
    const tooMuch = await refundOf(order.id, { amount: (Number(order.total) + 0.01).toFixed(2) });
    assert.deepEqual([tooMuch.status, tooMuch.json.code], [500, 'woocommerce_rest_cannot_create_order_refund']);
    const all = await refundOf(order.id, { amount: order.total, reason: '' });
    assert.equal(all.status, 201);
    assert.deepEqual(all.json.line_items, [], 'an amount without lines');
    assert.equal((await h.call<RefundedOrder>('GET', `/orders/${order.id}`)).json.status, 'refunded');
    assert.deepEqual([(await h.call<{ code: string }>('GET', `/orders/${order.id}/refunds/999999`)).json.code], ['woocommerce_rest_shop_order_refund_invalid_id']);
  });

  it('the sandbox control refunds picked quantities as the admin screen does: amounts pro rata by line, tax by rate id, the amount their sum', async () => {
    const order = (await checkout({ lines: [{ sku: 'CHAIR-01', quantity: 3 }, { sku: 'BOOK-DK', quantity: 1 }], shipping_line: { total: '39.20' } })) as RefundedOrder;
    const res = await h.control<{ refund: RefundView }>('POST', `/orders/${order.id}/refunds`, { lines: [{ sku: 'CHAIR-01', quantity: 1 }, { sku: 'BOOK-DK', quantity: 1 }], shipping: true, reason: 'retur' });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const { refund } = res.json;
    const chair = order.line_items.find((l) => l.sku === 'CHAIR-01')!;
    const third = (amount: string) => (Math.round(Number(amount) * 100 / 3) / 100).toFixed(2);
    assert.deepEqual(refund.line_items.map((l) => [l.sku, l.quantity, l.total, l.total_tax, l.taxes.map((t) => t.id)]), [['CHAIR-01', -1, `-${third(chair.total)}`, `-${third(chair.total_tax)}`, [1]], ['BOOK-DK', -1, '-' + order.line_items.find((l) => l.sku === 'BOOK-DK')!.total, '0.00', []]]);
    const sum = [...refund.line_items, ...refund.shipping_lines].reduce((n, l) => n - Math.round(Number(l.total) * 100) - Math.round(Number(l.total_tax) * 100), 0);
    assert.equal(Math.round(Number(refund.amount) * 100), sum, 'the amount is what the items give back');
    assert.equal((await h.control('POST', `/orders/${order.id}/refunds`, { lines: [{ sku: 'NOPE', quantity: 1 }] })).status, 400);
  });

  it('an order set to refunded by hand is refunded what is left, without lines; deleting a refund removes it and fires no webhook', async () => {
    await hook('order.updated');
    const order = (await checkout()) as RefundedOrder;
    await h.control('POST', `/orders/${order.id}/status`, { status: 'refunded' });
    const shown = (await h.call<RefundedOrder>('GET', `/orders/${order.id}`)).json;
    assert.deepEqual(shown.refunds.map((r) => [r.reason, r.total]), [['Order fully refunded.', `-${order.total}`]]);
    await flush();
    const before = receiver.received.length;
    const del = await h.call<RefundView>('DELETE', `/orders/${order.id}/refunds/${shown.refunds[0]!.id}?force=true`);
    assert.equal(del.status, 200);
    assert.deepEqual((await h.call<RefundedOrder>('GET', `/orders/${order.id}`)).json.refunds, []);
    assert.deepEqual(await flush(), [], 'no delivery is queued');
    assert.equal(receiver.received.length, before);
    await receiver.close();
  });
});
