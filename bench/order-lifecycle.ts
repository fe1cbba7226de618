import type { ChildProcess } from 'node:child_process';
import { startDevServer } from '../src/temporal/dev-server';
import { orderWorkflowId, statusQuery } from '../src/workflows/order/contract';
import { type HarnessConnection, type LifecycleHarness, startLifecycleHarness } from '../test/helpers/lifecycle';
import { killWorker, spawnWorker, type WorkerSlots } from '../test/helpers/spawn-worker';
import { countBillableActions } from './billable-actions';
import { childPids, startCpuMeter } from './cpu-meter';
import { traceHistory } from './history-trace';
import { pool } from './pool';
import { percentile, printTable, writeResult } from './stats';
import { benchTemporal } from './temporal-target';

/**
 * (b) End to end: N orders from booked to booked invoice against the simulators (no rate limits),
 * once per worker count (BENCH_WORKERS, default `1,2`), each worker its own process
 * (`test/helpers/worker-process.ts`) — orders/min and shipped → invoice booked latency.
 * (c) Cost per order: history events, billable actions counted from the histories, e-conomic calls.
 * On the dev server it starts (default), or on scripts/cluster.sh's server (BENCH_TEMPORAL=cluster).
 *
 * Partner-bound mode (docs/reliability.md, "A second worker when the partners bound throughput"):
 * BENCH_PARTNER_LATENCY_MS=n makes every e-conomic and Rackbeat call answer after n ms (the
 * simulators' latency fault), BENCH_WORKER_SLOTS=n gives each worker process n activity slots (and
 * n workflow task slots, at least 2, or BENCH_WORKFLOW_SLOTS); the run then also reports the CPU each side used.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 10_000);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
/** Print where the time went for the first, middle and last order shipped (`BENCH_TRACE=1`). */
const TRACE = process.env.BENCH_TRACE === '1';
const PARTNER_LATENCY_MS = process.env.BENCH_PARTNER_LATENCY_MS ? Number(process.env.BENCH_PARTNER_LATENCY_MS) : undefined;
const SLOTS = process.env.BENCH_WORKER_SLOTS ? Number(process.env.BENCH_WORKER_SLOTS) : undefined;
/** Workflow tasks hold no partner call; BENCH_WORKFLOW_SLOTS overrides their limit (default: the activity slots, at least the SDK's minimum of 2). */
const WORKFLOW_SLOTS = process.env.BENCH_WORKFLOW_SLOTS ? Number(process.env.BENCH_WORKFLOW_SLOTS) : Math.max(2, SLOTS ?? 0);
const WORKER_SLOTS: WorkerSlots | undefined = SLOTS === undefined ? undefined : { maxConcurrentActivityTaskExecutions: SLOTS, maxConcurrentWorkflowTaskExecutions: WORKFLOW_SLOTS };
const PARTNER_BOUND = PARTNER_LATENCY_MS !== undefined || SLOTS !== undefined;
/** Far more calls than a run makes: the latency fault stays for the whole run. */
const EVERY_CALL = 1_000_000_000;
const CUSTOMERS = [1, 2, 3];
const PRODUCTS = ['CHAIR-01', 'LAMP-RED', 'DESK/120', 'BOOK-DK'];

