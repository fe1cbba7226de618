import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { ClientRegistry } from '../../src/activities/clients';
import { DEFAULT_ORDER_SETTINGS } from '../../src/config';
import { economicFilter } from '../../src/connectors/economic';
import { orderReference } from '../../src/domain/economic';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import { economicContractSettings } from '../helpers/economic-contract';
import { resolveBinary } from '../../src/temporal/cli-path';
import { addSearchAttributes } from '../../src/temporal/ensure-search-attributes';
import { orderEventSignal, orderWorkflowId, statusQuery } from '../../src/workflows/order/contract';
import { createWorker } from '../../src/worker';
import { EconomicClient } from '../../src/connectors/economic';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { sandboxConnection, shipOrder } from '../helpers/lifecycle';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Weeks between booking and shipping, skipped rather than waited (Java time-skipping test server). */
describe('order lifecycle with time skipping', () => {
  let env: TestWorkflowEnvironment;
  let sandbox: Sandbox;
  let worker: Worker;
  let running: Promise<void>;
  let rackbeat: RackbeatClient;
  let economic: EconomicClient;

  before(async () => {
    const server = resolveBinary('test-server');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: server.path ? { type: 'existing-path', path: server.path } : { type: 'cached-download' } } });
    await addSearchAttributes(env.connection, env.namespace ?? 'default');
    sandbox = createSandbox({ economic: economicContractSettings(), rateLimits: { rackbeat: { limit: 0, windowMs: 1000 }, economic: { limit: 0, windowMs: 1000 } } });
    const url = await sandbox.listen(0);
    rackbeat = new RackbeatClient({ baseUrl: `${url}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken });
    economic = new EconomicClient({ baseUrl: `${url}/economic`, appSecretToken: SANDBOX_CREDENTIALS.economic.appSecretToken, agreementGrantToken: SANDBOX_CREDENTIALS.economic.agreementGrantToken });
    worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', deps: { clients: new ClientRegistry([sandboxConnection('acme', url, {})]) } });
    running = worker.run();
  });
  after(async () => {
    worker.shutdown();
    await running;
    await sandbox.close();
    await env.teardown();
  });

  test('an order shipped three weeks after booking is still invoiced once', async () => {
    const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] }, { suppressWebhooks: true });
    await rackbeat.bookOrder(order.number, { suppressWebhooks: true });
    const workflowId = orderWorkflowId('acme', order.number);
    const handle = await env.client.workflow.signalWithStart('orderLifecycle', {
      workflowId,
      taskQueue: 'rackbridge',
      args: [{ connectionId: 'acme', orderNumber: String(order.number), settings: DEFAULT_ORDER_SETTINGS }],
      signal: orderEventSignal,
      signalArgs: [{ deliveryId: 'booked', event: 'order.booked', receivedAt: new Date().toISOString() }],
    });
    const start = await env.currentTimeMs();
    await env.sleep(21 * DAY_MS);
    assert.ok((await env.currentTimeMs()) - start >= 21 * DAY_MS);
    const waiting = await handle.query(statusQuery);
    assert.equal(waiting.stage, 'WAITING');
    assert.match(waiting.targetRefs[0] ?? '', /^economic:order:\d+$/);

    await shipOrder(rackbeat, order.number);
    await handle.signal(orderEventSignal, { deliveryId: 'shipped', event: 'order.shipped', receivedAt: new Date().toISOString() });
    await handle.result();
    const booked = await economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', orderReference('acme', order.number)) });
    assert.equal(booked.length, 1);
  });
});
