import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CatalogCache } from '../../src/activities/economic-catalog';
import { runBackfill } from '../../src/cli/backfill';
import { economicFilter } from '../../src/connectors/economic';
import { orderReference } from '../../src/domain/economic';
import { formatOrderPreview, type OrderPreviewDeps, previewOrder } from '../../src/preview/order';
import { NetvisorClient } from '../../src/connectors/netvisor';
import type { NetvisorPreviewDeps } from '../../src/preview/netvisor-document';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { netvisorDocumentWorkflowId } from '../../src/workflows/netvisor/contract';
import { editBookedLine, type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { netvisorConnection } from '../helpers/netvisor-connection';
import { transferWatcher } from '../helpers/transfers';

describe('backfill and preview of the order flow: real dev server and simulators', () => {
  let h: LifecycleHarness;
  let deps: OrderPreviewDeps;
  const today = new Date().toISOString().slice(0, 10);
  before(async () => {
    // No poller and no webhooks: only the backfill starts transfers here.
    h = await startLifecycleHarness([{ id: 'bf', customise: (c) => ({ ...c, rackbeat: { ...c.rackbeat, pollIntervalMs: 0, registerWebhooks: false } }) }]);
    const c = h.conn('bf');
    deps = { connection: c.connection, rackbeat: c.rackbeat, economic: c.economic, catalogs: new CatalogCache(), date: today };
  });
  after(async () => {
    await h.close();
  });

  const drafts = (n: number) => h.conn('bf').economic.listAll((o) => h.conn('bf').economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('bf', n)) });
  const capture = () => {
    let text = '';
    return { out: { write: (s: string) => (text += s) }, text: () => text };
  };

  test('dry run lists new, held and waiting orders with the exact document, and writes nothing; the run starts each once, twice is idempotent', async () => {
    const { rackbeat } = h.conn('bf');
    const a = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] })).number;
    await rackbeat.bookOrder(a);
    const b = (await rackbeat.createOrder({ customer_id: 4, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] })).number;
    await rackbeat.bookOrder(b);
    const c = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'LAMP-RED', quantity: 1 }] })).number;

    const dry = capture();
    const code = await runBackfill(undefined, { connection: 'bf', flow: 'order', since: '2000-01-01', dryRun: true, perMinute: '600' }, { out: dry.out, env: {}, deps });
    assert.equal(code, 0);
    const text = dry.text();
    assert.match(text, new RegExp(`^order ${a} \\(${today}\\)  NEW  new: rackbridge would create an e-conomic draft order`, 'm'), text);
    assert.match(text, new RegExp(`^order ${b} .*HELD CUSTOMER_PAYMENT_TERMS_MISSING  Set payment terms on customer 4`, 'm'), text);
    assert.match(text, new RegExp(`^order ${c} .*WAITING`, 'm'), text);
    assert.ok(text.includes(`"other": "${orderReference('bf', a)}"`), 'the JSON body carries the reference rackbridge finds it by');
    assert.match(text, /3 order\(s\) in the window: 1 new, 1 held, 1 waiting/);
    assert.match(text, /dry run: nothing written; without --dry-run 2 transfer\(s\) would start/);
    assert.deepEqual(await drafts(a), [], 'the dry run wrote nothing');

    const run = capture();
    assert.equal(await runBackfill(h.client, { connection: 'bf', flow: 'order', since: '2000-01-01', perMinute: '600' }, { out: run.out, env: {}, deps, pollIntervalMs: 100 }), 0);
    assert.match(run.text(), /backfill done: 2 of 2 transfer\(s\) started/);
    await h.waitFor('bf', a, 'WAITING', (s) => s.targetRefs.length > 0);
    await h.waitFor('bf', b, 'HELD');
    assert.equal((await drafts(a)).length, 1);

    const again = capture();
    assert.equal(await runBackfill(h.client, { connection: 'bf', flow: 'order', since: '2000-01-01', perMinute: '600' }, { out: again.out, env: {}, deps, pollIntervalMs: 100 }), 0);
    assert.match(again.text(), new RegExp(`^order ${a} .*TRANSFERRED  already transferred: e-conomic draft order`, 'm'));
    assert.match(again.text(), /backfill done: 1 of 1 transfer\(s\) started/, 'only the held one is started again');
    assert.equal((await drafts(a)).length, 1, 'still one draft order');

    const none = capture();
    await runBackfill(undefined, { connection: 'bf', flow: 'order', since: '2999-01-01', until: '2999-12-31', dryRun: true, perMinute: '30' }, { out: none.out, env: {}, deps });
    assert.match(none.text(), /^0 order\(s\) in the window$/m);
  });

  test('preview shows what a changed order would change in its existing draft, and writes nothing', async () => {
    const { rackbeat } = h.conn('bf');
    const n = (await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] })).number;
    await rackbeat.bookOrder(n);
    await runBackfill(h.client, { connection: 'bf', flow: 'order', since: '2000-01-01', perMinute: '600' }, { out: capture().out, env: {}, deps, pollIntervalMs: 100 });
    await h.waitFor('bf', n, 'WAITING', (s) => s.targetRefs.length > 0);
    const order = await rackbeat.getOrder(n);
    await editBookedLine(rackbeat, n, order.lines[0]!.id, { quantity: 5 });

    const preview = await previewOrder(deps, String(n));
    assert.equal(preview.verdict, 'transferred');
    assert.ok(preview.document?.changes?.includes('lines[0].quantity: 2 → 5'), JSON.stringify(preview.document?.changes));
    assert.match(formatOrderPreview(preview, { documents: true }), /PUT over economic:order:\d+/);
    const [listed] = await drafts(n);
    assert.ok(listed);
    const draft = await h.conn('bf').economic.getOrder('drafts', listed.orderNumber);
    assert.equal(draft.lines?.[0]?.quantity, 2, 'the draft in e-conomic is unchanged');
  });
});

