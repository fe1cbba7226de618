import { orderWorkflowId, statusQuery } from '../src/workflows/order/contract';
import { startLifecycleHarness } from '../test/helpers/lifecycle';
import { countBillableActions } from './billable-actions';
import { pool } from './pool';
import { percentile, printTable, writeResult } from './stats';

/**
 * (b) End to end: N orders from booked to booked invoice against the simulators (a dev server
 * in memory, simulators without rate limits) — orders/min and shipped → invoice booked latency.
 * (c) Cost per order: history events, billable actions counted from the histories, e-conomic calls.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 10_000);
const CUSTOMERS = [1, 2, 3];
const PRODUCTS = ['CHAIR-01', 'LAMP-RED', 'DESK/120', 'BOOK-DK'];

async function untilWaiting(h: Awaited<ReturnType<typeof startLifecycleHarness>>, n: number): Promise<void> {
  for (;;) {
    try {
      const s = await h.temporal.env.client.workflow.getHandle(orderWorkflowId('bench', n)).query(statusQuery);
      if (s.targetRefs.length > 0) return;
      if (s.stage === 'HELD') throw new Error(`order ${n} held: ${s.heldReason ?? ''}`);
    } catch (err) {
      if (err instanceof Error && err.message.includes('held')) throw err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  // Bookings reach the transfers through the poller (Rackbeat has no booking webhook); production polls every 2 minutes.
  const h = await startLifecycleHarness([{ id: 'bench', customise: (c) => ({ ...c, rackbeat: { ...c.rackbeat, pollIntervalMs: POLL_MS } }) }]);
  const { rackbeat, control } = h.conn('bench');
  try {
    // Stock for every order.
    for (const number of PRODUCTS) await rackbeat.updateProduct(number, { stock_quantity: 100_000 });
    await control('DELETE', '/requests');
    const numbers: number[] = [];
    const started = performance.now();
    await pool(Array.from({ length: ORDERS }, (_, i) => i), CONCURRENCY, async (i) => {
      const order = await rackbeat.createOrder({ customer_id: CUSTOMERS[i % CUSTOMERS.length]!, lines: [{ item_id: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3) }, { item_id: PRODUCTS[(i + 1) % PRODUCTS.length]!, quantity: 1 }] });
      await rackbeat.bookOrder(order.number);
      numbers.push(order.number);
    });
    await pool(numbers, CONCURRENCY, (n) => untilWaiting(h, n));

    const shippedAt = new Map<number, number>();
    const latencies: number[] = [];
    await pool(numbers, CONCURRENCY, async (n) => {
      const shipment = await rackbeat.createShipment(n);
      await rackbeat.markShipmentShipped(shipment.id);
      shippedAt.set(n, Date.now());
    });
    await Promise.all(
      numbers.map(async (n) => {
        const handle = h.temporal.env.client.workflow.getHandle(orderWorkflowId('bench', n));
        await handle.result();
        const closeTime = (await handle.describe()).closeTime;
        latencies.push((closeTime?.getTime() ?? Date.now()) - shippedAt.get(n)!);
      }),
    );
    const minutes = (performance.now() - started) / 60_000;
    const economicRequests = (await control<{ requests: { system: string; method: string; path: string }[] }>('GET', '/requests?system=economic')).requests;
    const economicCalls = economicRequests.length;
    // Which calls they are, per order: numbers and filters folded, so the lookups show as one row each.
    const byCall = new Map<string, number>();
    for (const r of economicRequests) {
      const call = `${r.method} ${r.path.replace(/\?.*$/, (q) => (q.includes('filter') ? '?filter' : '')).replace(/\/\d+/g, '/:n')}`;
      byCall.set(call, (byCall.get(call) ?? 0) + 1);
    }
    const calls = Object.fromEntries([...byCall].sort((a, b) => b[1] - a[1]).map(([call, n]) => [call, +(n / ORDERS).toFixed(2)]));

    const costs = await Promise.all(numbers.map(async (n) => countBillableActions(await h.temporal.env.client.workflow.getHandle(orderWorkflowId('bench', n)).fetchHistory())));
    latencies.sort((a, b) => a - b);
    const events = costs.map((c) => c.events).sort((a, b) => a - b);
    const actions = costs.map((c) => c.actions).sort((a, b) => a - b);
    const e2e = { orders: ORDERS, 'orders/min': Math.round(ORDERS / minutes), 'shipped→booked p50 ms': Math.round(percentile(latencies, 50)), 'shipped→booked p99 ms': Math.round(percentile(latencies, 99)) };
    const cost = {
      'history events (median)': percentile(events, 50),
      'history events (max)': events.at(-1)!,
      'billable actions (median)': percentile(actions, 50),
      'billable actions (max)': actions.at(-1)!,
      'e-conomic calls per order': +(economicCalls / ORDERS).toFixed(2),
    };
    printTable('(b) End to end: booked → shipped → booked invoice (simulators, in-memory dev server)', [e2e]);
    printTable('(c) Cost per order (targets: ≤ 6 actions, ≤ 60 events, ≤ 5 e-conomic calls)', [cost]);
    console.log('e-conomic calls per order, by call:');
    for (const [call, n] of Object.entries(calls)) console.log(`  ${n.toFixed(2)}  ${call}`);
    const typical = costs.find((c) => c.actions === percentile(actions, 50)) ?? costs[0];
    console.log(`results: ${writeResult('order-lifecycle', { e2e, cost, economicCallsPerOrder: calls, typicalBreakdown: typical?.breakdown })}`);
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
