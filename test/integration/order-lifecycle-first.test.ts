import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { ClientRegistry } from '../../src/activities/clients';
import { HeldReasonKey, TransferStageKey } from '../../src/temporal/search-attributes';
import type { DevServer } from '../../src/temporal/dev-server';
import { RACKBEAT_ORDER_EVENTS, registerRackbeatWebhooks } from '../../src/webhooks/register';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import { orderWorkflowId, retrySignal, statusQuery } from '../../src/workflows/order/contract';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { createWorker } from '../../src/worker';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { testConnection } from '../helpers/connections';
import { type RackbeatHarness, startRackbeat } from '../helpers/rackbeat';
import { eventually, startTestTemporal } from '../helpers/temporal';

/**
 * The first order-lifecycle version end to end: Rackbeat simulator → its webhooks → webhook
 * server → signal-with-start → worker → activity re-reading the order from the simulator.
 */
describe('order lifecycle (first version) driven by Rackbeat webhooks', () => {
  let temporal: DevServer;
  let rackbeat: RackbeatHarness;
  let app: FastifyInstance;
  let worker: Worker;
  let workerRun: Promise<void>;
  let tokenStore: MemoryTokenStore;
  let webhookBase: string;
  const connection = () => testConnection('acme', { rackbeatUrl: rackbeat.api, rackbeatToken: SANDBOX_CREDENTIALS.rackbeat.apiToken });

  const status = (orderNumber: number | string): Promise<TransferStatus> => temporal.env.client.workflow.getHandle(orderWorkflowId('acme', orderNumber)).query(statusQuery);

  before(async () => {
    temporal = await startTestTemporal();
    rackbeat = await startRackbeat({ rackbeat: { webhookRetryDelaysMs: [200, 500, 1000] } });
    tokenStore = new MemoryTokenStore();
    app = buildWebhookServer({ connections: [connection()], client: temporal.env.client, tokenStore });
    webhookBase = await app.listen({ port: 0, host: '127.0.0.1' });
    await registerRackbeatWebhooks({ connection: connection(), rackbeat: rackbeat.client, publicUrl: webhookBase, tokenStore });
    worker = await createWorker({ connection: temporal.env.nativeConnection, namespace: temporal.namespace, deps: { clients: new ClientRegistry([connection()]) } });
    workerRun = worker.run();
  });

  after(async () => {
    worker.shutdown();
    await workerRun;
    await app.close();
    await rackbeat.close();
    await temporal.stop();
  });

  test('registering webhooks again is idempotent: same webhooks, tokens kept', async () => {
    const again = await registerRackbeatWebhooks({ connection: connection(), rackbeat: rackbeat.client, publicUrl: webhookBase, tokenStore });
    assert.deepEqual(again.map((r) => r.action), RACKBEAT_ORDER_EVENTS.map(() => 'updated'));
    const { webhooks } = (await rackbeat.call<{ webhooks: { event: string }[] }>('GET', '/webhooks?limit=100')).json;
    assert.deepEqual(webhooks.map((w) => w.event).sort(), [...RACKBEAT_ORDER_EVENTS].sort());
  });

  test('a webhook whose token was lost is re-created so deliveries can be verified again', async () => {
    const forgetful = new MemoryTokenStore();
    const results = await registerRackbeatWebhooks({ connection: connection(), rackbeat: rackbeat.client, publicUrl: webhookBase, tokenStore: forgetful });
    assert.deepEqual(results.map((r) => r.action), RACKBEAT_ORDER_EVENTS.map(() => 'recreated'));
    for (const event of RACKBEAT_ORDER_EVENTS) {
      assert.ok(forgetful.has('acme', event));
      tokenStore.set('acme', event, forgetful.tokens('acme')[RACKBEAT_ORDER_EVENTS.indexOf(event)]!);
    }
    const { webhooks } = (await rackbeat.call<{ webhooks: unknown[] }>('GET', '/webhooks?limit=100')).json;
    assert.equal(webhooks.length, RACKBEAT_ORDER_EVENTS.length, 'no duplicate webhooks');
  });

  test('an order created and booked in Rackbeat is received, re-read and shown as booked', async () => {
    const created = await rackbeat.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
    await rackbeat.client.bookOrder(created.number);
    const s = await eventually(async () => {
      const current = await status(created.number);
      return current.steps.some((step) => step.name === 'read Rackbeat order' && step.detail === 'booked') ? current : undefined;
    }, 'the booked order to be read');
    assert.deepEqual(
      s.steps.filter((step) => step.name.startsWith('received')).map((step) => step.name),
      ['received order.created', 'received order.booked'],
    );
    assert.equal(s.stage, 'WAITING');
    const description = await temporal.env.client.workflow.getHandle(orderWorkflowId('acme', created.number)).describe();
    assert.equal(description.typedSearchAttributes.get(TransferStageKey), 'WAITING');
  });

  test('the same delivery arriving ten times is recorded once', async () => {
    const created = await rackbeat.client.createOrder({ customer_id: 2, lines: [{ item_id: 'LAMP-RED', quantity: 1 }] }, { suppressWebhooks: true });
    const body = JSON.stringify({ key: created.number, key_name: 'number', event: 'order.updated', data: { number: created.number }, changed: ['lines'] });
    const token = tokenStore.tokens('acme')[0]!.reveal();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${webhookBase}/webhooks/rackbeat/acme`, { method: 'POST', headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': token }, body }).then((r) => r.status),
      ),
    );
    assert.deepEqual(answers, Array(10).fill(202));
    const s = await eventually(async () => {
      const current = await status(created.number);
      return current.steps.some((step) => step.name === 'read Rackbeat order') ? current : undefined;
    }, 'the order to be read');
    assert.deepEqual(s.steps.filter((step) => step.name.startsWith('received')), [
      { name: 'received order.updated', at: s.steps[0]!.at, result: 'ok', detail: 'changed: lines' },
    ]);
  });

  test('an order Rackbeat does not know is held with a reason, and a retry tries again', async () => {
    const token = tokenStore.tokens('acme')[0]!.reveal();
    const res = await fetch(`${webhookBase}/webhooks/rackbeat/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': token },
      body: JSON.stringify({ key: 999999, key_name: 'number', event: 'order.updated', data: {} }),
    });
    assert.equal(res.status, 202);
    const held = await eventually(async () => {
      const s = await status(999999);
      return s.stage === 'HELD' ? s : undefined;
    }, 'the transfer to be held');
    assert.equal(held.heldReason, 'RACKBEAT_ORDER_NOT_FOUND');
    assert.equal(held.heldMessage, 'Rackbeat has no order 999999: check the order exists in Rackbeat, then send a retry.');
    const handle = temporal.env.client.workflow.getHandle(orderWorkflowId('acme', 999999));
    await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(HeldReasonKey) === 'RACKBEAT_ORDER_NOT_FOUND' ? true : undefined), 'HeldReason search attribute');

    await handle.signal(retrySignal);
    await eventually(async () => ((await status(999999)).steps.filter((s) => s.result === 'held').length === 2 ? true : undefined), 'a second attempt after retry');
  });

  test('a 429 from Rackbeat is waited out as Retry-After says, then the order is read', async () => {
    const created = await rackbeat.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] }, { suppressWebhooks: true });
    await rackbeat.control('POST', '/faults', { system: 'rackbeat', kind: 'rate-limit', match: { method: 'GET', path: `^/orders/${created.number}$` }, count: 2, retryAfterSeconds: 1 });
    await rackbeat.client.bookOrder(created.number);
    await eventually(async () => ((await status(created.number)).steps.some((s) => s.name === 'read Rackbeat order' && s.detail === 'booked') ? true : undefined), 'the order to be read after the 429s');
    const gets = (await rackbeat.requests()).filter((r) => r.method === 'GET' && r.path === `/orders/${created.number}`);
    assert.deepEqual(gets.map((r) => r.status), [429, 429, 200]);
    const { pending } = await rackbeat.control<{ pending: unknown[] }>('GET', '/faults');
    assert.deepEqual(pending, []);
  });

  test('a cancelled order ends its transfer as CANCELLED', async () => {
    const created = await rackbeat.client.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await rackbeat.client.bookOrder(created.number);
    await rackbeat.client.cancelOrder(created.number);
    const handle = temporal.env.client.workflow.getHandle(orderWorkflowId('acme', created.number));
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 'the workflow to complete');
    assert.equal((await handle.describe()).typedSearchAttributes.get(TransferStageKey), 'CANCELLED');
  });
});