async function untilWaiting(h: LifecycleHarness, id: string, n: number): Promise<void> {
  for (;;) {
    try {
      const s = await h.client.workflow.getHandle(orderWorkflowId(id, n)).query(statusQuery);
      if (s.targetRefs.length > 0) return;
      if (s.stage === 'HELD') throw new Error(`order ${n} held: ${s.heldReason ?? ''}`);
    } catch (err) {
      if (err instanceof Error && err.message.includes('held')) throw err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Run {
  workers: number;
  e2e: Record<string, number>;
  cost: Record<string, number>;
  calls: Record<string, number>;
  /** Partner-bound mode: the Rackbeat calls too (the bench's own among them: creating, booking and shipping each order). */
  rackbeatCalls?: Record<string, number>;
  typical: unknown;
  cpu?: Record<string, string>;
}

async function run(address: string, workers: number): Promise<Run> {
  const id = `bench-w${workers}`;
  // Bookings reach the transfers through the poller (Rackbeat has no booking webhook); production polls every 2 minutes.
  const h = await startLifecycleHarness([{ id, customise: (c) => ({ ...c, rackbeat: { ...c.rackbeat, pollIntervalMs: POLL_MS } }) }], { external: { address }, worker: false });
  const { rackbeat, control, connection } = h.conn(id);
  const sandboxUrl = connection.rackbeat.baseUrl.replace(/\/rackbeat\/api$/, '');
  const processes: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) processes.push(await spawnWorker(address, [{ id, sandboxUrl, settings: {} }], WORKER_SLOTS));
    for (const number of PRODUCTS) await rackbeat.updateProduct(number, { stock_quantity: 100_000 });
    if (PARTNER_LATENCY_MS !== undefined) {
      for (const system of ['economic', 'rackbeat']) await control('POST', '/faults', { system, kind: 'latency', latencyMs: PARTNER_LATENCY_MS, count: EVERY_CALL });
    }
    await control('DELETE', '/requests');
    const workerPids = processes.map((p) => p.pid!);
    // The dev server is the bench's child; a cluster's server is not, and is counted in "machine" only.
    const serverPids = childPids(process.pid, 'temporal');
    const meter = PARTNER_BOUND ? startCpuMeter({ ...(serverPids.length > 0 ? { server: serverPids } : {}), workers: workerPids, 'bench+simulators': [process.pid] }) : undefined;
    const numbers: number[] = [];
    const started = performance.now();
    await pool(Array.from({ length: ORDERS }, (_, i) => i), CONCURRENCY, async (i) => {
      const order = await rackbeat.createOrder({ customer_id: CUSTOMERS[i % CUSTOMERS.length]!, lines: [{ item_id: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3) }, { item_id: PRODUCTS[(i + 1) % PRODUCTS.length]!, quantity: 1 }] });
      await rackbeat.bookOrder(order.number);
      numbers.push(order.number);
    });
    await pool(numbers, CONCURRENCY, (n) => untilWaiting(h, id, n));

    const shippedAt = new Map<number, number>();
    const latencies: number[] = [];
    await pool(numbers, CONCURRENCY, async (n) => {
      const shipment = await rackbeat.createShipment(n);
      await rackbeat.markShipmentShipped(shipment.id);
      shippedAt.set(n, Date.now());
    });
    await Promise.all(
      numbers.map(async (n) => {
        const handle = h.client.workflow.getHandle(orderWorkflowId(id, n));
        await handle.result();
        const closeTime = (await handle.describe()).closeTime;
        latencies.push((closeTime?.getTime() ?? Date.now()) - shippedAt.get(n)!);
      }),
    );
    const minutes = (performance.now() - started) / 60_000;
    const cpu = meter?.stop();
    if (TRACE) await traceShipping(h, id, numbers, shippedAt);
    const economicRequests = await requestsOf(control, 'economic');
    const calls = callsPerOrder(economicRequests);
    const rackbeatCalls = PARTNER_BOUND ? callsPerOrder(await requestsOf(control, 'rackbeat')) : undefined;
    const costs = await Promise.all(numbers.map(async (n) => countBillableActions(await h.client.workflow.getHandle(orderWorkflowId(id, n)).fetchHistory())));
    latencies.sort((a, b) => a - b);
    const events = costs.map((c) => c.events).sort((a, b) => a - b);
    const actions = costs.map((c) => c.actions).sort((a, b) => a - b);
    return {
      workers,
      e2e: { workers, orders: ORDERS, 'orders/min': Math.round(ORDERS / minutes), 'shipped→booked p50 ms': Math.round(percentile(latencies, 50)), 'shipped→booked p99 ms': Math.round(percentile(latencies, 99)) },
      cost: {
        'history events (median)': percentile(events, 50),
        'history events (max)': events.at(-1)!,
        'billable actions (median)': percentile(actions, 50),
        'billable actions (max)': actions.at(-1)!,
        'e-conomic calls per order': +(economicRequests.length / ORDERS).toFixed(2),
      },
      calls,
      ...(rackbeatCalls ? { rackbeatCalls } : {}),
      typical: (costs.find((c) => c.actions === percentile(actions, 50)) ?? costs[0])?.breakdown,
      ...(cpu ? { cpu: { workers: String(workers), ...Object.fromEntries(Object.entries(cpu).map(([name, use]) => [name, `${use.mean.toFixed(2)} (peak ${use.peak.toFixed(2)})`])) } } : {}),
    };
  } finally {
    for (const p of processes) await killWorker(p);
    await h.close();
  }
}

type Requests = { system: string; method: string; path: string }[];

async function requestsOf(control: HarnessConnection['control'], system: string): Promise<Requests> {
  return (await control<{ requests: Requests }>('GET', `/requests?system=${system}`)).requests;
}

