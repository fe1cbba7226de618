import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../../src/config';
import { economicFilter } from '../../src/connectors/economic';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { ensureRackbeatPollSchedules, triggerRackbeatPoll } from '../../src/temporal/rackbeat-poll-schedules';
import { netvisorDocumentWorkflowId } from '../../src/workflows/netvisor/contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { netvisorConnection } from '../helpers/netvisor-connection';
import { eventually } from '../helpers/temporal';
import { transferWatcher } from '../helpers/transfers';

/** Rackbeat's webhooks switched off entirely: none registered by rackbridge, none by hand. */
const webhooksOff = (then?: (c: Connection, url: string) => Connection) => (connection: Connection, url: string): Connection => {
  const c = then ? then(connection, url) : connection;
  return { ...c, rackbeat: { ...c.rackbeat, registerWebhooks: false } };
};

describe('the Rackbeat poller: every flow works with Rackbeat webhooks off (real dev server, simulators)', () => {
  let h: LifecycleHarness;

  before(async () => {
    h = await startLifecycleHarness([
      { id: 'quiet', customise: webhooksOff() },
      { id: 'quietfi', customise: webhooksOff(netvisorConnection()) },
    ]);
  });
  after(() => h.close());

  test('no webhook is registered in the simulator', async () => {
    for (const id of ['quiet', 'quietfi']) {
      const { webhooks } = await h.conn(id).control<{ webhooks: unknown[] }>('GET', '/rackbeat/webhooks');
      assert.deepEqual(webhooks, []);
    }
  });

  test('an order created, booked and shipped in Rackbeat ends as one booked e-conomic invoice', async () => {
    const { rackbeat, economic } = h.conn('quiet');
    const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
    await rackbeat.bookOrder(order.number);
    await h.waitFor('quiet', order.number, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, order.number);
    const done = await h.waitFor('quiet', order.number, 'DONE');
    assert.ok(done.steps.some((s) => s.name === 'received order.polled'));
    assert.ok(!done.steps.some((s) => /received order\.(created|shipped|booked)/.test(s.name)), 'no webhook reached it');
    const booked = await economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', `rackbeat:quiet:order:${order.number}`) });
    assert.equal(booked.length, 1);
    const rb = await rackbeat.getOrder(order.number);
    assert.equal(booked[0]!.grossAmount, rb.total_total);
  });

  test('a booked Rackbeat invoice reaches Netvisor through the poller', async () => {
    const { rackbeat } = h.conn('quietfi');
    const order = await rackbeat.createOrder({ customer_id: 5, lines: [{ item_id: 'HYLLY-80', quantity: 1 }] });
    await rackbeat.bookOrder(order.number);
    await shipOrder(rackbeat, order.number);
    const { invoiceId } = await rackbeat.convertToInvoice(order.number, { book: true });
    const status = await transferWatcher(h.temporal.env.client).waitFor(netvisorDocumentWorkflowId('invoice', 'quietfi', invoiceId), (s) => s.stage === 'DONE', 'the invoice in Netvisor');
    assert.deepEqual(status.targetRefs, [`netvisor:invoice:${invoiceId}`]);
  });
});

describe('the Rackbeat poller: master data with webhooks off', () => {
  let h: LifecycleHarness;
  before(async () => {
    h = await startLifecycleHarness([{ id: 'quietmd', customise: webhooksOff(netvisorConnection()) }]);
  });
  after(() => h.close());

  test('a customer changed and a product created in Rackbeat reach Netvisor (F6, F3)', async () => {
    const { rackbeat, connection } = h.conn('quietmd');
    const netvisor = new NetvisorClient({ baseUrl: connection.netvisor!.baseUrl, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5000 });
    await rackbeat.updateCustomer(5, { address_city: 'Tampere' });
    await rackbeat.createProduct({ number: 'TUOLI-9', name: 'Tuoli yhdeksän', group: 4, sales_price: 45 });
    const card = await eventually(async () => {
      const [summary] = await netvisor.listCustomers({ codes: ['5'] });
      const c = summary && (await netvisor.getCustomer(summary.netvisorKey));
      return c?.city === 'Tampere' ? c : undefined;
    }, 'customer 5 updated in Netvisor');
    assert.equal(card.city, 'Tampere');
    const product = await eventually(() => netvisor.getProductByCode('TUOLI-9').catch(() => undefined), 'product TUOLI-9 in Netvisor');
    assert.equal(product.name, 'Tuoli yhdeksän');
  });
});

describe('the Rackbeat poller keeps within the per-token budget', () => {
  let h: LifecycleHarness;
  const PER_SECOND = 100;

  before(async () => {
    h = await startLifecycleHarness([
      // Paced at PER_SECOND a second (Rackbeat's default is 480 a minute; the test is scaled down in time, not in count).
      { id: 'bulk', customise: (c) => ({ ...c, rackbeat: { ...c.rackbeat, registerWebhooks: false, pollIntervalMs: undefined, requestsPerMinute: PER_SECOND * 60 } }) },
    ]);
  });
  after(() => h.close());

  test('a catch-up over 2,000 changed orders never exceeds the budget and wakes every transfer', { timeout: 300_000 }, async () => {
    const { rackbeat, control, connection } = h.conn('bulk');
    const ORDERS = 2_000;
    for (let i = 0; i < ORDERS; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, ORDERS - i) }, () => rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] })));
    }
    await control('DELETE', '/requests');
    // The simulator now enforces the budget: any burst above it would be answered 429.
    await control('PUT', '/rate-limits/rackbeat', { limit: PER_SECOND, windowMs: 1_000 });
    const client = h.temporal.env.client;
    await ensureRackbeatPollSchedules(client, [{ ...connection, rackbeat: { ...connection.rackbeat, pollIntervalMs: 60 * 60_000 } }]);
    assert.equal(await triggerRackbeatPoll(client, 'bulk'), true);
    await eventually(
      async () => {
        const { count } = await client.workflow.count(`WorkflowType = 'orderLifecycle' AND ExecutionStatus = 'Running'`);
        return count >= ORDERS ? count : undefined;
      },
      'every order transfer to be started by the poller',
      240_000,
    );
    // Each transfer reads its order once (not booked: it waits).
    await eventually(async () => {
      const { requests } = await control<{ requests: { path: string }[] }>('GET', '/requests?system=rackbeat');
      return requests.filter((r) => /^\/orders\/\d+$/.test(r.path)).length >= ORDERS ? true : undefined;
    }, 'every transfer to read its order', 240_000);
    const { requests } = await control<{ requests: { at: string; status: unknown }[] }>('GET', '/requests?system=rackbeat');
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'no request was refused for the rate');
    const times = requests.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
    let max = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= 1_000) lo++;
      max = Math.max(max, hi - lo + 1);
    }
    assert.ok(max <= PER_SECOND, `at most ${PER_SECOND} requests in any second, saw ${max}`);
  });
});
