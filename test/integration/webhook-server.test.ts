import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../../src/workflows/common/search-attributes';
import type { DevServer } from '../../src/temporal/dev-server';
import { buildWebhookServer, WEBHOOK_BODY_LIMIT_BYTES } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import { Secret } from '../../src/domain/secret';
import { testConnection } from '../helpers/connections';
import { freePort, startTestTemporal } from '../helpers/temporal';

const TOKEN = 'configured-token-0123456789abcdef';
const STORED_TOKEN = 'registered-token-fedcba9876543210';

function delivery(event: string, key: number | string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ key, key_name: 'number', event, data: { number: key }, ...extra });
}

async function post(base: string, connectionId: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/webhooks/rackbeat/${connectionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': TOKEN, ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function signalsOf(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes?.signalName ? [e.workflowExecutionSignaledEventAttributes.signalName] : []));
}

describe('webhook server: Rackbeat deliveries', () => {
  let temporal: DevServer;
  let app: FastifyInstance;
  let base: string;

  before(async () => {
    temporal = await startTestTemporal();
    const tokenStore = new MemoryTokenStore();
    tokenStore.set('acme', 'order.booked', new Secret(STORED_TOKEN));
    app = buildWebhookServer({ connections: [testConnection('acme', { webhookTokens: [TOKEN] })], client: temporal.env.client, tokenStore });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await temporal.stop();
  });

  test('a good delivery is answered 202 only after Temporal recorded the signal-with-start (no worker needed)', async () => {
    const res = await post(base, 'acme', delivery('order.booked', 1042));
    assert.equal(res.status, 202);
    assert.deepEqual(res.json, { status: 'accepted', workflowId: 'order:acme:1042' });
    const handle = temporal.env.client.workflow.getHandle('order:acme:1042');
    const description = await handle.describe();
    assert.equal(description.type, 'orderLifecycle');
    assert.equal(description.status.name, 'RUNNING');
    assert.equal(description.typedSearchAttributes.get(ConnectionIdKey), 'acme');
    assert.equal(description.typedSearchAttributes.get(FlowKey), 'order');
    assert.equal(description.typedSearchAttributes.get(SourceRefKey), 'rackbeat:order:1042');
    assert.equal(description.typedSearchAttributes.get(TransferStageKey), 'RECEIVED');
    assert.equal(await description.staticSummary(), 'Rackbeat order 1042 → e-conomic');
    assert.deepEqual(await signalsOf(temporal.env.client, 'order:acme:1042'), ['orderEvent']);
  });

  test('a token registered at start-up (token store) is accepted too', async () => {
    const res = await post(base, 'acme', delivery('order.updated', 1043), { 'rackbeat-webhook-token': STORED_TOKEN });
    assert.equal(res.status, 202);
  });

  test('ten concurrent copies of one delivery meet one workflow', async () => {
    const body = delivery('order.booked', 2001);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(base, 'acme', body)));
    assert.deepEqual(answers.map((a) => a.status), Array(10).fill(202));
    const runs = [];
    for await (const wf of temporal.env.client.workflow.list({ query: `WorkflowId = 'order:acme:2001'` })) runs.push(wf.runId);
    assert.equal(runs.length, 1);
  });

  const refusals: [string, () => Promise<{ status: number; json: Record<string, unknown> }>, number, string][] = [
    ['a wrong token is refused with 401', () => post(base, 'acme', delivery('order.booked', 3001), { 'rackbeat-webhook-token': 'wrong' }), 401, 'invalid_token'],
    ['a missing token is refused with 401', () => post(base, 'acme', delivery('order.booked', 3002), { 'rackbeat-webhook-token': '' }), 401, 'missing_token'],
    ['an unknown connection is refused with 404', () => post(base, 'nobody', delivery('order.booked', 3003)), 404, 'unknown_connection'],
    ['malformed JSON is refused with 400', () => post(base, 'acme', '{"key": 1, "event": '), 400, 'invalid_json'],
    ['a body that is not a Rackbeat payload is refused with 400', () => post(base, 'acme', JSON.stringify({ event: 'order.booked' })), 400, 'invalid_payload'],
    ['a key that cannot be a Rackbeat number is refused with 400', () => post(base, 'acme', delivery('order.created', '../3004')), 400, 'invalid_key'],
    ['an oversize body is refused with 413', () => post(base, 'acme', Buffer.alloc(WEBHOOK_BODY_LIMIT_BYTES + 1, 'a')), 413, 'payload_too_large'],
  ];
  for (const [name, send, status, error] of refusals) {
    test(name, async () => {
      const res = await send();
      assert.equal(res.status, status);
      assert.equal(res.json.error, error);
      assert.equal(typeof res.json.message, 'string');
    });
  }

  test('a refused delivery starts no workflow', async () => {
    for (const id of [3001, 3002, 3003, 3004, '..%2F3004']) {
      await assert.rejects(temporal.env.client.workflow.getHandle(`order:acme:${id}`).describe(), /not found/i);
    }
  });

  test('the schema error names the missing field', async () => {
    const res = await post(base, 'acme', JSON.stringify({ event: 'order.booked' }));
    assert.deepEqual(res.json.issues, [{ path: 'key', message: 'key is required: the number of the order the event is about' }]);
  });

  test('the Rackbeat-Webhook-Event header wins over an event in the body', async () => {
    const res = await post(base, 'acme', delivery('order.booked', 3005), { 'rackbeat-webhook-event': 'order.shipped' });
    assert.equal(res.status, 202);
    const history = await temporal.env.client.workflow.getHandle('order:acme:3005').fetchHistory();
    const signal = history.events?.find((e) => e.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes;
    assert.equal((JSON.parse(Buffer.from(signal!.input!.payloads![0]!.data!).toString('utf8')) as { event: string }).event, 'order.shipped');
  });

  test('events no flow handles yet are acknowledged as ignored, not silently accepted', async () => {
    const res = await post(base, 'acme', delivery('payment_terms.updated', 5));
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ignored', reason: 'no flow of connection acme handles payment_terms.updated' });
  });

  test('health, readiness and metrics answer', async () => {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.deepEqual(await (await fetch(`${base}/readyz`)).json(), { ok: true, temporal: 'reachable' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /rackbridge_webhook_deliveries_total\{source="rackbeat",status="202"\} \d+/);
    assert.match(metrics, /rackbridge_webhook_deliveries_total\{source="rackbeat",status="401"\} 2/);
  });
});

describe('webhook server: Temporal down', () => {
  test('answers 503 while Temporal is unreachable and records the retried delivery once it is back', async () => {
    const port = await freePort();
    const dbFilename = join(mkdtempSync(join(tmpdir(), 'rb-down-')), 'temporal.sqlite');
    let temporal = await startTestTemporal({ port, dbFilename });
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
    const app = buildWebhookServer({ connections: [testConnection('acme', { webhookTokens: [TOKEN] })], client, tokenStore: new MemoryTokenStore(), temporalDeadlineMs: 1_500 });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      assert.equal((await post(base, 'acme', delivery('order.booked', 7001))).status, 202);
      await temporal.stop();

      const body = delivery('order.booked', 7002);
      const down = await post(base, 'acme', body);
      assert.equal(down.status, 503);
      assert.deepEqual(down.json, { error: 'temporal_unavailable', message: 'the event was not recorded; retry later' });
      assert.equal((await fetch(`${base}/readyz`)).status, 503);

      temporal = await startTestTemporal({ port, dbFilename });
      const retried = await post(base, 'acme', body);
      assert.equal(retried.status, 202);
      assert.deepEqual(await signalsOf(client, 'order:acme:7002'), ['orderEvent']);
      assert.deepEqual(await signalsOf(client, 'order:acme:7001'), ['orderEvent'], 'the event accepted before the outage survived the restart');
    } finally {
      await app.close();
      await connection.close();
      await temporal.stop();
    }
  });
});
