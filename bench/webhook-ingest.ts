import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_ORDER_SETTINGS, DEFAULT_WEBSHOP_SETTINGS } from '../src/config';
import { Secret } from '../src/domain/secret';
import { startDevServer } from '../src/temporal/dev-server';
import { benchTemporal } from './temporal-target';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../src/workflows/common/search-attributes';
import { TASK_QUEUE } from '../src/webhooks/dispatch';
import { buildWebhookServer } from '../src/webhooks/server';
import { MemoryTokenStore } from '../src/webhooks/token-store';
import { orderEventSignal } from '../src/workflows/order/contract';
import { percentile, printTable, writeResult } from './stats';
import { SANDBOX_ECONOMIC_MAPPING } from '../src/domain/economic';

/**
 * (a) Webhook ingest: deliveries/s and latency of POST /webhooks/rackbeat/… on loopback, against
 * a bare signal-with-start loop on the same dev server (SQLite file, as `npm start` runs it).
 * No worker runs: acknowledgement is durable once the server accepted the signal-with-start.
 * BENCH_TEMPORAL=cluster (scripts/cluster.sh) or host:port runs both on that server instead.
 */
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TOKEN = 'bench-token-0123456789abcdef012345';

async function main(): Promise<void> {
  // BENCH_PERSISTENCE=memory measures without SQLite file writes (the dev server's ceiling).
  const inMemory = process.env.BENCH_PERSISTENCE === 'memory';
  const temporal = await benchTemporal(() => startDevServer(inMemory ? {} : { dbFilename: join(mkdtempSync(join(tmpdir(), 'rb-bench-')), 'temporal.sqlite') }));
  const client = temporal.client;
  const connection = {
    id: 'bench',
    rackbeat: { baseUrl: 'http://127.0.0.1:9', apiToken: new Secret('x'), webhookTokens: [new Secret(TOKEN)], registerWebhooks: false, consumerName: 'bench', consumerContact: 'bench@invalid' },
    // Without an e-conomic (or Netvisor) section no flow handles the orders, and deliveries would be answered 200 "ignored".
    economic: { baseUrl: 'http://127.0.0.1:9', appSecretToken: new Secret('x'), agreementGrantToken: new Secret('x'), mapping: SANDBOX_ECONOMIC_MAPPING },
    netvisor: undefined,
    orders: DEFAULT_ORDER_SETTINGS,
    webshop: DEFAULT_WEBSHOP_SETTINGS,
    notify: { url: undefined },
  };
  const app = buildWebhookServer({ connections: [connection], client, tokenStore: new MemoryTokenStore() });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  // Baseline: the same signal-with-start the webhook server makes, straight from a client loop.
  const baseline: number[] = [];
  let next = 0;
  const baselineStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < DELIVERIES) {
        const key = 1_000_000 + next++;
        const t = performance.now();
        await client.workflow.signalWithStart('orderLifecycle', {
          workflowId: `order:baseline:${key}`,
          taskQueue: TASK_QUEUE,
          args: [{ connectionId: 'baseline', orderNumber: String(key), settings: DEFAULT_ORDER_SETTINGS }],
          signal: orderEventSignal,
          signalArgs: [{ deliveryId: `d${key}`, event: 'order.created', receivedAt: new Date().toISOString() }],
          staticSummary: `Rackbeat order ${key} → e-conomic`,
          typedSearchAttributes: [
            { key: ConnectionIdKey, value: 'baseline' },
            { key: FlowKey, value: 'order' },
            { key: SourceRefKey, value: `rackbeat:order:${key}` },
            { key: TransferStageKey, value: 'RECEIVED' },
          ],
        });
        baseline.push(performance.now() - t);
      }
    }),
  );
  const baselineSeconds = (performance.now() - baselineStart) / 1000;

  let counter = 0;
  const webhook = await autocannon({
    url: `${base}/webhooks/rackbeat/bench`,
    method: 'POST',
    connections: CONCURRENCY,
    amount: DELIVERIES,
    headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': TOKEN, 'rackbeat-webhook-event': 'order.created' },
    requests: [
      {
        // What Rackbeat really sends: key name and key (a string), the event only in the header.
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ key_name: 'number', key: String(2_000_000 + counter++) }) }),
      },
    ],
  });

  baseline.sort((a, b) => a - b);
  const rows = [
    {
      path: 'bare signalWithStart',
      deliveries: baseline.length,
      'per second': Math.round(baseline.length / baselineSeconds),
      'p50 ms': +percentile(baseline, 50).toFixed(1),
      'p99 ms': +percentile(baseline, 99).toFixed(1),
      errors: 0,
    },
    {
      path: 'POST /webhooks/rackbeat',
      deliveries: webhook.requests.total,
      'per second': Math.round(webhook.requests.total / (webhook.duration || 1)),
      'p50 ms': webhook.latency.p50,
      'p99 ms': webhook.latency.p99,
      // Only 202 means recorded in Temporal; anything else counts as an error here.
      errors: webhook.errors + webhook.requests.total - (webhook.statusCodeStats?.['202']?.count ?? 0),
    },
  ];
  const server = temporal.kind === 'dev' ? `dev server ${inMemory ? 'in memory' : 'on a SQLite file'}` : `Temporal server at ${temporal.address} (PostgreSQL)`;
  printTable(`Webhook ingest (${DELIVERIES} deliveries, concurrency ${CONCURRENCY}, ${server})`, rows);
  const ratio = rows[1]!['per second'] / rows[0]!['per second'];
  console.log(`webhook throughput = ${(ratio * 100).toFixed(0)} % of the bare signal-with-start baseline`);
  console.log(`results: ${writeResult('webhook-ingest', { deliveries: DELIVERIES, concurrency: CONCURRENCY, persistence: temporal.kind === 'dev' ? (inMemory ? 'memory' : 'sqlite-file') : 'cluster-postgresql', rows, ratio })}`);

  await app.close();
  await temporal.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
