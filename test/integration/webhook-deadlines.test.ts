import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { Secret } from '../../src/domain/secret';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify/credentials';
import type { DevServer } from '../../src/temporal/dev-server';
import { ANSWER_BUDGET_MS, SENDER_TIMEOUT_MS, type WebhookSource } from '../../src/webhooks/answer-budget';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import { testConnection } from '../helpers/connections';
import { type ProxyMode, TcpProxy } from '../helpers/tcp-proxy';
import { startTestTemporal } from '../helpers/temporal';
import { sandboxShopify, sandboxWooCommerce } from '../helpers/webshop-connection';

/* Signatures are computed here with node:crypto directly, not with the code under test. */
const SHOPIFY_SECRET = 'shpss_deadline_tests';
const WOO_SECRET = 'woo deadline secret';
const RACKBEAT_TOKEN = 'deadline-token-0123456789abcdef';
const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64');

/** One signed delivery per source, each for its own document so none de-duplicates another. */
function deliveryFor(source: WebhookSource, id: number): { path: string; headers: Record<string, string>; body: string } {
  switch (source) {
    case 'shopify': {
      const body = `{"id":${id},"name":"#${id}","financial_status":"paid","line_items":[]}`;
      return {
        path: '/webhooks/shopify/shop',
        body,
        headers: {
          'content-type': 'application/json',
          'x-shopify-hmac-sha256': sign(SHOPIFY_SECRET, body),
          'x-shopify-topic': 'orders/paid',
          'x-shopify-shop-domain': SHOPIFY_SANDBOX_CREDENTIALS.shopDomain,
          'x-shopify-api-version': '2026-04',
          'x-shopify-webhook-id': `deadline-${id}`,
        },
      };
    }
    case 'woocommerce': {
      const body = JSON.stringify({ id, status: 'processing', date_modified_gmt: '2026-11-22T10:00:00', line_items: [] });
      return {
        path: '/webhooks/woocommerce/shop',
        body,
        headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-source': 'https://shop.example.dk/', 'x-wc-webhook-signature': sign(WOO_SECRET, body) },
      };
    }
    case 'rackbeat':
      return {
        path: '/webhooks/rackbeat/shop',
        body: JSON.stringify({ key: id, key_name: 'number', event: 'order.booked', data: { number: id } }),
        headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': RACKBEAT_TOKEN },
      };
  }
}

const SOURCES: WebhookSource[] = ['shopify', 'rackbeat', 'woocommerce'];

describe('webhook receivers answer inside their senders\' deadlines while Temporal is unreachable', () => {
  let temporal: DevServer;
  let proxy: TcpProxy;
  let connection: Connection;
  let app: FastifyInstance;
  let base: string;
  let nextId = 5_000;

  /** Sends like the sender does and times until the whole answer is read: the sender's view. */
  const send = async (source: WebhookSource): Promise<{ source: WebhookSource; status: number; ms: number }> => {
    const d = deliveryFor(source, nextId++);
    const t0 = performance.now();
    const res = await fetch(`${base}${d.path}`, { method: 'POST', headers: d.headers, body: d.body, signal: AbortSignal.timeout(SENDER_TIMEOUT_MS[source]) });
    await res.arrayBuffer();
    return { source, status: res.status, ms: performance.now() - t0 };
  };
  const outage = async (mode: ProxyMode, perSource: number) => {
    proxy.set(mode);
    try {
      return await Promise.all(SOURCES.flatMap((source) => Array.from({ length: perSource }, () => send(source))));
    } finally {
      proxy.set('forward');
    }
  };
  const assertInBudget = (answers: { source: WebhookSource; status: number; ms: number }[]) => {
    for (const a of answers) {
      assert.equal(a.status, 503, `${a.source} answered ${a.status}`);
      assert.ok(a.ms < ANSWER_BUDGET_MS[a.source], `${a.source} answered after ${Math.round(a.ms)} ms; budget ${ANSWER_BUDGET_MS[a.source]} ms`);
    }
  };

  before(async () => {
    temporal = await startTestTemporal();
    const [host = '127.0.0.1', port = '7233'] = temporal.address.split(':');
    proxy = new TcpProxy({ host, port: Number(port) });
    connection = await Connection.connect({ address: await proxy.listen() });
    const shop = {
      ...testConnection('shop', { webhookTokens: [RACKBEAT_TOKEN] }),
      shopify: { ...sandboxShopify('http://127.0.0.1:9'), apiSecrets: [new Secret(SHOPIFY_SECRET)] },
      woocommerce: { ...sandboxWooCommerce('http://127.0.0.1:9'), webhookSecret: new Secret(WOO_SECRET) },
    };
    app = buildWebhookServer({ connections: [shop], client: new Client({ connection }), tokenStore: new MemoryTokenStore() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await connection.close();
    await proxy.close();
    await temporal.stop();
  });

  test('with Temporal reachable through the proxy, every source is accepted (the harness itself works)', async () => {
    const answers = await Promise.all(SOURCES.map((s) => send(s)));
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202]);
  });

  test('a hung Temporal (connections open, no bytes): each source gets 503 inside its budget', async () => {
    assertInBudget(await outage('black-hole', 1));
  });

  test('a stopped Temporal (connections refused): each source gets 503 inside its budget', async () => {
    assertInBudget(await outage('refuse', 1));
  });

  test('during a storm of 150 concurrent deliveries to a hung Temporal, every answer is still inside its budget', async () => {
    const answers = await outage('black-hole', 50);
    assertInBudget(answers);
    const slowest = Math.max(...answers.filter((a) => a.source === 'shopify').map((a) => a.ms));
    assert.ok(slowest < SENDER_TIMEOUT_MS.shopify - 1_000, `slowest Shopify answer ${Math.round(slowest)} ms`);
  });

  test('once Temporal is reachable again, deliveries are accepted', async () => {
    const answers = await Promise.all(SOURCES.map((s) => send(s)));
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202]);
  });
});
