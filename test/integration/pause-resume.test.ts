import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { economicFilter } from '../../src/connectors/economic';
import { orderReference } from '../../src/domain/economic';
import { requestPause } from '../../src/temporal/pause-control';
import { PausedKey } from '../../src/workflows/common/search-attributes';
import { controlWorkflowId, pauseStateQuery } from '../../src/workflows/control/contract';
import { rackbeatPollScheduleId } from '../../src/workflows/rackbeat-poll/contract';
import { orderEventSignal, orderWorkflowId, statusQuery } from '../../src/workflows/order/contract';
import { buildListQuery } from '../../src/client';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { eventually } from '../helpers/temporal';

describe('pause and resume a connection: webhooks are recorded, nothing is written, resume continues once', () => {
  let h: LifecycleHarness;
  before(async () => {
    h = await startLifecycleHarness([{ id: 'p' }, { id: 'other' }]);
  });
  after(async () => {
    await h.close();
  });

  const pausedInVisibility = (connection: string) =>
    eventually(async () => {
      const ids: string[] = [];
      for await (const wf of h.client.workflow.list({ query: buildListQuery({ connection, paused: true }) })) ids.push(wf.workflowId);
      return ids.length >= 2 ? ids.sort() : undefined;
    }, 'two paused transfers in visibility');

  test('pause stops a running transfer and a new one before their partner writes; resume makes exactly one document each', async () => {
    const { rackbeat, economic } = h.conn('p');
    const invoices = (n: number) => economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', orderReference('p', n)) });
    const drafts = (n: number) => economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('p', n)) });

    // A: a draft order in e-conomic, waiting to be shipped, before the pause.
    const a = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] })).number;
    await rackbeat.bookOrder(a);
    await h.waitFor('p', a, 'WAITING', (s) => s.targetRefs.length > 0);

    const paused = await requestPause(h.client, 'p', { action: 'pause' });
    assert.deepEqual(paused.state, { all: true, flows: [] });
    assert.ok(paused.signalled.some((t) => t.workflowId === orderWorkflowId('p', a) && t.paused), 'the running transfer was told');
    assert.equal((await h.client.schedule.getHandle(rackbeatPollScheduleId('p')).describe()).state.paused, true, 'the poll schedule is paused');
    assert.equal((await h.client.schedule.getHandle(rackbeatPollScheduleId('other')).describe()).state.paused, false, 'another connection is untouched');

    // Webhooks still arrive and are recorded: A is shipped; B is made, booked and shipped (its first
    // delivery is order.shipped: the poller that would find a booking is paused too).
    await shipOrder(rackbeat, a);
    const b = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'LAMP-RED', quantity: 2 }] })).number;
    await rackbeat.bookOrder(b);
    await shipOrder(rackbeat, b);
    // A poll already under way when the pause came may start B first; the webhook is recorded after it.
    const pausedA = await h.waitFor('p', a, 'WAITING', (s) => s.paused === true && s.steps.some((x) => x.name.startsWith('received ')));
    const pausedB = await h.waitFor('p', b, 'RECEIVED', (s) => s.paused === true && s.steps.some((x) => x.name === 'received order.shipped'));
    assert.ok(pausedA.steps.some((s) => s.name.startsWith('received ')), 'the shipment webhook was recorded');
    assert.ok(pausedB.steps.some((s) => s.name === 'received order.shipped'));
    assert.deepEqual(await pausedInVisibility('p'), [orderWorkflowId('p', a), orderWorkflowId('p', b)].sort());
    // A waits inside the pause; an event arriving now is shown at once, not only after resume.
    await h.client.workflow.getHandle(orderWorkflowId('p', a)).signal(orderEventSignal, { deliveryId: 'test:while-paused', event: 'customer.updated', receivedAt: new Date().toISOString() });
    const noted = await h.waitFor('p', a, 'WAITING', (s) => s.paused === true && s.steps.some((x) => x.name === 'received customer.updated'));
    assert.equal(noted.steps.filter((x) => x.name === 'received customer.updated').length, 1);
    const described = await h.client.workflow.getHandle(orderWorkflowId('p', b)).describe();
    assert.equal(described.typedSearchAttributes.get(PausedKey), true);
    // The run that waits paused; a delivery retried after it finished may start another (harmless, nothing is written twice).
    const pausedRunB = h.client.workflow.getHandle(orderWorkflowId('p', b), described.runId);

    assert.deepEqual(await invoices(a), [], 'no invoice while paused');
    assert.deepEqual(await invoices(b), [], 'nothing for B while paused');
    assert.deepEqual(await drafts(b), [], 'no draft for B while paused');
    assert.equal((await drafts(a)).length, 1, 'A still has its one draft order');

    // Pausing again changes nothing; resuming one flow of a wholly paused connection is refused.
    assert.deepEqual((await requestPause(h.client, 'p', { action: 'pause' })).state, { all: true, flows: [] });
    await assert.rejects(requestPause(h.client, 'p', { action: 'resume', flow: 'order' }), /whole connection is paused/);

    const resumed = await requestPause(h.client, 'p', { action: 'resume' });
    assert.deepEqual(resumed.state, { all: false, flows: [] });
    assert.equal((await h.client.schedule.getHandle(rackbeatPollScheduleId('p')).describe()).state.paused, false);
    const doneA = await h.waitFor('p', a, 'DONE');
    await h.waitFor('p', b, 'DONE');
    await pausedRunB.result();
    const doneB = await pausedRunB.query(statusQuery);
    assert.equal(doneA.paused, undefined);
    assert.equal(doneB.stage, 'DONE');
    assert.equal(doneB.paused, undefined);
    assert.ok(doneB.steps.some((s) => s.name === 'resumed'), `the paused run of B resumed: ${JSON.stringify(doneB.steps)}`);
    assert.equal(doneA.steps.filter((x) => x.name === 'received customer.updated').length, 1, 'an event shown while paused is not recorded again on resume');
    assert.equal((await invoices(a)).length, 1, 'exactly one booked invoice for A');
    assert.equal((await invoices(b)).length, 1, 'exactly one booked invoice for B');
    const after = await h.client.workflow.getHandle(orderWorkflowId('p', b)).describe();
    assert.equal(after.typedSearchAttributes.get(PausedKey), false);
  });

  test('pausing one flow leaves the others and other connections alone', async () => {
    const state = await requestPause(h.client, 'other', { action: 'pause', flow: 'netvisor-invoice' });
    assert.deepEqual(state.state, { all: false, flows: ['netvisor-invoice'] });
    assert.equal((await h.client.schedule.getHandle(rackbeatPollScheduleId('other')).describe()).state.paused, false, 'the poller serves other flows too');
    const { rackbeat } = h.conn('other');
    const n = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] })).number;
    await rackbeat.bookOrder(n);
    const s = await h.waitFor('other', n, 'WAITING', (x) => x.targetRefs.length > 0);
    assert.equal(s.paused, undefined, 'the order flow is not paused');
    assert.deepEqual(await h.client.workflow.getHandle(controlWorkflowId('other')).query(pauseStateQuery), { all: false, flows: ['netvisor-invoice'] });
    assert.deepEqual((await requestPause(h.client, 'other', { action: 'resume', flow: 'netvisor-invoice' })).state, { all: false, flows: [] });
  });
});
