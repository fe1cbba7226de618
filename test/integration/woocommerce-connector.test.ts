import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuthError, NotFoundError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';
import { faultSchema } from '../../src/sandbox/common/faults';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import { WooCommerceClient, type WooOrderStatus } from '../../src/connectors/woocommerce';
import { wooAuthMethod } from '../../src/connectors/woocommerce/client';
import { startWooCommerce, startWooReceiver, type WooHarness } from '../helpers/woocommerce';

let h: WooHarness;

before(async () => {
  h = await startWooCommerce({ deliveryDelayMs: 60_000, deliveryTimeoutMs: 2_000 });
});
after(async () => h.close());
beforeEach(async () => {
  h.reset();
  await h.control('PUT', '/settings', { deliveryDelayMs: 60_000, maxDeliveryFailures: 5, batchLimit: 100 });
});

async function checkout(body: Record<string, unknown> = {}): Promise<{ id: number }> {
  const res = await h.control<{ id: number }>('POST', '/orders', { lines: [{ sku: 'CHAIR-01', quantity: 1 }], ...body });
  assert.equal(res.status, 201);
  return res.json;
}

function client(overrides: Partial<ConstructorParameters<typeof WooCommerceClient>[0]> = {}): WooCommerceClient {
  const { consumerKey, consumerSecret } = WOOCOMMERCE_SANDBOX_CREDENTIALS;
  return new WooCommerceClient({ baseUrl: h.site, consumerKey, consumerSecret, timeoutMs: 5_000, ...overrides });
}

const batchSizes = () =>
  h
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith('/batch'))
    .map((r) => [r.path, ((r.body as { update?: unknown[] }).update ?? []).length]);

