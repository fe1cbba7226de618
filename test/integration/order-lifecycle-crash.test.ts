import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { economicFilter } from '../../src/connectors/economic';
import { orderReference } from '../../src/domain/economic';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { spawnWorker } from '../helpers/spawn-worker';
import { eventually } from '../helpers/temporal';

function startWorkerProcess(h: LifecycleHarness): Promise<ChildProcess> {
  return spawnWorker(h.temporal.address, [{ id: 'acme', sandboxUrl: h.conn('acme').sandbox.url(), settings: {} }]);
}

describe('order lifecycle: the worker dies abruptly mid-flight', () => {
  let h: LifecycleHarness;
  let worker: ChildProcess | undefined;
  before(async () => {
    h = await startLifecycleHarness([{ id: 'acme' }], { worker: false });
  });
  after(async () => {
    worker?.kill('SIGKILL');
    await h.close();
  });

  test('killed with SIGKILL while several orders are being created and started again: all complete, none twice', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    worker = await startWorkerProcess(h);
    // Slow e-conomic writes, so the kill lands while the creates are in flight.
    await control('POST', '/faults', { system: 'economic', kind: 'latency', latencyMs: 2_000, match: { method: 'POST', path: '^/orders/drafts$' }, count: 5 });
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: i + 1 }] });
      await rackbeat.bookOrder(order.number);
      numbers.push(order.number);
    }
    await eventually(async () => {
      const { requests } = await control<{ requests: unknown[] }>('GET', '/requests?system=economic&method=POST&path=/orders/drafts');
      return requests.length >= 3 ? true : undefined;
    }, 'creates to be in flight');
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));

    worker = await startWorkerProcess(h);
    for (const n of numbers) await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    for (const n of numbers) await shipOrder(rackbeat, n);
    for (const n of numbers) await h.waitFor('acme', n, 'DONE');

    for (const [i, n] of numbers.entries()) {
      const reference = orderReference('acme', n);
      const booked = await economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', reference) });
      assert.equal(booked.length, 1, `order ${n}: one booked invoice`);
      assert.equal(booked[0]!.lines?.[0]?.quantity, i + 1);
      const orders = [
        ...(await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', reference) })),
        ...(await economic.listAll((o) => economic.listOrders('archived', o), { filter: economicFilter.eq('references.other', reference) })),
      ];
      assert.equal(orders.length, 1, `order ${n}: one e-conomic order`);
    }
  });
});