/** Which calls they are, per order: numbers and filters folded, so the lookups show as one row each. */
function callsPerOrder(requests: Requests): Record<string, number> {
  const byCall = new Map<string, number>();
  for (const r of requests) {
    const call = `${r.method} ${r.path.replace(/\?.*$/, (q) => (q.includes('filter') ? '?filter' : '')).replace(/\/\d+/g, '/:n')}`;
    byCall.set(call, (byCall.get(call) ?? 0) + 1);
  }
  return Object.fromEntries([...byCall].sort((a, b) => b[1] - a[1]).map(([call, n]) => [call, +(n / ORDERS).toFixed(2)]));
}

async function traceShipping(h: LifecycleHarness, id: string, numbers: number[], shippedAt: Map<number, number>): Promise<void> {
  const bySent = [...numbers].sort((a, b) => shippedAt.get(a)! - shippedAt.get(b)!);
  const first = shippedAt.get(bySent[0]!)!;
  for (const n of [bySent[0]!, bySent[Math.floor(bySent.length / 2)]!, bySent.at(-1)!]) {
    const history = await h.client.workflow.getHandle(orderWorkflowId(id, n)).fetchHistory();
    const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes);
    const fromEvent = Number(signals.at(-1)?.eventId ?? 0);
    console.log(`order ${n}, shipped ${shippedAt.get(n)! - first} ms after the first; its history from the order.shipped signal, ms after it was shipped:`);
    for (const row of traceHistory(history, shippedAt.get(n)!, fromEvent)) console.log(`  ${row}`);
  }
}

async function main(): Promise<void> {
  const temporal = await benchTemporal(() => startDevServer({}));
  try {
    const runs: Run[] = [];
    for (const workers of WORKERS) runs.push(await run(temporal.address, workers));
    const where = temporal.kind === 'cluster' ? `Temporal server on PostgreSQL at ${temporal.address}` : 'in-memory dev server';
    const bound = PARTNER_BOUND ? `, partner latency ${PARTNER_LATENCY_MS ?? 0} ms per call, ${WORKER_SLOTS ? `${SLOTS} activity / ${WORKER_SLOTS.maxConcurrentWorkflowTaskExecutions} workflow task slots` : 'default slots'} per worker` : '';
    printTable(`(b) End to end: booked → shipped → booked invoice (simulators, ${where}, ${CONCURRENCY} at a time, workers as separate processes${bound})`, runs.map((r) => r.e2e));
    if (PARTNER_BOUND) printTable('CPU in cores (of this machine\'s, all processes on it included in "machine"): mean over the run (busiest second)', runs.map((r) => r.cpu!));
    const one = runs.find((r) => r.workers === 1);
    const two = runs.find((r) => r.workers === 2);
    const gain = one && two ? Math.round((two.e2e['orders/min']! / one.e2e['orders/min']! - 1) * 100) : undefined;
    if (gain !== undefined) console.log(`a second worker: ${gain >= 0 ? '+' : ''}${gain} % orders/min (target ≥ 60 % when the server is not the bottleneck)`);
    const first = runs[0]!;
    printTable('(c) Cost per order (targets: ≤ 6 actions, ≤ 60 events, ≤ 5 e-conomic calls)', [first.cost]);
    console.log('e-conomic calls per order, by call:');
    for (const [call, n] of Object.entries(first.calls)) console.log(`  ${n.toFixed(2)}  ${call}`);
    if (first.rackbeatCalls) {
      console.log(`Rackbeat calls per order (${Object.values(first.rackbeatCalls).reduce((a, b) => a + b, 0).toFixed(2)}), by call, the bench's own included:`);
      for (const [call, n] of Object.entries(first.rackbeatCalls)) console.log(`  ${n.toFixed(2)}  ${call}`);
    }
    const name = `order-lifecycle${PARTNER_BOUND ? '-partner-bound' : ''}${temporal.kind === 'cluster' ? '-cluster' : ''}`;
    const partnerBound = PARTNER_BOUND ? { partnerLatencyMs: PARTNER_LATENCY_MS ?? 0, workerSlots: WORKER_SLOTS ?? 'default', cpu: runs.map((r) => r.cpu) } : {};
    console.log(`results: ${writeResult(name, { temporal: temporal.kind, ...partnerBound, e2e: runs.map((r) => r.e2e), secondWorkerGainPercent: gain, cost: first.cost, economicCallsPerOrder: first.calls, typicalBreakdown: first.typical })}`);
  } finally {
    await temporal.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