describe('WooCommerce connector against the simulator', () => {
  it('reads an order with its lines, money as strings and the line price as a number', async () => {
    const { id } = await checkout({ lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'LAMP-RED', quantity: 1 }], shipping_line: { total: '39.20' } });
    const order = await h.client.getOrder(id);
    assert.deepEqual(
      { number: order.number, status: order.status, total: order.total, shipping_total: order.shipping_total, customer_id: order.customer_id },
      { number: String(id), status: 'processing', total: '2357.75', shipping_total: '39.20', customer_id: 0 },
    );
    assert.deepEqual(
      order.line_items.map((l) => [l.sku, l.quantity, l.price, l.variation_id > 0]),
      [
        ['CHAIR-01', 2, 799, false],
        ['LAMP-RED', 1, 249, true],
      ],
    );
  });

  it('turns 404 into NotFoundError and bad keys into AuthError without leaking the secret', async () => {
    await assert.rejects(h.client.getOrder(4242), (err: unknown) => {
      assert.ok(err instanceof NotFoundError);
      assert.match(err.message, /woocommerce_rest_shop_order_invalid_id: Invalid ID\..*GET .*\/wp-json\/wc\/v3\/orders\/4242 → 404/);
      return true;
    });
    await assert.rejects(client({ consumerSecret: 'cs_wrong-secret-value' }).getOrder(1), (err: unknown) => {
      assert.ok(err instanceof AuthError);
      // Over plain HTTP a wrong secret shows as a signature WooCommerce cannot reproduce.
      assert.match(err.message, /woocommerce_rest_authentication_error: Invalid signature - provided signature does not match\./);
      assert.doesNotMatch(err.message, new RegExp(`cs_wrong|${WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey}`));
      return true;
    });
  });

  it('signs over plain HTTP with OAuth 1.0a (HMAC-SHA256 by default, HMAC-SHA1 on request) and sends no Authorization header', async () => {
    h.ctx.log.clear();
    await client().findProductsBySku('CHAIR-01');
    await client({ oauthSignatureMethod: 'HMAC-SHA1' }).findProductsBySku('CHAIR-01');
    const [sha256, sha1] = h.requests();
    assert.deepEqual([sha256?.query, sha1?.query].map((q) => (q as Record<string, string>).oauth_signature_method), ['HMAC-SHA256', 'HMAC-SHA1']);
    assert.equal(wooAuthMethod('https://shop.example.dk'), 'basic');
    assert.equal(wooAuthMethod(h.site), 'oauth1');
  });

  it('refuses a webhook secret holding an HTML entity, which WooCommerce would sign decoded', async () => {
    await assert.rejects(h.client.createWebhook({ name: 'x', topic: 'order.updated', delivery_url: 'http://127.0.0.1:1/hook', secret: 'a&amp;b' }), (err: unknown) => err instanceof RejectedRequestError && /wp_specialchars_decode/.test(err.message));
    assert.equal(h.requests().filter((r) => r.method === 'POST').length, 0);
  });

  it('turns an injected 503 into a retryable UpstreamUnavailableError', async () => {
    const { id } = await checkout();
    h.ctx.faults.add(faultSchema.parse({ system: 'woocommerce', kind: 'status', status: 503, match: { method: 'GET', path: '^/wp-json/wc/v3/orders/' } }));
    await assert.rejects(h.client.getOrder(id), (err: unknown) => {
      assert.ok(err instanceof UpstreamUnavailableError);
      assert.equal(err.retryable, true);
      assert.match(err.message, /HTTP 503: internal_server_error/);
      return true;
    });
    assert.deepEqual(h.ctx.faults.pending('woocommerce'), []);
    assert.equal((await h.client.getOrder(id)).id, id);
  });

  it('reports rest_invalid_param with the parameter as a field issue', async () => {
    const { id } = await checkout();
    await assert.rejects(h.client.updateOrderStatus(id, 'shipped' as WooOrderStatus), (err: unknown) => {
      assert.ok(err instanceof RejectedRequestError);
      assert.deepEqual(err.issues.map((i) => [i.path, i.code]), [['status', 'rest_invalid_param']]);
      return true;
    });
  });

  it('completes an order with PUT status and the shop fires order.updated', async () => {
    const { id } = await checkout();
    const receiver = await startWooReceiver();
    await h.client.createWebhook({ topic: 'order.updated', delivery_url: receiver.url, secret: 'x' });
    const order = await h.client.updateOrderStatus(id, 'completed');
    assert.equal(order.status, 'completed');
    assert.notEqual(order.date_completed_gmt, null);
    await h.control('POST', '/deliveries/flush');
    assert.deepEqual(receiver.received.slice(1).map((r) => r.headers['x-wc-webhook-topic']), ['order.updated']);
    assert.deepEqual(h.requests().find((r) => r.method === 'PUT')?.body, { status: 'completed' });
    await receiver.close();
  });

  it('pages through every order modified after a time, in GMT, oldest change first', async () => {
    await checkout({ created_at: '2026-01-05T12:00:00Z' });
    await checkout({ created_at: '2026-01-06T12:00:00Z' });
    const recent: number[] = [];
    for (let i = 0; i < 5; i++) recent.push((await checkout({ created_at: `2026-02-0${i + 1}T12:00:00Z` })).id);
    h.ctx.log.clear();
    const orders = await client().listOrdersModifiedAfter(new Date('2026-01-31T23:00:00Z'), { perPage: 2 });
    assert.deepEqual(
      orders.map((o) => o.id),
      recent,
    );
    const queries = h.requests().map((r) => r.query as Record<string, string>);
    for (const q of queries) assert.deepEqual([q.oauth_consumer_key, q.oauth_signature_method, /^[0-9a-f]{32}$/.test(q.oauth_nonce ?? ''), 'consumer_secret' in q], [WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, 'HMAC-SHA256', true, false]);
    assert.deepEqual(
      queries.map((q) => Object.fromEntries(Object.entries(q).filter(([k]) => !k.startsWith('oauth_')))),
      [1, 2, 3].map((page) => ({ modified_after: '2026-01-31T23:00:00', dates_are_gmt: 'true', orderby: 'modified', order: 'asc', per_page: '2', page: String(page) })),
    );
  });

  it('finds simple products and variations by SKU', async () => {
    const chair = await h.client.findProductsBySku('CHAIR-01');
    const red = await h.client.findProductsBySku('LAMP-RED');
    assert.deepEqual(
      [...chair, ...red].map((m) => [m.sku, m.variationId === undefined ? 'simple' : 'variation', m.manageStock, m.stockQuantity]),
      [
        ['CHAIR-01', 'simple', true, 40],
        ['LAMP-RED', 'variation', true, 100],
      ],
    );
    const parent = (await h.call<Array<{ id: number; variations: number[] }>>('GET', '/products?sku=LAMP')).json[0];
    assert.deepEqual([red[0]?.productId, parent?.variations.includes(red[0]?.variationId ?? -1)], [parent?.id, true]);
    assert.deepEqual(await h.client.findProductsBySku('NO-SUCH-SKU'), []);
  });

  it('splits 250 stock updates into 3 batch calls of at most 100', async () => {
    const ids: number[] = [];
    for (let chunk = 0; chunk < 3; chunk++) {
      const create = Array.from({ length: chunk < 2 ? 100 : 50 }, (_, i) => ({ name: `Bulk ${chunk * 100 + i}`, sku: `BULK-${chunk * 100 + i}`, regular_price: '10.00' }));
      const res = await h.call<{ create: Array<{ id: number }> }>('POST', '/products/batch', { create });
      ids.push(...res.json.create.map((p) => p.id));
    }
    h.ctx.log.clear();
    const result = await h.client.batchUpdateStock(ids.map((productId, i) => ({ productId, quantity: i })));
    assert.deepEqual([result.calls, result.updated.length, result.failed], [3, 250, []]);
    assert.deepEqual(batchSizes(), [
      ['/wp-json/wc/v3/products/batch', 100],
      ['/wp-json/wc/v3/products/batch', 100],
      ['/wp-json/wc/v3/products/batch', 50],
    ]);
    const stock = (await h.control<{ stock: Array<{ sku: string; manage_stock: boolean; stock_quantity: number }> }>('GET', '/stock?sku=BULK-249')).json.stock;
    assert.deepEqual(stock.map((s) => [s.sku, s.manage_stock, s.stock_quantity]), [['BULK-249', true, 249]]);
  });

  it('writes variations through the parent batch and returns item errors as failures', async () => {
    const [red] = await h.client.findProductsBySku('LAMP-RED');
    const [green] = await h.client.findProductsBySku('LAMP-GREEN');
    const [service] = await h.client.findProductsBySku('SRV-INSTALL');
    assert.ok(red && green && service);
    h.ctx.log.clear();
    const result = await h.client.batchUpdateStock([
      { productId: red.productId, variationId: red.variationId, quantity: 7 },
      { productId: service.productId, quantity: 3 },
      { productId: 9999, quantity: 1 },
      { productId: green.productId, variationId: green.variationId, quantity: 2 },
    ]);
    // Groups go out in the order their first item came.
    assert.deepEqual(batchSizes(), [
      [`/wp-json/wc/v3/products/${red.productId}/variations/batch`, 2],
      ['/wp-json/wc/v3/products/batch', 2],
    ]);
    assert.deepEqual(result.failed, [{ productId: 9999, quantity: 1, code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.' }]);
    const stock = await Promise.all(['LAMP-RED', 'LAMP-GREEN', 'SRV-INSTALL'].map((sku) => h.client.findProductsBySku(sku)));
    assert.deepEqual(stock.flat().map((m) => [m.sku, m.stockQuantity, m.stockStatus]), [
      ['LAMP-RED', 7, 'instock'],
      ['LAMP-GREEN', 2, 'instock'],
      ['SRV-INSTALL', 3, 'instock'],
    ]);
  });

  it('reports a 413 as a rejection that names the batch limit', async () => {
    const tooBig = client({ batchLimit: 150 });
    await assert.rejects(tooBig.batchUpdateStock(Array.from({ length: 150 }, (_, i) => ({ productId: 11 + i, quantity: 1 }))), (err: unknown) => {
      assert.ok(err instanceof RejectedRequestError);
      assert.equal(err.request?.status, 413);
      assert.match(err.message, /woocommerce_rest_request_entity_too_large: Unable to accept more than 100 items/);
      assert.match(err.message, /batch limit .* 150/);
      return true;
    });
  });

  it('lists webhooks and re-activates one the shop disabled after failed deliveries', async () => {
    const receiver = await startWooReceiver([200, 500, 500, 500, 500, 500, 500, 500]);
    const created = await h.client.createWebhook({ name: 'rackbridge orders', topic: 'order.updated', delivery_url: receiver.url, secret: 'sekret' });
    assert.deepEqual([created.status, created.resource, created.event], ['active', 'order', 'updated']);
    const { id } = await checkout({ status: 'pending' });
    for (let i = 0; i < 7; i++) {
      await h.control('POST', `/orders/${id}/status`, { status: i % 2 ? 'processing' : 'on-hold' });
      await h.control('POST', '/deliveries/flush');
    }
    assert.deepEqual((await h.client.listWebhooks('disabled')).map((w) => w.id), [created.id]);
    const again = await h.client.reactivateWebhook(created.id);
    assert.equal(again.status, 'active');
    const state = (await h.control<{ webhooks: Array<{ id: number; failure_count: number }> }>('GET', '/webhooks-state')).json.webhooks;
    assert.deepEqual(state.map((w) => [w.id, w.failure_count]), [[created.id, 0]]);
    assert.deepEqual((await h.client.listWebhooks()).map((w) => [w.id, w.status]), [[created.id, 'active']]);
    await receiver.close();
  });
});
