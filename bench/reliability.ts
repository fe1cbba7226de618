import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ClientRegistry } from '../src/activities/clients';
import { DEFAULT_ORDER_SETTINGS } from '../src/config';
import { EconomicClient } from '../src/connectors/economic';
import { RackbeatClient } from '../src/connectors/rackbeat';
import { orderReference } from '../src/domain/economic';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/defaults';
import { createSandbox } from '../src/sandbox/server';
import { resolveBinary } from '../src/temporal/cli-path';
import { addSearchAttributes } from '../src/temporal/ensure-search-attributes';
import { TASK_QUEUE } from '../src/temporal/start-transfer';
import type { TransferStatus } from '../src/workflows/common/transfer-status';
import { orderEventSignal, orderWorkflowId, statusQuery } from '../src/workflows/order/contract';
import { createWorker } from '../src/worker';
import { type HarnessConnection, type LifecycleHarness, sandboxConnection, shipOrder, startLifecycleHarness } from '../test/helpers/lifecycle';
import { killWorker, spawnWorker } from '../test/helpers/spawn-worker';
import { pool } from './pool';
import { printTable, writeResult } from './stats';

/*
 * `npm run bench:reliability`: the promise "one document per source document, every transfer
 * finished without a person" under four storms, each bounded and self-stopping on loopback.
 * Every figure is counted from the simulators' state and the transfers' own status:
 *   duplicates — booked invoices beyond one for a Rackbeat order (by references.other);
 *   lost       — orders without a booked invoice;
 *   stuck      — transfers not DONE when the scenario's deadline passed;
 *   manual     — transfers HELD (a person would have to act); the bench itself never retries one.
 * Sizes default to the published run; BENCH_REL_SCALE=0.1 runs a tenth of each.
 */
const SCALE = Number(process.env.BENCH_REL_SCALE ?? 1);
const scaled = (n: number): number => Math.max(1, Math.round(n * SCALE));
const ONLY = process.env.BENCH_REL_ONLY?.split(',');
const PRODUCTS = ['CHAIR-01', 'LAMP-RED', 'DESK/120', 'BOOK-DK'];
const CUSTOMERS = [1, 2, 3];
const POLL_MS = 2_000;

interface Outcome {
  scenario: string;
  orders: number;
  duplicates: number;
  lost: number;
  stuck: number;
  manual: number;
  detail: string;
  seconds: number;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function createBookedOrders(rackbeat: RackbeatClient, count: number): Promise<number[]> {
  for (const number of PRODUCTS) await rackbeat.updateProduct(number, { stock_quantity: 1_000_000 });
  const numbers: number[] = [];
  await pool(Array.from({ length: count }, (_, i) => i), 16, async (i) => {
    const order = await rackbeat.createOrder({ customer_id: CUSTOMERS[i % CUSTOMERS.length]!, lines: [{ item_id: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3) }] });
    await rackbeat.bookOrder(order.number);
    numbers.push(order.number);
  });
  return numbers;
}

type StatusOf = (n: number) => Promise<TransferStatus | undefined>;
const statusOf = (h: LifecycleHarness, connectionId: string): StatusOf => (n) => h.client.workflow.getHandle(orderWorkflowId(connectionId, n)).query(statusQuery).catch(() => undefined);

/** Waits until every order's transfer satisfies `done` (or is HELD), or the deadline passes; returns the last statuses. */
async function until(numbers: readonly number[], status: StatusOf, done: (s: TransferStatus) => boolean, deadlineMs: number): Promise<Map<number, TransferStatus | undefined>> {
  const last = new Map<number, TransferStatus | undefined>();
  const open = new Set(numbers);
  const deadline = Date.now() + deadlineMs;
  while (open.size && Date.now() < deadline) {
    await pool([...open], 16, async (n) => {
      const s = await status(n);
      last.set(n, s);
      if (s && (done(s) || s.stage === 'HELD')) open.delete(n);
    });
    if (open.size) await sleep(500);
  }
  return last;
}

