import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OrderAccountingPort, OrderActivityDeps } from '../../src/activities/order-accounting/port';
import { ORDER_ACCOUNTING } from '../../src/activities/order-accounting/systems';
import type { OrderAccountingSystem } from '../../src/domain/order';
import { signalWithStartTransfer } from '../../src/temporal/start-transfer';
import { transferTarget } from '../../src/workflows/common/transfer-flow';
import { ORDER_TRANSFER } from '../../src/workflows/order/contract';
import { ledgerAccounting } from '../helpers/ledger-accounting';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';

const CONN = 'ledger';

// A system named in the set without its entry does not compile: `npm test` runs `tsc --noEmit`.
// @ts-expect-error 'ledger' has no entry in ORDER_ACCOUNTING
const incomplete: Record<OrderAccountingSystem | 'ledger', (deps: OrderActivityDeps) => OrderAccountingPort> = { ...ORDER_ACCOUNTING };
void incomplete;

describe('the order lifecycle on a second accounting system, written in the test suite only (real dev server, Rackbeat simulator)', () => {
  let h: LifecycleHarness;
  const ledger = ledgerAccounting();

  before(async () => {
    h = await startLifecycleHarness([{ id: CONN }], { orderAccounting: ledger.port });
  });
  after(async () => {
    await h.close();
  });

  test('a booked and shipped Rackbeat order becomes one booked ledger invoice with its lines; a repeated delivery writes nothing; e-conomic is never called', async () => {
    const { rackbeat, control } = h.conn(CONN);
    await control('DELETE', '/requests');
    const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }, { item_id: 'LAMP-RED', quantity: 1 }] });
    await rackbeat.bookOrder(order.number);
    await h.waitFor(CONN, order.number, 'WAITING', (s) => s.steps.some((st) => /^ledger order \d+$/.test(st.detail ?? '')));
    await shipOrder(rackbeat, order.number);
    const done = await h.waitFor(CONN, order.number, 'DONE');
    assert.ok(done.steps.some((st) => /ledger invoice \d+ booked/.test(st.detail ?? '')), JSON.stringify(done.steps));

    const docs = ledger.documents.filter((d) => d.orderNumber === order.number);
    assert.equal(docs.length, 1, 'one document for the order');
    assert.equal(docs[0]!.kind, 'booked');
    assert.deepEqual(docs[0]!.lines.map((l) => [l.item, l.quantity]), [['CHAIR-01', 2], ['LAMP-RED', 1]], "the order's lines");

    // The same webhook sent again after the transfer finished starts a new run: it finds the booked invoice and writes nothing.
    const writes = ledger.writes.length;
    const again = { deliveryId: `again-${order.number}`, event: 'order.shipped', receivedAt: new Date().toISOString() };
    await signalWithStartTransfer(h.client, transferTarget(ORDER_TRANSFER, h.conn(CONN).connection, String(order.number), [again]));
    const rerun = await h.waitFor(CONN, order.number, 'DONE', (s) => s.steps.some((st) => /^ledger invoice \d+ found$/.test(st.detail ?? '')));
    assert.ok(rerun.steps.some((st) => st.name === 'received order.shipped'));
    assert.equal(ledger.writes.length, writes, 'nothing written twice');

    const economic = await control<{ requests: unknown[] }>('GET', '/requests?system=economic');
    assert.equal(economic.requests.length, 0, 'e-conomic was not called');
  });
});
