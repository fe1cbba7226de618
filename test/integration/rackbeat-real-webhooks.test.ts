import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ClientRegistry } from '../../src/activities/clients';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import type { DevServer } from '../../src/temporal/dev-server';
import { buildWebhookServer } from '../../src/webhooks/server';
import { RackbeatWebhookRegistrar } from '../../src/webhooks/registrar';
import { rackbeatEventsFor } from '../../src/flows/rackbeat-sources';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import { Secret } from '../../src/domain/secret';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { testConnection } from '../helpers/connections';
import { sandboxConnection } from '../helpers/lifecycle';
import { startTestTemporal } from '../helpers/temporal';

const TOKEN = 'configured-token-0123456789abcdef';

async function post(base: string, event: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/webhooks/rackbeat/acme`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': TOKEN, 'rackbeat-webhook-event': event, 'user-agent': 'Rackbeat Webhook' },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('Rackbeat webhooks as Rackbeat sends them (real dev server)', () => {
  let temporal: DevServer;
  let app: FastifyInstance;
  let base: string;

  before(async () => {
    temporal = await startTestTemporal();
    app = buildWebhookServer({ connections: [testConnection('acme', { webhookTokens: [TOKEN] })], client: temporal.env.client, tokenStore: new MemoryTokenStore() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await temporal.stop();
  });

  test('hostile keys are answered 400 with a reason and start no workflow', async () => {
    const keys = [JSON.stringify('7'.repeat(3000)), '"abc"', '"../x"', '1.5', '-1', '1208925819614629174706176', '1e40', '9007199254740993'];
    for (const key of keys) {
      const res = await post(base, 'order.created', `{"key_name":"number","key":${key}}`);
      assert.equal(res.status, 400, `key ${key.slice(0, 20)} answered ${res.status}`);
      assert.equal(res.json.error, 'invalid_key');
      assert.match(String(res.json.message), /key/);
    }
    assert.equal((await temporal.env.client.workflow.count()).count, 0, 'no workflow was started');
  });

  test('two different events with byte-identical bodies both reach the transfer', async () => {
    const body = '{"key_name":"number","key":"1021"}';
    assert.equal((await post(base, 'order.created', body)).status, 202);
    assert.equal((await post(base, 'order.shipped', body)).status, 202);
    const history = await temporal.env.client.workflow.getHandle(orderWorkflowId('acme', '1021')).fetchHistory();
    const signalled = (history.events ?? []).flatMap((e) => {
      const input = e.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data;
      return input ? [(JSON.parse(Buffer.from(input).toString('utf8')) as { event: string }).event] : [];
    });
    assert.deepEqual(signalled, ['order.created', 'order.shipped']);
  });

  test('no input with a valid token is answered 5xx: 300 random bodies and event names', async () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const values = (): unknown => [null, true, 0, -1, 1.5, 1e308, '', 'x'.repeat(rnd(4000)), '1001', 'A/B#1', '../../etc', '\u0000', [], {}, { a: 1 }, 2 ** 60, '9'.repeat(30)][rnd(17)];
    const events = ['order.created', 'order.shipped', 'inventory.changed', 'product.deleted', 'customer.updated', 'lot.created', 'x', '', 'ORDER.CREATED', 'order..x', 'a.b.c.d', 'ø.å', 'e'.repeat(300)];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = {};
      for (const field of ['key', 'key_name', 'event', 'item', 'item_type', 'type', 'changed', 'converted_to_lot', 'data']) if (rnd(2)) body[field] = values();
      // Every fifth one is a good delivery, so acceptance is exercised among the noise.
      const good = i % 5 === 0;
      const raw = good ? `{"key_name":"number","key":"${5000 + i}"}` : rnd(10) === 0 ? '{"key": 1,' : JSON.stringify(rnd(8) === 0 ? values() : body);
      const res = await fetch(`${base}/webhooks/rackbeat/acme`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': TOKEN, 'rackbeat-webhook-event': good ? 'order.created' : events[rnd(events.length)]! },
        body: raw,
      });
      statuses.add(res.status);
      const text = await res.text();
      assert.ok(res.status < 500, `answered ${res.status} to ${raw.slice(0, 200)}: ${text}`);
    }
    assert.ok(statuses.has(400) && (statuses.has(202) || statuses.has(200)), `statuses seen: ${[...statuses].join(', ')}`);
  });

  test('inventory.changed of a non-product item is acknowledged and starts nothing', async () => {
    const res = await post(base, 'inventory.changed', '{"item":"SET-1","item_type":"lot","type":"stock"}');
    assert.ok(res.status === 200 || res.status === 202);
    assert.equal(res.json.status, 'ignored');
  });
});

describe('Rackbeat webhook registration is never fatal', () => {
  let temporal: DevServer;
  let sandbox: Sandbox;
  let app: FastifyInstance;

  before(async () => {
    temporal = await startTestTemporal();
    sandbox = await (async () => {
      const s = createSandbox({ rateLimits: { rackbeat: { limit: 0, windowMs: 1000 } } });
      await s.listen(0);
      return s;
    })();
  });
  after(async () => {
    await app?.close();
    await sandbox.close();
    await temporal.stop();
  });

  test('under a 429 storm and with one event name refused, the receiver serves and the rest registers once the limit clears', async () => {
    const url = sandbox.url();
    const control = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${url}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    };
    // 429 (Retry-After 1 s) on the first six registrations, and Rackbeat refuses order.shipped.
    await control('POST', '/faults', { system: 'rackbeat', kind: 'rate-limit', match: { method: 'POST', path: '^/webhooks$' }, count: 6, retryAfterSeconds: 1 });
    await control('PUT', '/rackbeat/settings', { refusedWebhookEvents: ['order.shipped'] });
    const connection = { ...sandboxConnection('acme', url, {}), rackbeat: { ...sandboxConnection('acme', url, {}).rackbeat, webhookTokens: [new Secret(TOKEN)] } };
    const tokenStore = new MemoryTokenStore();
    const clients = new ClientRegistry([connection]);
    const registrar = new RackbeatWebhookRegistrar({ connections: [connection], rackbeatOf: (id) => clients.get(id).rackbeat, publicUrl: 'http://127.0.0.1:9', tokenStore, initialBackoffMs: 100 });
    app = buildWebhookServer({ connections: [connection], client: temporal.env.client, tokenStore, registrationStatus: () => registrar.status() });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    registrar.start();

    // Serving while registration waits for the limit.
    const during = await post(base, 'order.created', '{"key_name":"number","key":"77"}');
    assert.equal(during.status, 202);
    await registrar.settled();
    const status = registrar.status().acme!;
    const wanted = rackbeatEventsFor(connection);
    for (const event of wanted) assert.equal(status[event]?.state, event === 'order.shipped' ? 'refused' : 'registered', `${event}: ${JSON.stringify(status[event])}`);
    assert.match(status['order.shipped']?.reason ?? '', /event/);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { ok: boolean; rackbeatWebhooks: Record<string, Record<string, { state: string }>> };
    assert.equal(ready.ok, true);
    assert.equal(ready.rackbeatWebhooks.acme?.['order.shipped']?.state, 'refused');
    const res = await fetch(`${url}/_sandbox/rackbeat/webhooks`);
    const registered = ((await res.json()) as { webhooks: { event: string }[] }).webhooks.map((w) => w.event).sort();
    assert.deepEqual(registered, wanted.filter((e) => e !== 'order.shipped').sort());
    // Still serving afterwards, with a token registration produced.
    const stored = tokenStore.tokens('acme');
    assert.equal(stored.length, wanted.length - 1);
    registrar.stop();
  });
});