describe('backfill and preview of the Netvisor invoice flow: real dev server and simulators', () => {
  let h: LifecycleHarness;
  let deps: NetvisorPreviewDeps;
  const CONN = 'bfnv';
  before(async () => {
    // No poller and no webhooks (Rackbeat has no invoice event anyway): only the backfill starts transfers.
    h = await startLifecycleHarness([{ id: CONN, customise: (c, url) => ({ ...netvisorConnection({ transfer: { invoices: true, orders: false, customers: false, products: false } })(c, url), rackbeat: { ...c.rackbeat, pollIntervalMs: 0, registerWebhooks: false } }) }]);
    const c = h.conn(CONN);
    deps = { connection: c.connection, rackbeat: c.rackbeat, netvisor: new NetvisorClient({ baseUrl: c.connection.netvisor!.baseUrl, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5000 }), date: new Date().toISOString().slice(0, 10) };
  });
  after(() => h.close());
  const capture = () => {
    let text = '';
    return { out: { write: (s: string) => (text += s) }, text: () => text };
  };
  const netvisorInvoices = async (n: number) => (await deps.netvisor.listInvoices({ invoiceNumber: String(n) })).filter((d) => d.number === String(n));

  test('dry run prints the Netvisor XML of a booked invoice and writes nothing; the run sends it once; a second run finds it transferred', async () => {
    const rackbeat = h.conn(CONN).rackbeat;
    const order = await rackbeat.createOrder({ customer_id: 5, lines: [{ item_id: 'HYLLY-80', quantity: 2 }] });
    await rackbeat.bookOrder(order.number);
    await shipOrder(rackbeat, order.number);
    const { invoiceId: n } = await rackbeat.convertToInvoice(order.number, { book: true });

    const dry = capture();
    assert.equal(await runBackfill(undefined, { connection: CONN, flow: 'netvisor-invoice', since: '2000-01-01', dryRun: true, perMinute: '600' }, { out: dry.out, env: {}, netvisorDeps: deps }), 0);
    assert.match(dry.text(), new RegExp(`^invoice ${n} \\(\\d{4}-\\d{2}-\\d{2}\\)  NEW  new: rackbridge would send a Netvisor sales invoice`, 'm'), dry.text());
    assert.ok(dry.text().includes(`<salesinvoicenumber>${n}</salesinvoicenumber>`), 'the XML that would be sent');
    assert.match(dry.text(), /1 invoice\(s\) in the window: 1 new/);
    assert.deepEqual(await netvisorInvoices(n), [], 'the dry run wrote nothing');

    const run = capture();
    assert.equal(await runBackfill(h.client, { connection: CONN, flow: 'netvisor-invoice', since: '2000-01-01', perMinute: '600' }, { out: run.out, env: {}, netvisorDeps: deps, pollIntervalMs: 100 }), 0);
    assert.match(run.text(), /backfill done: 1 of 1 transfer\(s\) started/);
    await transferWatcher(h.client).waitFor(netvisorDocumentWorkflowId('invoice', CONN, n), (s) => s.stage === 'DONE', 'done');
    assert.equal((await netvisorInvoices(n)).length, 1);

    const again = capture();
    assert.equal(await runBackfill(h.client, { connection: CONN, flow: 'netvisor-invoice', since: '2000-01-01', perMinute: '600' }, { out: again.out, env: {}, netvisorDeps: deps }), 0);
    assert.match(again.text(), new RegExp(`^invoice ${n} .*TRANSFERRED  already transferred`, 'm'), again.text());
    assert.match(again.text(), /nothing to start/);
    assert.equal((await netvisorInvoices(n)).length, 1, 'still one Netvisor invoice');
  });
});
