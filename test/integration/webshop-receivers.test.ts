import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Secret } from '../../src/domain/secret';
import type { DevServer } from '../../src/temporal/dev-server';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { webshopRefundWorkflowId } from '../../src/workflows/webshop/refund-contract';
import { testConnection } from '../helpers/connections';
import { startTestTemporal } from '../helpers/temporal';
import { sandboxShopify, sandboxWooCommerce } from '../helpers/webshop-connection';

/* Signatures are computed here with node:crypto directly, not with the code under test. */
const SHOPIFY_SECRET = 'shpss_current_secret_for_tests';
const SHOPIFY_PREVIOUS = 'shpss_previous_secret_for_tests';
const WOO_SECRET = 'woo secret with spaces & symbols';
const BIG_ID = '820982911946154508';

const shopifyBody = (id = BIG_ID) => `{"id":${id},"name":"#1001","financial_status":"paid","line_items":[]}`;
const sign = (secret: string, body: string | Buffer) => createHmac('sha256', secret).update(body).digest('base64');

describe('webhook server: Shopify and WooCommerce deliveries', () => {
  let temporal: DevServer;
  let app: FastifyInstance;
  let base: string;

  const shopifyHeaders = (body: string, overrides: Record<string, string | undefined> = {}) => {
    const headers: Record<string, string | undefined> = {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': sign(SHOPIFY_SECRET, body),
      'x-shopify-topic': 'orders/paid',
      'x-shopify-shop-domain': 'rackbridge-demo.myshopify.com',
      'x-shopify-api-version': '2026-04',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  };
  const postShopify = async (body: string | Buffer, headers: Record<string, string>) => {
    const res = await fetch(`${base}/webhooks/shopify/shop`, { method: 'POST', headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const wooBody = (id: number, status: string, modified = '2026-11-22T10:00:00') => JSON.stringify({ id, status, date_modified_gmt: modified, line_items: [] });
  const postWoo = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/webhooks/woocommerce/shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-source': 'https://shop.example.dk/', 'x-wc-webhook-signature': sign(WOO_SECRET, body), ...headers },
      body,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  before(async () => {
    temporal = await startTestTemporal();
    const connection = {
      ...testConnection('shop'),
      shopify: { ...sandboxShopify('http://127.0.0.1:9'), apiSecrets: [new Secret(SHOPIFY_SECRET), new Secret(SHOPIFY_PREVIOUS)] },
      woocommerce: { ...sandboxWooCommerce('http://127.0.0.1:9'), webhookSecret: new Secret(WOO_SECRET) },
    };
    app = buildWebhookServer({ connections: [connection, testConnection('rackbeat-only')], client: temporal.env.client, tokenStore: new MemoryTokenStore() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await temporal.stop();
  });

  test('a valid Shopify delivery is recorded with its id intact (above 2^53), answered 202', async () => {
    const body = shopifyBody();
    const res = await postShopify(body, shopifyHeaders(body));
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.equal(res.json.workflowId, webshopOrderWorkflowId('shop', 'shopify', BIG_ID));
    const described = await temporal.env.client.workflow.getHandle(webshopOrderWorkflowId('shop', 'shopify', BIG_ID)).describe();
    assert.equal(described.type, 'webshopOrder');
  });

  const refusals: [string, () => { body: string | Buffer; headers: Record<string, string> }, number, string][] = [
    ['a wrong signature', () => ({ body: shopifyBody('1001'), headers: shopifyHeaders(shopifyBody('1001'), { 'x-shopify-hmac-sha256': sign('not-the-secret', shopifyBody('1001')) }) }), 401, 'invalid_signature'],
    ['a missing signature header', () => ({ body: shopifyBody('1002'), headers: shopifyHeaders(shopifyBody('1002'), { 'x-shopify-hmac-sha256': undefined }) }), 401, 'missing_signature'],
    [
      'a body altered by one byte after signing',
      () => {
        const signed = shopifyBody('1003');
        const altered = Buffer.from(signed);
        altered[altered.length - 2] = altered[altered.length - 2]! ^ 0x01;
        return { body: altered, headers: shopifyHeaders(signed) };
      },
      401,
      'invalid_signature',
    ],
    ['a missing webhook id', () => ({ body: shopifyBody('1004'), headers: shopifyHeaders(shopifyBody('1004'), { 'x-shopify-webhook-id': undefined }) }), 400, 'missing_header'],
    ['another shop', () => ({ body: shopifyBody('1005'), headers: shopifyHeaders(shopifyBody('1005'), { 'x-shopify-shop-domain': 'other.myshopify.com' }) }), 400, 'wrong_shop'],
  ];
  for (const [what, make, status, error] of refusals) {
    test(`Shopify: ${what} is refused with ${status} ${error}, and nothing is recorded`, async () => {
      const { body, headers } = make();
      const res = await postShopify(body, headers);
      assert.equal(res.status, status);
      assert.equal(res.json.error, error);
      assert.equal(typeof res.json.message, 'string');
      const id = /"id":(\d+)/.exec(Buffer.from(body).toString())![1]!;
      await assert.rejects(temporal.env.client.workflow.getHandle(webshopOrderWorkflowId('shop', 'shopify', id)).describe());
    });
  }

  test('Shopify: during a secret rotation, a delivery signed with the previous secret is accepted', async () => {
    const body = shopifyBody('2001');
    const res = await postShopify(body, shopifyHeaders(body, { 'x-shopify-hmac-sha256': sign(SHOPIFY_PREVIOUS, body) }));
    assert.equal(res.status, 202);
  });

  test('a connection without a shop section answers 404', async () => {
    const body = shopifyBody();
    const res = await fetch(`${base}/webhooks/shopify/rackbeat-only`, { method: 'POST', headers: shopifyHeaders(body), body });
    assert.equal(res.status, 404);
  });

  test('WooCommerce: the unsigned creation ping gets 200; a signed order delivery 202; a bad signature 401', async () => {
    const ping = await fetch(`${base}/webhooks/woocommerce/shop`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'webhook_id=12' });
    assert.equal(ping.status, 200);
    const ok = await postWoo(wooBody(77, 'processing'));
    assert.equal(ok.status, 202, JSON.stringify(ok.json));
    assert.equal(ok.json.workflowId, webshopOrderWorkflowId('shop', 'woocommerce', '77'));
    const bad = await postWoo(wooBody(78, 'processing'), { 'x-wc-webhook-signature': sign('wrong', wooBody(78, 'processing')) });
    assert.deepEqual([bad.status, bad.json.error], [401, 'invalid_signature']);
    const missing = await fetch(`${base}/webhooks/woocommerce/shop`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated' }, body: wooBody(79, 'processing') });
    assert.equal(missing.status, 401);
  });

  test('WooCommerce: an order.updated whose order lists refunds records the order change and one refund transfer per refund before the 202; malformed refunds are a 400 that starts nothing', async () => {
    const body = JSON.stringify({ id: 90, status: 'completed', date_modified_gmt: '2026-11-22T11:00:00', line_items: [], refunds: [{ id: 95, reason: '', total: '-10.00' }, { id: 94, reason: 'x', total: '-5.00' }] });
    const res = await postWoo(body);
    assert.equal(res.status, 202, JSON.stringify(res.json));
    const ids = [webshopOrderWorkflowId('shop', 'woocommerce', '90'), webshopRefundWorkflowId('shop', 'woocommerce', '95'), webshopRefundWorkflowId('shop', 'woocommerce', '94')];
    assert.deepEqual(res.json.woke, ids);
    for (const id of ids.slice(1)) assert.equal((await temporal.env.client.workflow.getHandle(id).describe()).type, 'webshopRefund');
    const bad = JSON.stringify({ id: 91, status: 'completed', date_modified_gmt: '2026-11-22T11:00:00', line_items: [], refunds: [{ reason: 'no id' }] });
    const refused = await postWoo(bad);
    assert.deepEqual([refused.status, refused.json.error], [400, 'invalid_payload']);
    await assert.rejects(temporal.env.client.workflow.getHandle(webshopOrderWorkflowId('shop', 'woocommerce', '91')).describe());
  });

  test('WooCommerce: a checkout-draft order is acknowledged 200 and starts nothing', async () => {
    const res = await postWoo(wooBody(88, 'checkout-draft'), { 'x-wc-webhook-topic': 'order.created' });
    assert.deepEqual([res.status, res.json.status], [200, 'ignored']);
    await assert.rejects(temporal.env.client.workflow.getHandle(webshopOrderWorkflowId('shop', 'woocommerce', '88')).describe());
  });
});
