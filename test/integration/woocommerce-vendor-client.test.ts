import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import WooCommerceRestApi from '@woocommerce/woocommerce-rest-api';
import { generate } from 'selfsigned';
import { WOOCOMMERCE_REST_NAMESPACE } from '../../src/connectors/woocommerce';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce';
import { startWooCommerce, type WooHarness } from '../helpers/woocommerce';

/**
 * WooCommerce's own JS client (`@woocommerce/woocommerce-rest-api`) against the simulator. The client
 * picks its auth from the URL's scheme, as WooCommerce's PHP picks it from `is_ssl()`: OAuth 1.0a
 * (HMAC-SHA256, in the query) for http://, HTTP Basic for https://.
 */
let h: WooHarness;
let tls: { port: number; ca: string; close(): Promise<void> };

/**
 * A TLS-terminating reverse proxy in front of the site, as nginx or a load balancer: real TLS (a
 * certificate made for 127.0.0.1 at test time), forwarding to the simulator over plain HTTP with
 * `X-Forwarded-Proto: https`. Whether WordPress then counts the request as HTTPS is the site's
 * choice (`trustForwardedProto`, the wp-config snippet); the client cannot tell.
 */
async function startTlsTerminator(target: string): Promise<{ port: number; ca: string; close(): Promise<void> }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    algorithm: 'sha256',
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const upstream = new URL(target);
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, ca: pems.cert, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

before(async () => {
  h = await startWooCommerce({ deliveryDelayMs: 0 });
  tls = await startTlsTerminator(h.site);
});
after(async () => {
  await tls.close();
  await h.close();
});
beforeEach(async () => {
  h.reset();
  await h.control('PUT', '/settings', { https: false, trustForwardedProto: false });
});

const credentials = { consumerKey: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, consumerSecret: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerSecret };

function overHttps(consumerSecret: string = credentials.consumerSecret): WooCommerceRestApi {
  return new WooCommerceRestApi({
    url: `https://127.0.0.1:${tls.port}${new URL(h.site).pathname}`,
    consumerKey: credentials.consumerKey,
    consumerSecret,
    version: WOOCOMMERCE_REST_NAMESPACE,
    // Trusts exactly the terminator's certificate (no verification switched off).
    axiosConfig: { httpsAgent: new https.Agent({ ca: tls.ca }) },
  });
}

interface Answer {
  status: number;
  data: unknown;
}

/** The client answers axios responses typed `any`; read them as what they are. */
async function answer(call: unknown): Promise<Answer> {
  return await (call as Promise<Answer>);
}

async function refusal(call: unknown): Promise<{ status: number; data: unknown }> {
  try {
    await call;
  } catch (err) {
    const response = (err as { response?: { status: number; data: unknown } }).response;
    if (response) return { status: response.status, data: response.data };
    throw err;
  }
  throw new Error('the call was expected to be refused');
}

describe('@woocommerce/woocommerce-rest-api against the WooCommerce simulator', () => {
  it('over plain HTTP signs every call with OAuth 1.0a and lists, creates, updates, reads and deletes', async () => {
    const api = new WooCommerceRestApi({ url: h.site, ...credentials, version: WOOCOMMERCE_REST_NAMESPACE });
    const listed = await answer(api.get('products', { per_page: 5, orderby: 'id', order: 'asc' }));
    assert.equal(listed.status, 200);
    assert.ok(Array.isArray(listed.data) && listed.data.length > 0);
    const created = await answer(api.post('products', { name: 'Vendor-client stool', type: 'simple', regular_price: '199.00', sku: 'VENDOR-STOOL', manage_stock: true, stock_quantity: 4 }));
    assert.equal(created.status, 201);
    const id = (created.data as { id: number }).id;
    const updated = await answer(api.put(`products/${id}`, { stock_quantity: 9 }));
    assert.equal((updated.data as { stock_quantity: number }).stock_quantity, 9);
    assert.equal(((await answer(api.get(`products/${id}`))).data as { sku: string }).sku, 'VENDOR-STOOL');
    assert.equal((await answer(api.get('orders', { status: 'processing' }))).status, 200);
    assert.equal((await answer(api.delete(`products/${id}`, { force: true }))).status, 200);
    const sent = h.requests();
    assert.ok(sent.length >= 6 && sent.every((r) => r.status !== 401), 'no call may be refused');
  });

  it('over HTTPS (behind a TLS-terminating proxy the site trusts) authenticates with HTTP Basic', async () => {
    await h.control('PUT', '/settings', { trustForwardedProto: true });
    const listed = await answer(overHttps().get('products', { per_page: 2 }));
    assert.equal(listed.status, 200);
    assert.equal((listed.data as unknown[]).length, 2);
    const wrong = await refusal(overHttps('cs_wrong').get('products'));
    assert.deepEqual(wrong, { status: 401, data: { code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', data: { status: 401 } } });
  });

  it('ignores Basic when is_ssl() is false: behind a proxy the site does not trust, the request stays anonymous', async () => {
    const ignored = await refusal(overHttps().get('products'));
    assert.deepEqual(ignored, { status: 401, data: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } } });
  });
});
