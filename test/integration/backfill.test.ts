import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { CatalogCache } from '../../src/activities/economic-catalog';
import { runBackfill, webshopPreviewDeps } from '../../src/cli/backfill';
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
import { parseLossless } from '../helpers/shopify';
import { webshopConnection } from '../helpers/webshop-connection';
import { previewWebshopOrder, type WebshopPreviewDeps } from '../../src/preview/webshop-order';
import { signalWithStartTransfer } from '../../src/temporal/start-transfer';
import { transferTarget } from '../../src/workflows/common/transfer-flow';
import { WEBSHOP_ORDER_TRANSFER, webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';

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

describe('backfill and preview of webshop orders (F1): real dev server, Shopify and WooCommerce simulators', () => {
  let h: LifecycleHarness;
  let deps: WebshopPreviewDeps;
  const CONN = 'bfws';
  const DAY_MS = 86_400_000;
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
  const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString();
  before(async () => {
    // No poller, no Rackbeat webhooks, no shop webhooks registered: only the backfill starts transfers. No
    // e-conomic either: F1 alone, so every write in the request log is one a transfer made.
    h = await startLifecycleHarness([
      {
        id: CONN,
        customise: (c, url) => {
          const shops = webshopConnection({ orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3, locale: 'da' } })(c, url);
          return { ...shops, economic: undefined, rackbeat: { ...shops.rackbeat, pollIntervalMs: 0, registerWebhooks: false } };
        },
      },
    ]);
    deps = webshopPreviewDeps(h.conn(CONN).connection);
  });
  after(() => h.close());
  const conn = () => h.conn(CONN);
  const capture = () => {
    let text = '';
    return { out: { write: (s: string) => (text += s) }, text: () => text };
  };
  const placeShopify = async (body: unknown): Promise<{ id: string; name: string }> => {
    const res = await fetch(`${conn().sandbox.url()}/_sandbox/shopify/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.clone().text());
    const { order } = parseLossless(await res.text()) as { order: { id: unknown; name: string } };
    return { id: String(order.id), name: order.name };
  };
  const placeWoo = async (body: unknown): Promise<{ id: string; name: string }> => {
    const order = await conn().control<{ id: number; number: string }>('POST', '/woocommerce/orders', body);
    return { id: String(order.id), name: order.number };
  };
  const rackbeatOrdersFor = async (source: string, id: string) => (await conn().rackbeat.listOrders({ search: `${source}:${id}`, limit: 50 })).items.filter((o) => o.heading?.includes(`[${source}:${id}]`));
  const requests = async () => (await conn().control<{ requests: { seq: number; system?: string; method: string; path: string }[] }>('GET', '/requests')).requests;
  const exists = (id: string) =>
    h.client.workflow
      .getHandle(id)
      .describe()
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        },
      );
  const wf = (source: 'shopify' | 'woocommerce', id: string) => webshopOrderWorkflowId(CONN, source, id);
  const backfill = (out: { write: (s: string) => unknown }, dryRun: boolean) =>
    runBackfill(dryRun ? undefined : h.client, { connection: CONN, flow: 'webshop-order', since: yesterday, until: today, perMinute: '600', ...(dryRun ? { dryRun } : {}) }, { out, env: {}, webshopDeps: deps, pollIntervalMs: 100 });

  test('the dry run lists each shop order of the window with its verdict and writes nothing; the run creates one Rackbeat order per due order; a second run creates nothing more', async () => {
    const buyer = (email: string) => ({ email, first_name: 'Back', last_name: 'Fill' });
    const due = await placeShopify({ lines: [{ sku: 'CHAIR-01', quantity: 1 }], financial_status: 'paid', ...buyer('bf.due@example.dk') });
    const unknownSku = await placeShopify({ lines: [{ sku: 'LAMP-BLUE', quantity: 1 }], financial_status: 'paid', ...buyer('bf.sku@example.dk') });
    const unpaid = await placeShopify({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], financial_status: 'pending', ...buyer('bf.unpaid@example.dk') });
    // Created before the window and paid in it: the listing shows it changed, its creation date keeps it out.
    const before = await placeShopify({ lines: [{ sku: 'CHAIR-01', quantity: 1 }], financial_status: 'pending', created_at: tenDaysAgo, ...buyer('bf.old@example.dk') });
    await conn().control('POST', `/shopify/orders/${before.id}/pay`);
    const wooDue = await placeWoo({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], status: 'processing', billing: { email: 'bf.woo@example.dk', first_name: 'Woo', last_name: 'Fill' } });
    const wooDone = await placeWoo({ lines: [{ sku: 'BOOK-DK', quantity: 2 }], status: 'processing', billing: { email: 'bf.woodone@example.dk', first_name: 'Woo', last_name: 'Done' } });
    const wooBefore = await placeWoo({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], status: 'processing', created_at: tenDaysAgo, billing: { email: 'bf.wooold@example.dk' } });
    await conn().control('POST', `/woocommerce/orders/${wooBefore.id}/status`, { status: 'completed' });
    // Transferred before the backfill, as a webhook would have.
    await signalWithStartTransfer(h.client, transferTarget(WEBSHOP_ORDER_TRANSFER, conn().connection, { source: 'woocommerce', shopOrderId: wooDone.id }, [{ deliveryId: 'test:order.created', event: 'order.created', receivedAt: new Date().toISOString() }]));
    await transferWatcher(h.client).waitFor(wf('woocommerce', wooDone.id), (s) => s.stage === 'DONE', 'done');
    const [transferred] = await rackbeatOrdersFor('woocommerce', wooDone.id);
    assert.ok(transferred, 'the WooCommerce order transferred before the backfill');

    const seqBefore = Math.max(0, ...(await requests()).map((r) => r.seq));
    const dry = capture();
    assert.equal(await backfill(dry.out, true), 0);
    const text = dry.text();
    assert.match(text, new RegExp(`^Shopify order ${due.name} \\(${today}\\)  NEW  new: rackbridge would create and book a Rackbeat order of \\d+\\.\\d{2} DKK`, 'm'), text);
    assert.ok(text.includes(`"heading": "Shopify order ${due.name} [shopify:${due.id}]"`), 'the Rackbeat order body, with the reference the transfer finds it by');
    assert.match(text, new RegExp(`^Shopify order ${unknownSku.name} .*HELD WEBSHOP_UNKNOWN_SKU  .*LAMP-BLUE`, 'm'), text);
    assert.match(text, new RegExp(`^Shopify order ${unpaid.name} .*WAITING  .*orders transfer once paid`, 'm'), text);
    assert.match(text, new RegExp(`^WooCommerce order ${wooDue.name} \\(${today}\\)  NEW  `, 'm'), text);
    assert.match(text, new RegExp(`^WooCommerce order ${wooDone.name} .*TRANSFERRED  already transferred: Rackbeat order ${transferred.number}$`, 'm'), text);
    assert.ok(!text.includes(`Shopify order ${before.name} `) && !text.includes(`WooCommerce order ${wooBefore.name} `), 'orders created before the window are not listed');
    assert.match(text, /^5 shop order\(s\) in the window: 2 new, 1 transferred, 1 held, 1 waiting$/m);
    assert.match(text, /dry run: nothing written; without --dry-run 3 transfer\(s\) would start/);
    const during = (await requests()).filter((r) => r.seq > seqBefore);
    assert.ok(during.some((r) => r.system === 'shopify') && during.some((r) => r.system === 'woocommerce') && during.some((r) => r.system === 'rackbeat'), 'the dry run read both shops and Rackbeat');
    assert.deepEqual(during.filter((r) => r.method !== 'GET'), [], 'the dry run wrote nothing to any system');
    for (const id of [wf('shopify', due.id), wf('shopify', unknownSku.id), wf('woocommerce', wooDue.id)]) assert.equal(await exists(id), false, `the dry run started no transfer (${id})`);

    const run = capture();
    assert.equal(await backfill(run.out, false), 0);
    assert.match(run.text(), /backfill done: 3 of 3 transfer\(s\) started/);
    const watch = transferWatcher(h.client);
    await watch.waitFor(wf('shopify', due.id), (s) => s.stage === 'DONE', 'done');
    await watch.waitFor(wf('woocommerce', wooDue.id), (s) => s.stage === 'DONE', 'done');
    const held = await watch.waitFor(wf('shopify', unknownSku.id), (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'WEBSHOP_UNKNOWN_SKU');
    assert.equal(await exists(wf('shopify', unpaid.id)), false, 'the unpaid order is not started');
    assert.equal(await exists(wf('shopify', before.id)), false, 'the order created before the window is not started');
    const counts = async () => ({
      due: (await rackbeatOrdersFor('shopify', due.id)).length,
      wooDue: (await rackbeatOrdersFor('woocommerce', wooDue.id)).length,
      wooDone: (await rackbeatOrdersFor('woocommerce', wooDone.id)).length,
      unknownSku: (await rackbeatOrdersFor('shopify', unknownSku.id)).length,
      unpaid: (await rackbeatOrdersFor('shopify', unpaid.id)).length,
      before: (await rackbeatOrdersFor('shopify', before.id)).length,
      wooBefore: (await rackbeatOrdersFor('woocommerce', wooBefore.id)).length,
    });
    const once = { due: 1, wooDue: 1, wooDone: 1, unknownSku: 0, unpaid: 0, before: 0, wooBefore: 0 };
    assert.deepEqual(await counts(), once);

    const again = capture();
    assert.equal(await backfill(again.out, false), 0);
    assert.match(again.text(), new RegExp(`^Shopify order ${due.name} .*TRANSFERRED  already transferred: Rackbeat order \\d+$`, 'm'), again.text());
    assert.match(again.text(), /^5 shop order\(s\) in the window: 3 transferred, 1 held, 1 waiting$/m);
    assert.match(again.text(), /backfill done: 1 of 1 transfer\(s\) started/, 'only the held one is started (woken) again');
    await watch.waitFor(wf('shopify', unknownSku.id), (s) => s.stage === 'HELD', 'still held');
    assert.deepEqual(await counts(), once, 'nothing more in Rackbeat');

    const preview = await previewWebshopOrder(deps, 'shopify', unpaid.id);
    assert.equal(preview.verdict, 'waiting');
  });
});
