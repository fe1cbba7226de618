import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { ClientRegistry } from '../../src/activities/clients';
import { Secret } from '../../src/domain/secret';
import type { DevServer } from '../../src/temporal/dev-server';
import { buildWebhookServer } from '../../src/webhooks/server';
import { TemporalTokenStore } from '../../src/webhooks/temporal-token-store';
import { TOKENS_KEPT_PER_EVENT } from '../../src/workflows/webhook-tokens/contract';
import { createWorker } from '../../src/worker';
import { testConnection } from '../helpers/connections';
import { startTestTemporal } from '../helpers/temporal';

/*
 * Stateless receivers (issue 11): Rackbeat webhook tokens live in Temporal, so a token one process
 * registered is accepted by a receiver in another process (each store below has its own cache, as
 * separate processes do).
 */
describe('Rackbeat webhook tokens shared through Temporal', () => {
  let temporal: DevServer;
  let worker: Worker;
  let running: Promise<void>;
  let nativeConnection: NativeConnection;
  const apps: FastifyInstance[] = [];

  const receiver = async (store: TemporalTokenStore): Promise<FastifyInstance> => {
    const app = buildWebhookServer({ connections: [testConnection('acme')], client: temporal.env.client, tokenStore: store });
    apps.push(app);
    await app.ready();
    return app;
  };
  const deliver = async (app: FastifyInstance, token: string, key = '1001'): Promise<number> =>
    (await app.inject({ method: 'POST', url: '/webhooks/rackbeat/acme', headers: { 'content-type': 'application/json', 'rackbeat-webhook-event': 'order.shipped', 'rackbeat-webhook-token': token }, payload: JSON.stringify({ key_name: 'number', key }) })).statusCode;

  before(async () => {
    temporal = await startTestTemporal();
    nativeConnection = await NativeConnection.connect({ address: temporal.address });
    worker = await createWorker({ connection: nativeConnection, namespace: temporal.namespace, deps: { clients: new ClientRegistry([]) } });
    running = worker.run();
  });
  after(async () => {
    for (const app of apps) await app.close();
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await nativeConnection.close();
    await temporal.stop();
  });

  test('a token registered by one process is accepted by another receiver that had already read the tokens', async () => {
    const registrar = new TemporalTokenStore({ client: temporal.env.client });
    const other = await receiver(new TemporalTokenStore({ client: temporal.env.client, minRefreshIntervalMs: 0 }));
    assert.equal(await deliver(other, 'tok-a'), 401, 'nothing registered yet');
    await registrar.set('acme', 'order.shipped', new Secret('tok-a'));
    assert.equal(await deliver(other, 'tok-a'), 202, 'the other receiver re-reads on a miss and accepts it');
    assert.equal(await deliver(other, 'tok-unknown'), 401, 'an unknown token is still refused after the re-read');
  });

  test('two processes recreating the same webhook at once: both tokens are kept, the oldest beyond the limit dropped', async () => {
    const a = new TemporalTokenStore({ client: temporal.env.client });
    const b = new TemporalTokenStore({ client: temporal.env.client });
    await Promise.all([a.set('acme', 'product.updated', new Secret('race-a')), b.set('acme', 'product.updated', new Secret('race-b'))]);
    const reader = await receiver(new TemporalTokenStore({ client: temporal.env.client }));
    assert.equal(await deliver(reader, 'race-a'), 202);
    assert.equal(await deliver(reader, 'race-b'), 202);
    for (let i = 0; i < TOKENS_KEPT_PER_EVENT; i++) await a.set('acme', 'product.updated', new Secret(`later-${i}`));
    const fresh = await receiver(new TemporalTokenStore({ client: temporal.env.client }));
    assert.equal(await deliver(fresh, 'race-a'), 401, `only the last ${TOKENS_KEPT_PER_EVENT} tokens of an event are kept`);
    assert.equal(await deliver(fresh, `later-${TOKENS_KEPT_PER_EVENT - 1}`), 202);
  });

  test('misses re-read Temporal at most once per interval, so unknown tokens cannot flood it with queries', async () => {
    const store = new TemporalTokenStore({ client: temporal.env.client, minRefreshIntervalMs: 60 * 60_000 });
    const app = await receiver(store);
    assert.equal(await deliver(app, 'tok-a'), 202, 'first read');
    await new TemporalTokenStore({ client: temporal.env.client }).set('acme', 'order.shipped', new Secret('tok-new'));
    assert.equal(await deliver(app, 'tok-new'), 401, 'within the interval the cached tokens answer');
  });

  test('with no worker to answer the query, an unknown token is answered 503 (Rackbeat retries), not 401', async () => {
    worker.shutdown();
    await running;
    const app = await receiver(new TemporalTokenStore({ client: temporal.env.client, deadlineMs: 1_500 }));
    const res = await app.inject({ method: 'POST', url: '/webhooks/rackbeat/acme', headers: { 'content-type': 'application/json', 'rackbeat-webhook-event': 'order.shipped', 'rackbeat-webhook-token': 'tok-a' }, payload: '{"key_name":"number","key":"1002"}' });
    assert.equal(res.statusCode, 503, res.body);
    assert.equal(res.headers['retry-after'], '5');
  });
});