/** Booked invoices per order reference, from e-conomic itself. */
async function invoicesPerOrder(economic: EconomicClient, connectionId: string, numbers: readonly number[]): Promise<Map<number, number>> {
  const all = await economic.listAll((o) => economic.listBookedInvoices(o));
  const byReference = new Map<string, number>();
  for (const invoice of all) {
    const reference = invoice.references?.other;
    if (reference) byReference.set(reference, (byReference.get(reference) ?? 0) + 1);
  }
  return new Map(numbers.map((n) => [n, byReference.get(orderReference(connectionId, n)) ?? 0]));
}

async function tally(scenario: string, started: number, numbers: readonly number[], economic: EconomicClient, connectionId: string, status: StatusOf, detail: string): Promise<Outcome> {
  const invoices = await invoicesPerOrder(economic, connectionId, numbers);
  const statuses = await Promise.all(numbers.map(status));
  return {
    scenario,
    orders: numbers.length,
    duplicates: [...invoices.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0),
    lost: [...invoices.values()].filter((c) => c === 0).length,
    stuck: statuses.filter((s) => s?.stage !== 'DONE' && s?.stage !== 'HELD').length,
    manual: statuses.filter((s) => s?.stage === 'HELD').length,
    detail,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

const harnessConnection = (id: string) => ({ id, customise: (c: HarnessConnection['connection']) => ({ ...c, rackbeat: { ...c.rackbeat, pollIntervalMs: POLL_MS } }) });

/** Posts one Rackbeat delivery as Rackbeat would, retrying a non-2xx answer (Rackbeat retries for about a day). */
async function deliver(url: string, headers: Record<string, string>, body: string, answers: Map<number, number>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const status = await fetch(url, { method: 'POST', headers, body }).then((r) => r.status, () => 0);
    answers.set(status, (answers.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) return;
    if (attempt >= 20) throw new Error(`delivery refused 20 times (last ${status})`);
    await sleep(500 * 2 ** Math.min(attempt, 4));
  }
}

/** 1. Duplicate storm: every order's order.shipped delivered 5 times (the simulator's own + 4 replays), shuffled. */
async function duplicateStorm(): Promise<Outcome> {
  const orders = scaled(2_000);
  const copies = 5;
  const h = await startLifecycleHarness([harnessConnection('storm')]);
  const c = h.conn('storm');
  const started = Date.now();
  try {
    const numbers = await createBookedOrders(c.rackbeat, orders);
    const status = statusOf(h, 'storm');
    await until(numbers, status, (s) => s.targetRefs.length > 0, 20 * 60_000);
    await pool(numbers, 16, (n) => shipOrder(c.rackbeat, n));
    await c.control('POST', '/rackbeat/deliveries/wait');
    const { webhooks } = await c.control<{ webhooks: { id: number; token: string; event: string }[] }>('GET', '/rackbeat/webhooks');
    const { deliveries } = await c.control<{ deliveries: { webhook_id: number; event: string; url: string; payload: unknown }[] }>('GET', '/rackbeat/deliveries?event=order.shipped');
    const replays = shuffle(
      deliveries.flatMap((d) => {
        const token = webhooks.find((w) => w.id === d.webhook_id)?.token ?? '';
        const headers = { 'content-type': 'application/json', 'user-agent': 'Rackbeat Webhook', 'rackbeat-webhook-token': token, 'rackbeat-webhook-event': d.event };
        return Array.from({ length: copies - 1 }, () => ({ url: d.url, headers, body: JSON.stringify(d.payload) }));
      }),
    );
    const answers = new Map<number, number>();
    // Spread over time so some copies land inside the 2 s de-duplication window and some after it.
    await pool(replays, 32, async (r, i) => {
      if (i % 500 === 499) await sleep(2_500);
      await deliver(r.url, r.headers, r.body, answers);
    });
    await until(numbers, status, (s) => s.stage === 'DONE', 20 * 60_000);
    const answered = [...answers].map(([s, n]) => `${s}×${n}`).join(' ');
    return await tally('duplicate storm', started, numbers, c.economic, 'storm', status, `${deliveries.length + replays.length} order.shipped deliveries for ${numbers.length} orders (answers to replays: ${answered})`);
  } finally {
    await h.close();
  }
}

/** 2. Worker SIGKILLs, many inside the ambiguous window: every e-conomic write commits and then waits before it answers. */
async function workerKills(): Promise<Outcome> {
  const orders = scaled(500);
  const kills = scaled(200);
  const h = await startLifecycleHarness([harnessConnection('kills')], { worker: false });
  const c = h.conn('kills');
  const specs = [{ id: 'kills', sandboxUrl: c.sandbox.url(), settings: {} }];
  const started = Date.now();
  let worker: ChildProcess = await spawnWorker(h.temporal.address, specs);
  try {
    for (const method of ['POST', 'PUT', 'DELETE']) await c.control('POST', '/faults', { system: 'economic', kind: 'commit-then-hold', match: { method }, count: 1_000_000_000, latencyMs: 1_000 });
    const numbers = await createBookedOrders(c.rackbeat, orders);
    const status = statusOf(h, 'kills');
    const batches = Array.from({ length: 10 }, (_, b) => numbers.filter((_n, i) => i % 10 === b));
    let killed = 0;
    let inWindow = 0;
    for (let k = 0; k < kills; k++) {
      // Ship a batch every tenth of the kills, so kills land in every stage of the lifecycle.
      if (k % Math.max(1, Math.floor(kills / batches.length)) === 0 && batches.length) {
        const batch = batches.shift()!;
        void pool(batch, 8, (n) => shipOrder(c.rackbeat, n).catch(() => undefined));
      }
      // Aim for the window: kill as soon as a committed write waits for its answer (or after 3 s anyway).
      await sleep(200 + Math.random() * 300);
      for (const deadline = Date.now() + 3_000; Date.now() < deadline; await sleep(100)) {
        const { requests } = await c.control<{ requests: { status: unknown }[] }>('GET', '/requests?system=economic&method=POST');
        if (requests.some((r) => r.status === 'held')) {
          inWindow++;
          break;
        }
      }
      await killWorker(worker);
      killed++;
      worker = await spawnWorker(h.temporal.address, specs);
    }
    for (const batch of batches) await pool(batch, 8, (n) => shipOrder(c.rackbeat, n));
    await until(numbers, status, (s) => s.stage === 'DONE', 20 * 60_000);
    return await tally('worker SIGKILLs', started, numbers, c.economic, 'kills', status, `${killed} kill -9 of the worker, ${inWindow} while an e-conomic write was committed and unanswered`);
  } finally {
    await killWorker(worker);
    await h.close();
  }
}

/** 3. e-conomic down for 72 hours (every call 503), skipped on the time-skipping server; then it recovers. */
async function economicOutage(): Promise<Outcome> {
  const orders = scaled(20);
  const hours = 72;
  const server = resolveBinary('test-server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: server.path ? { type: 'existing-path', path: server.path } : { type: 'cached-download' } } });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  const sandbox = createSandbox({ rateLimits: { rackbeat: { limit: 0, windowMs: 1000 }, economic: { limit: 0, windowMs: 1000 } } });
  const url = await sandbox.listen(0);
  const control = async (method: string, path: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${url}/_sandbox${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}`);
  };
  const rackbeat = new RackbeatClient({ baseUrl: `${url}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken });
  const economic = new EconomicClient({ baseUrl: `${url}/economic`, appSecretToken: SANDBOX_CREDENTIALS.economic.appSecretToken, agreementGrantToken: SANDBOX_CREDENTIALS.economic.agreementGrantToken });
  const worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', deps: { clients: new ClientRegistry([sandboxConnection('outage', url, {})]) } });
  const running = worker.run();
  const started = Date.now();
  try {
    await control('POST', '/faults', { system: 'economic', kind: 'status', status: 503, count: 1_000_000_000 });
    const numbers = await createBookedOrders(rackbeat, orders);
    const handles = await Promise.all(numbers.map((n) =>
      env.client.workflow.signalWithStart('orderLifecycle', {
        workflowId: orderWorkflowId('outage', n),
        taskQueue: TASK_QUEUE,
        args: [{ connectionId: 'outage', orderNumber: String(n), settings: DEFAULT_ORDER_SETTINGS }],
        signal: orderEventSignal,
        signalArgs: [{ deliveryId: `booked-${n}`, event: 'order.booked', receivedAt: new Date().toISOString() }],
      }),
    ));
    for (const n of numbers) await shipOrder(rackbeat, n);
    await Promise.all(handles.map((handle, i) => handle.signal(orderEventSignal, { deliveryId: `shipped-${numbers[i]}`, event: 'order.shipped', receivedAt: new Date().toISOString() })));
    const from = await env.currentTimeMs();
    for (let h = 0; h < hours; h += 6) await env.sleep(6 * 60 * 60 * 1000);
    const skipped = Math.round(((await env.currentTimeMs()) - from) / 3_600_000);
    const during = await Promise.all(handles.map((handle) => handle.query(statusQuery)));
    await control('DELETE', '/faults');
    const status: StatusOf = (n) => env.client.workflow.getHandle(orderWorkflowId('outage', n)).query(statusQuery).catch(() => undefined);
    // Time skips while the retries wait out their backoff (at most 10 minutes each).
    await Promise.race([Promise.all(handles.map((handle) => handle.result().catch(() => undefined))), sleep(10 * 60_000)]);
    const heldDuring = during.filter((s) => s.stage === 'HELD').length;
    const refused = (await (await fetch(`${url}/_sandbox/requests?system=economic`)).json() as { requests: { status: unknown }[] }).requests.filter((r) => r.status === 503).length;
    return await tally('e-conomic down 72 h', started, numbers, economic, 'outage', status, `${skipped} h of 503 from every e-conomic call (${refused} calls refused), skipped; ${heldDuring} held during the outage`);
  } finally {
    worker.shutdown();
    await running;
    await sandbox.close();
    await env.teardown();
  }
}

/** 4. The Temporal server restarted (same SQLite file and port) while orders are in flight. */
async function temporalRestart(): Promise<Outcome> {
  const orders = scaled(200);
  const dir = mkdtempSync(join(tmpdir(), 'rackbridge-bench-restart-'));
  const h = await startLifecycleHarness([harnessConnection('restart')], { worker: false, temporal: { dbFilename: join(dir, 'temporal.db') } });
  const c = h.conn('restart');
  const specs = [{ id: 'restart', sandboxUrl: c.sandbox.url(), settings: {} }];
  const started = Date.now();
  let worker = await spawnWorker(h.temporal.address, specs);
  let respawned = 0;
  try {
    const numbers = await createBookedOrders(c.rackbeat, orders);
    const status = statusOf(h, 'restart');
    const shipping = pool(numbers, 8, async (n, i) => {
      if (i === Math.floor(numbers.length / 2)) await h.restartTemporal();
      // A shipment made while the server is down reaches the transfer through Rackbeat's retries and the poller.
      await shipOrder(c.rackbeat, n);
    });
    await shipping;
    // A worker that lost the server keeps polling; a process manager restarts it if it exited.
    if (worker.exitCode !== null || worker.signalCode !== null) {
      worker = await spawnWorker(h.temporal.address, specs);
      respawned++;
    }
    await until(numbers, status, (s) => s.stage === 'DONE', 20 * 60_000);
    return await tally('Temporal restarted', started, numbers, c.economic, 'restart', status, `server stopped and started once mid-run; the worker process was ${respawned ? 'restarted by the bench (it had exited)' : 'not restarted'}`);
  } finally {
    await killWorker(worker);
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SCENARIOS: Record<string, () => Promise<Outcome>> = { storm: duplicateStorm, kills: workerKills, outage: economicOutage, restart: temporalRestart };

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (ONLY && !ONLY.includes(name)) continue;
    console.log(`== ${name}`);
    outcomes.push(await run());
    console.log(JSON.stringify(outcomes.at(-1)));
  }
  printTable('Reliability (targets: 0 duplicates, 0 lost, 0 stuck, 0 manual steps)', outcomes.map(({ detail: _d, ...row }) => row));
  for (const o of outcomes) console.log(`${o.scenario}: ${o.detail}`);
  console.log(`results: ${writeResult('reliability', { scale: SCALE, at: new Date().toISOString(), outcomes })}`);
  if (outcomes.some((o) => o.duplicates || o.lost || o.stuck || o.manual)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
