import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { economicFilter, EconomicClient } from '../../src/connectors/economic';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { parseShopifyJson } from '../../src/connectors/shopify/json';
import { orderReference } from '../../src/domain/economic';
import { DEMO_CONNECTION_ID } from '../../src/sandbox/demo-connection';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import { rackbridgeDataConverter } from '../../src/temporal/codec/data-converter';
import { AES_256_KEY_BYTES, formatCodecKeys, parseCodecKeys } from '../../src/temporal/codec/keys';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { orderWorkflowId, statusQuery } from '../../src/workflows/order/contract';
import { webhookTokensQuery, webhookTokensWorkflowId } from '../../src/workflows/webhook-tokens/contract';
import { webshopOrderWorkflowId, type WebshopSource } from '../../src/workflows/webshop/contract';
import { shipOrder } from '../helpers/lifecycle';
import { killRole, type RoleProcess, spawnRole } from '../helpers/role-process';
import { RoundRobinProxy } from '../helpers/round-robin-proxy';
import { eventually, freePort } from '../helpers/temporal';

/*
 * The production topology on a real Temporal server on PostgreSQL (scripts/cluster.sh): two
 * `rackbridge worker` and two `rackbridge webhooks` processes behind a load balancer, the
 * simulators in this process. Orders from Rackbeat and from both shops must end as exactly one
 * booked e-conomic invoice each while a worker is SIGKILLed mid-flight, a receiver is killed, the
 * Temporal server is restarted and PostgreSQL is restarted. Every assertion reads the simulators.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CLUSTER = join(ROOT, 'scripts', 'cluster.sh');
const NAMESPACE = `cluster-${Date.now().toString(36)}`;
const SETTLE_MS = 180_000;

async function cluster(command: string): Promise<string> {
  const { stdout } = await run('bash', [CLUSTER, command], { env: { ...process.env, TEMPORAL_NAMESPACE: NAMESPACE }, timeout: 30 * 60_000, maxBuffer: 10 * 1024 * 1024 });
  return stdout;
}

const SHOP_ORDERS: Record<WebshopSource, (i: number) => Record<string, unknown>> = {
  shopify: (i) => ({ lines: [{ sku: 'CHAIR-01', quantity: i + 1 }], financial_status: 'paid', email: `cluster.shopify.${i}@example.dk`, first_name: 'Cluster', last_name: `Shopify ${i}` }),
  woocommerce: (i) => ({ lines: [{ sku: 'LAMP-RED', quantity: i + 1 }], status: 'processing', billing: { email: `cluster.woo.${i}@example.dk`, first_name: 'Cluster', last_name: `Woo ${i}`, country: 'DK' } }),
};

describe('production topology on a Temporal cluster (scripts/cluster.sh)', () => {
  let address: string;
  let sandbox: Sandbox;
  let lb: RoundRobinProxy;
  let connection: Connection | undefined;
  let client: Client;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const processes: RoleProcess[] = [];
  const receiverPorts: number[] = [];

  const start = async (role: 'worker' | 'webhooks', port?: number): Promise<RoleProcess> => {
    const p = await spawnRole(role, { ...env, ...(port === undefined ? {} : { PORT: String(port) }) });
    processes.push(p);
    return p;
  };

  before(async () => {
    const out = await cluster('up');
    address = /TEMPORAL_ADDRESS=(\S+)/.exec(out)?.[1] ?? '';
    assert.ok(address, `cluster.sh up printed no address:\n${out}`);
    sandbox = createSandbox({
      rackbeat: { webhookRetryDelaysMs: [500, 1_000, 2_000, 4_000, 8_000, 15_000] },
      rateLimits: { rackbeat: { limit: 0, windowMs: 1_000 }, economic: { limit: 0, windowMs: 1_000 } },
    });
    await sandbox.listen(0);
    receiverPorts.push(await freePort(), await freePort());
    lb = new RoundRobinProxy(receiverPorts.map((port) => ({ host: '127.0.0.1', port })));
    const publicUrl = `http://${await lb.listen()}`;
    dataDir = mkdtempSync(join(tmpdir(), 'rackbridge-cluster-'));
    const keys = formatCodecKeys([{ id: 'cluster-1', key: randomBytes(AES_256_KEY_BYTES) }]);
    env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: NAMESPACE, SANDBOX_URL: sandbox.url(), PUBLIC_URL: publicUrl, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', RACKBRIDGE_CODEC_KEYS: keys, CONNECTIONS_FILE: '' };
    connection = await Connection.connect({ address });
    const ring = parseCodecKeys(keys);
    assert.ok(ring.ok);
    client = new Client({ connection, namespace: NAMESPACE, dataConverter: rackbridgeDataConverter(ring.ring) });
  });

  after(async () => {
    for (const p of processes) await killRole(p, 'SIGTERM').catch(() => undefined);
    await connection?.close();
    await lb?.close();
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('two workers and two receivers: Rackbeat and shop orders end booked once each through a worker kill, a receiver kill, a Temporal and a PostgreSQL restart', { timeout: 20 * 60_000 }, async () => {
    const rackbeat = new RackbeatClient({ baseUrl: `${sandbox.url()}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken });
    const economic = new EconomicClient({ baseUrl: `${sandbox.url()}/economic`, appSecretToken: SANDBOX_CREDENTIALS.economic.appSecretToken, agreementGrantToken: SANDBOX_CREDENTIALS.economic.agreementGrantToken });
    const control = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${sandbox.url()}/_sandbox${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const status = (workflowId: string): Promise<TransferStatus> => client.workflow.getHandle(workflowId).query(statusQuery);
    const waitFor = (workflowId: string, done: (s: TransferStatus) => boolean): Promise<TransferStatus> => {
      let last: TransferStatus | undefined;
      return eventually(
        async () => {
          last = await status(workflowId);
          return done(last) ? last : undefined;
        },
        () => `${workflowId}: stage ${last?.stage ?? 'not started'}${last ? `, next ${last.nextStep}` : ''}`,
        SETTLE_MS,
      );
    };

    // Both receivers start together: each does the once-per-namespace set-up (webhooks, schedules).
    const [w1] = [await start('worker'), await start('worker')];
    const [r1] = await Promise.all([start('webhooks', receiverPorts[0]), start('webhooks', receiverPorts[1])]);

    // A token registered by whichever receiver is accepted by each of them.
    const tokens = await eventually(async () => {
      const t = await client.workflow.getHandle(webhookTokensWorkflowId(DEMO_CONNECTION_ID)).query(webhookTokensQuery);
      return t['order.shipped']?.length ? t : undefined;
    }, 'the order.shipped webhook token in Temporal', 60_000);
    for (const port of receiverPorts) {
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/rackbeat/${DEMO_CONNECTION_ID}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'rackbeat-webhook-event': 'order.shipped', 'rackbeat-webhook-token': tokens['order.shipped']!.at(-1)! },
        body: JSON.stringify({ key_name: 'number', key: '999999' }),
      });
      assert.ok(res.status === 202 || res.status === 200, `receiver on ${port} accepts the shared token: ${res.status} ${await res.text()}`);
      const bad = await fetch(`http://127.0.0.1:${port}/webhooks/rackbeat/${DEMO_CONNECTION_ID}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'rackbeat-webhook-event': 'order.shipped', 'rackbeat-webhook-token': 'not-a-token' },
        body: JSON.stringify({ key_name: 'number', key: '999998' }),
      });
      assert.equal(bad.status, 401, `receiver on ${port} refuses an unknown token`);
    }

    // Rackbeat orders; e-conomic slowed so the SIGKILL lands while drafts are being created.
    await control('POST', '/faults', { system: 'economic', kind: 'latency', latencyMs: 3_000, match: { method: 'POST', path: '^/orders/drafts$' }, count: 4 });
    let seedHigh = 0;
    for await (const order of rackbeat.iterateOrders()) seedHigh = Math.max(seedHigh, order.number);
    const rackbeatOrders: number[] = [];
    for (let i = 0; i < 4; i++) {
      const order = await rackbeat.createOrder({ customer_id: 1 + (i % 2), lines: [{ item_id: 'DESK/120', quantity: i + 1 }] });
      await rackbeat.bookOrder(order.number);
      rackbeatOrders.push(order.number);
    }
    await eventually(async () => {
      const { requests } = await control<{ requests: unknown[] }>('GET', '/requests?system=economic&method=POST&path=/orders/drafts');
      return requests.length >= 1 ? true : undefined;
    }, 'e-conomic draft creates in flight', 60_000);
    await killRole(w1, 'SIGKILL');
    await start('worker');

    // A receiver dies; the shops' deliveries reach the other one through the load balancer.
    await killRole(r1, 'SIGKILL');
    const shopOrders: { source: WebshopSource; id: string }[] = [];
    for (const source of ['shopify', 'woocommerce'] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${sandbox.url()}/_sandbox/${source}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SHOP_ORDERS[source](i)) });
        assert.ok(res.ok, `placing a ${source} order: ${res.status}`);
        // Shopify ids exceed 2^53: parsed losslessly, as the connector does.
        const placed = parseShopifyJson(await res.text()) as { id?: string | number; order?: { id: string | number } };
        shopOrders.push({ source, id: String(placed.order?.id ?? placed.id) });
      }
    }

    // The Temporal server restarts while shop orders become Rackbeat orders and drafts are created.
    await cluster('restart-temporal');
    await start('webhooks', receiverPorts[0]);

    const shopRackbeatOrders: number[] = [];
    for (const { source, id } of shopOrders) {
      const transfer = await waitFor(webshopOrderWorkflowId(DEMO_CONNECTION_ID, source, id), (s) => s.stage === 'DONE' || s.stage === 'HELD');
      assert.equal(transfer.stage, 'DONE', `${source} order ${id}: ${transfer.heldReason ?? ''} ${transfer.heldMessage ?? ''}`);
      const ref = transfer.targetRefs.find((r) => r.startsWith('rackbeat:order:'));
      assert.ok(ref, `${source} order ${id} names its Rackbeat order`);
      shopRackbeatOrders.push(Number(ref.split(':').pop()));
    }
    const all = [...rackbeatOrders, ...shopRackbeatOrders];
    assert.equal(new Set(all).size, all.length, 'every shop order made its own Rackbeat order');

    for (const n of all) await waitFor(orderWorkflowId(DEMO_CONNECTION_ID, n), (s) => s.stage === 'WAITING' && s.targetRefs.length > 0);
    // PostgreSQL restarts under the shipments' webhooks and the invoicing they start.
    const half = Math.ceil(all.length / 2);
    for (const n of all.slice(0, half)) await shipOrder(rackbeat, n);
    await cluster('restart-postgres');
    for (const n of all.slice(half)) await shipOrder(rackbeat, n);

    // 0 stuck: every lifecycle done; 0 lost, 0 duplicate: one booked invoice and one e-conomic order each.
    for (const n of all) {
      const final = await waitFor(orderWorkflowId(DEMO_CONNECTION_ID, n), (s) => s.stage === 'DONE' || s.stage === 'HELD' || s.stage === 'CANCELLED');
      assert.equal(final.stage, 'DONE', `order ${n}: ${final.heldReason ?? ''} ${final.heldMessage ?? ''}`);
    }
    for (const n of all) {
      const reference = orderReference(DEMO_CONNECTION_ID, n);
      const booked = await economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', reference) });
      assert.equal(booked.length, 1, `order ${n}: exactly one booked invoice`);
      const orders = [
        ...(await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', reference) })),
        ...(await economic.listAll((o) => economic.listOrders('archived', o), { filter: economicFilter.eq('references.other', reference) })),
      ];
      assert.equal(orders.length, 1, `order ${n}: exactly one e-conomic order`);
    }
    // No shop order made a second Rackbeat order: Rackbeat holds exactly the orders counted here beyond its seed.
    const made: number[] = [];
    for await (const order of rackbeat.iterateOrders()) if (order.number > seedHigh) made.push(order.number);
    assert.deepEqual(made.sort((a, b) => a - b), [...all].sort((a, b) => a - b), 'Rackbeat holds one order per Rackbeat and shop order, no more');
  });
});
