import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { temporal } from '@temporalio/proto';
import type { EconomicClient } from '../../src/connectors/economic';
import { economicFilter } from '../../src/connectors/economic';
import type { OrderLineInput, RackbeatClient } from '../../src/connectors/rackbeat';
import { creditNoteReference, decimalPlaces, orderReference } from '../../src/domain/economic';
import { HeldReasonKey, TargetRefsKey, TransferStageKey } from '../../src/workflows/common/search-attributes';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { cancelInRackbeat, editBookedLine, type LifecycleHarness, shipOrder, signalWebshopBooked, startLifecycleHarness } from '../helpers/lifecycle';
import { eventually } from '../helpers/temporal';

async function bookedInvoices(economic: EconomicClient, reference: string) {
  return economic.listAll((o) => economic.listBookedInvoices(o), { filter: economicFilter.eq('references.other', reference) });
}

async function newBookedOrder(rackbeat: RackbeatClient, lines: OrderLineInput[] = [{ item_id: 'CHAIR-01', quantity: 2 }], customer = 1): Promise<number> {
  const order = await rackbeat.createOrder({ customer_id: customer, lines });
  await rackbeat.bookOrder(order.number);
  return order.number;
}

describe('order lifecycle: each setting combination, driven by Rackbeat webhooks', () => {
  let h: LifecycleHarness;
  before(async () => {
    h = await startLifecycleHarness([
      { id: 'std' },
      { id: 'direct', settings: { documentType: 'invoice' } },
      { id: 'onbook', settings: { invoiceWhen: 'booked' } },
      { id: 'draftonly', settings: { bookInvoice: false } },
      { id: 'email', settings: { sendBy: 'email' } },
      { id: 'ean', settings: { sendBy: 'ean' } },
      { id: 'pay', settings: { registerPayment: { journalNumber: 2 } } },
    ]);
  });
  after(async () => {
    await h.close();
  });

  test('documentType order, invoiceWhen shipped: a draft order while open, one booked invoice after shipping', async () => {
    const { rackbeat, economic } = h.conn('std');
    const n = await newBookedOrder(rackbeat, [{ item_id: 'CHAIR-01', quantity: 2 }, { item_id: 'LAMP-RED', quantity: 3 }]);
    const waiting = await h.waitFor('std', n, 'WAITING', (s) => s.targetRefs.length > 0);
    assert.equal(waiting.targetRefs.length, 1);
    assert.match(waiting.targetRefs[0]!, /^economic:order:\d+$/);
    const draftOrders = await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('std', n)) });
    assert.equal(draftOrders.length, 1);
    await shipOrder(rackbeat, n);
    const done = await h.waitFor('std', n, 'DONE');
    const [invoice, ...more] = await bookedInvoices(economic, orderReference('std', n));
    assert.ok(invoice);
    assert.deepEqual(more, []);
    const rb = await rackbeat.getOrder(n);
    assert.equal(invoice.netAmount, rb.total_subtotal);
    assert.equal(invoice.grossAmount, rb.total_total);
    assert.deepEqual((invoice.lines ?? []).map((l) => [l.product?.productNumber, l.quantity, l.unitNetPrice]), [['CHAIR-01', 2, 799], ['LAMP-RED', 3, 249]]);
    assert.equal(invoice.orderNumber, draftOrders[0]!.orderNumber, 'the booked invoice names the e-conomic order it came from');
    assert.deepEqual(await economic.listAll((o) => economic.listOrders('drafts', o)), [], 'the e-conomic order left the drafts when invoiced');
    assert.ok(done.targetRefs.includes(`economic:invoice:${invoice.bookedInvoiceNumber}`));
    const description = await h.temporal.env.client.workflow.getHandle(orderWorkflowId('std', n)).describe();
    assert.equal(description.status.name, 'COMPLETED');
    assert.equal(description.typedSearchAttributes.get(TransferStageKey), 'DONE');
    assert.deepEqual(description.typedSearchAttributes.get(TargetRefsKey), done.targetRefs);
    // Billed actions: a transfer rackbridge starts carries its generation and asks no patched(),
    // whose marker would upsert TemporalChangeVersion; the stage is upserted once, when DONE.
    const events = (await h.temporal.env.client.workflow.getHandle(orderWorkflowId('std', n)).fetchHistory()).events ?? [];
    const EventType = temporal.api.enums.v1.EventType;
    const patchMarkers = events.filter((e) => Number(e.eventType) === Number(EventType.EVENT_TYPE_MARKER_RECORDED) && e.markerRecordedEventAttributes?.markerName === 'core_patch');
    const upserts = events.filter((e) => Number(e.eventType) === Number(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES));
    assert.deepEqual(patchMarkers, [], 'no patch marker in a transfer started by this rackbridge');
    assert.deepEqual(upserts.map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).sort()), [['HeldReason', 'TargetRefs', 'TransferStage']]);
  });

  test('a BOM (lot) line is read from /lots and invoiced as a product, never a 404 failure', async () => {
    const { rackbeat, economic } = h.conn('std');
    const n = await newBookedOrder(rackbeat, [{ item_id: 'SET-OFFICE', quantity: 1 }, { item_id: 'LAMP-RED', quantity: 1 }]);
    const line = (await rackbeat.getOrder(n)).lines.find((l) => l.child_type === 'lot');
    assert.ok(line, 'Rackbeat returns the line as child_type lot');
    await h.waitFor('std', n, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, n);
    await h.waitFor('std', n, 'DONE');
    const [invoice, ...more] = await bookedInvoices(economic, orderReference('std', n));
    assert.deepEqual(more, []);
    assert.deepEqual((invoice?.lines ?? []).map((l) => l.product?.productNumber), ['SET-OFFICE', 'LAMP-RED']);
    assert.equal((await economic.getProduct('SET-OFFICE')).name, 'Kontorsæt (stol + bord)');
  });

  test('a change before shipping updates the e-conomic draft, and the invoice carries it', async () => {
    const { rackbeat, economic } = h.conn('std');
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('std', n, 'WAITING', (s) => s.targetRefs.length > 0);
    const line = (await rackbeat.getOrder(n)).lines[0]!;
    await editBookedLine(rackbeat, n, line.id, { quantity: 5 });
    const reference = orderReference('std', n);
    await h.waitFor('std', n, 'WAITING', (s) => s.steps.some((step) => step.detail?.includes('updated') === true));
    const [draft] = await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', reference) });
    assert.ok(draft);
    assert.equal((await economic.getOrder('drafts', draft.orderNumber)).lines?.[0]?.quantity, 5);
    await shipOrder(rackbeat, n);
    await h.waitFor('std', n, 'DONE');
    const [invoice] = await bookedInvoices(economic, reference);
    assert.equal(invoice?.lines?.[0]?.quantity, 5);
  });

  test('cancelling before the invoice deletes the e-conomic draft order', async () => {
    const { rackbeat, economic } = h.conn('std');
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('std', n, 'WAITING', (s) => s.targetRefs.length > 0);
    await cancelInRackbeat(h.conn('std'), n);
    await h.waitFor('std', n, 'CANCELLED');
    const reference = orderReference('std', n);
    assert.deepEqual(await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', reference) }), []);
    assert.deepEqual(await bookedInvoices(economic, reference), []);
  });

  test('documentType invoice: a draft invoice at booking, booked after shipping, no e-conomic order', async () => {
    const { rackbeat, economic } = h.conn('direct');
    const n = await newBookedOrder(rackbeat);
    const waiting = await h.waitFor('direct', n, 'WAITING', (s) => s.targetRefs.length > 0);
    assert.match(waiting.targetRefs[0]!, /^economic:draft-invoice:\d+$/);
    await shipOrder(rackbeat, n);
    await h.waitFor('direct', n, 'DONE');
    assert.equal((await bookedInvoices(economic, orderReference('direct', n))).length, 1);
    assert.deepEqual(await economic.listAll((o) => economic.listOrders('drafts', o)), []);
    assert.deepEqual(await economic.listAll((o) => economic.listOrders('archived', o)), []);
  });

  test('fixed shop discounts (percentages like 3.367003 %) and 4-decimal prices reach a booked invoice to the cent', async () => {
    const { rackbeat, economic, control } = h.conn('direct');
    // What the webshop mapping makes of fixed discounts: 10.00 off 3 × 99.00, 1.00 off 3 × 10.00, 33.33 off 2 × 149.50.
    const n = await newBookedOrder(rackbeat, [
      { item_id: 'CHAIR-01', quantity: 3, line_price: 99, discount_percentage: 3.367003 },
      { item_id: 'LAMP-RED', quantity: 3, line_price: 10, discount_percentage: 3.333333 },
      { item_id: 'DESK/120', quantity: 2, line_price: 149.5, discount_percentage: 11.147157 },
      { item_id: 'BOOK-DK', quantity: 1, line_price: 12.3456 },
    ]);
    const waiting = await h.waitFor('direct', n, 'WAITING', (s) => s.targetRefs.length > 0);
    assert.equal(waiting.heldReason, undefined);
    await shipOrder(rackbeat, n);
    await h.waitFor('direct', n, 'DONE');
    const [invoice] = await bookedInvoices(economic, orderReference('direct', n));
    assert.ok(invoice);
    const rb = await rackbeat.getOrder(n);
    assert.deepEqual([invoice.netAmount, invoice.vatAmount, invoice.grossAmount], [rb.total_subtotal, rb.total_vat, rb.total_total]);
    const { requests } = await control<{ requests: { body: { lines?: { quantity: number; unitNetPrice: number; discountPercentage?: number }[] } }[] }>('GET', '/requests?system=economic&method=POST&path=/invoices/drafts');
    const sent = requests.at(-1)?.body.lines ?? [];
    assert.ok(sent.length >= 4);
    for (const line of sent) {
      for (const value of [line.quantity, line.unitNetPrice, line.discountPercentage ?? 0]) assert.ok(decimalPlaces(value) <= 2, `${value} in ${JSON.stringify(line)}`);
    }
  });

  test('invoiceWhen booked: booking in Rackbeat books the invoice; cancelling afterwards credits it', async () => {
    const { rackbeat, economic } = h.conn('onbook');
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('onbook', n, 'DONE');
    const [invoice] = await bookedInvoices(economic, orderReference('onbook', n));
    assert.ok(invoice);
    await cancelInRackbeat(h.conn('onbook'), n);
    const cancelled = await h.waitFor('onbook', n, 'CANCELLED');
    const credits = await bookedInvoices(economic, creditNoteReference('onbook', n));
    assert.equal(credits.length, 1);
    assert.equal(credits[0]!.grossAmount, -invoice.grossAmount);
    assert.ok(cancelled.targetRefs.includes(`economic:credit-note:${credits[0]!.bookedInvoiceNumber}`));
  });

  test('bookInvoice off: the draft invoice is left for the bookkeeper', async () => {
    const { rackbeat, economic } = h.conn('draftonly');
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('draftonly', n, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, n);
    await h.waitFor('draftonly', n, 'DONE');
    const reference = orderReference('draftonly', n);
    assert.equal((await economic.listAll((o) => economic.listDraftInvoices(o), { filter: economicFilter.eq('references.other', reference) })).length, 1);
    assert.deepEqual(await bookedInvoices(economic, reference), []);
  });

  test('sendBy email books with sendBy Email', async () => {
    const { rackbeat, control } = h.conn('email');
    const n = await newBookedOrder(rackbeat);
    await shipOrder(rackbeat, n);
    await h.waitFor('email', n, 'DONE');
    const { requests } = await control<{ requests: { method: string; path: string; body: { sendBy?: string } }[] }>('GET', '/requests?system=economic&method=POST&path=/invoices/booked');
    assert.deepEqual(requests.map((r) => r.body.sendBy), ['Email']);
  });

  test('sendBy ean books with sendBy EAN for a customer with a 13-digit EAN', async () => {
    const { rackbeat, control } = h.conn('ean');
    await rackbeat.updateCustomer(2, { ean: '5798000363007' });
    const n = await newBookedOrder(rackbeat, [{ item_id: 'CHAIR-01', quantity: 1 }], 2);
    await shipOrder(rackbeat, n);
    await h.waitFor('ean', n, 'DONE');
    const { requests } = await control<{ requests: { body: { sendBy?: string } }[] }>('GET', '/requests?system=economic&method=POST&path=/invoices/booked');
    assert.deepEqual(requests.map((r) => r.body.sendBy), ['EAN']);
  });

  test('sendBy ean holds an order whose customer has no EAN, naming the fix', async () => {
    const { rackbeat } = h.conn('ean');
    const n = await newBookedOrder(rackbeat, [{ item_id: 'CHAIR-01', quantity: 1 }], 1);
    const held = await h.waitFor('ean', n, 'HELD');
    assert.equal(held.heldReason, 'SEND_BY_PREREQUISITE');
    assert.match(held.heldMessage ?? '', /EAN/);
  });

  test('registerPayment: the payment the webshop transfer carries is entered, and nothing writes is_paid to Rackbeat', async () => {
    const { rackbeat, control } = h.conn('pay');
    const n = await newBookedOrder(rackbeat);
    await signalWebshopBooked(h, 'pay', n, { source: 'woocommerce', shopOrderId: '727', amountCents: 199_750, currency: 'DKK', gateway: 'Direct bank transfer' });
    await shipOrder(rackbeat, n);
    const done = await h.waitFor('pay', n, 'DONE', (s) => s.steps.some((st) => st.name === 'register payment in e-conomic'));
    const { requests } = await control<{ requests: { path: string; body: { entries: { customerPayments: { amount: number; customerInvoice: number; text?: string }[] } } }[] }>('GET', '/requests?system=economic&method=POST&path=/journals/2/vouchers');
    assert.equal(requests.length, 1);
    const invoiceNumber = Number(done.targetRefs.find((r) => r.startsWith('economic:invoice:'))!.split(':')[2]);
    const entry = requests[0]!.body.entries.customerPayments[0]!;
    assert.equal(entry.customerInvoice, invoiceNumber);
    assert.ok(entry.amount < 0);
    assert.match(entry.text ?? '', /woocommerce order 727, Direct bank transfer/);
    const rackbeatWrites = await control<{ requests: { method: string; body: unknown }[] }>('GET', '/requests?system=rackbeat');
    assert.deepEqual(rackbeatWrites.requests.filter((r) => JSON.stringify(r.body ?? {}).includes('is_paid')), []);
  });

  test('registerPayment on an order made in Rackbeat (no webshop payment): done once the invoice is booked, no voucher', async () => {
    const { rackbeat, control } = h.conn('pay');
    const before = (await control<{ requests: unknown[] }>('GET', '/requests?system=economic&method=POST&path=/journals/2/vouchers')).requests.length;
    const n = await newBookedOrder(rackbeat);
    await shipOrder(rackbeat, n);
    const done = await h.waitFor('pay', n, 'DONE');
    assert.match(done.nextStep ?? '', /brings no payment to register/);
    assert.equal((await control<{ requests: unknown[] }>('GET', '/requests?system=economic&method=POST&path=/journals/2/vouchers')).requests.length, before);
  });
});

describe('order lifecycle: never twice', () => {
  let h: LifecycleHarness;
  before(async () => {
    h = await startLifecycleHarness([{ id: 'acme' }]);
  });
  after(async () => {
    await h.close();
  });

  test('the same webhook delivered ten times concurrently makes exactly one e-conomic document', async () => {
    const { rackbeat, economic } = h.conn('acme');
    const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] }, { suppressWebhooks: true });
    await rackbeat.bookOrder(order.number, { suppressWebhooks: true });
    const body = JSON.stringify({ key: order.number, key_name: 'number', event: 'order.booked', data: { number: order.number } });
    const token = h.tokenStore.tokens('acme')[0]!.reveal();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${h.webhookBase}/webhooks/rackbeat/acme`, { method: 'POST', headers: { 'content-type': 'application/json', 'rackbeat-webhook-token': token }, body }).then((r) => r.status)),
    );
    assert.deepEqual(answers, Array(10).fill(202));
    const s = await h.waitFor('acme', order.number, 'WAITING', (st) => st.targetRefs.length > 0);
    // Rackbeat sends no delivery id: identical bodies share one per fixed 2 s window (DUPLICATE_WINDOW_MS),
    // so a burst that straddles a window boundary is recorded twice. The order is read and decided either way.
    const received = s.steps.filter((step) => step.name === 'received order.booked').length;
    assert.ok(received === 1 || received === 2, `received ${received} times`);
    const drafts = await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('acme', order.number)) });
    assert.equal(drafts.length, 1);
  });

  test('a response dropped after e-conomic committed the create still leaves exactly one document', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    await control('POST', '/faults', { system: 'economic', kind: 'drop', match: { method: 'POST', path: '^/orders/drafts$' }, count: 1 });
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    const drafts = await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('acme', n)) });
    assert.equal(drafts.length, 1);
    const { requests } = await control<{ requests: { status: number | string }[] }>('GET', '/requests?system=economic&method=POST&path=/orders/drafts');
    assert.equal(requests.at(-1)?.status, 'dropped', 'the retry found the committed order by references.other instead of creating another');
    assert.deepEqual((await control<{ pending: unknown[] }>('GET', '/faults')).pending, []);
  });

  test('a response dropped after e-conomic committed the booking still finishes the transfer with one booked invoice', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    await control('POST', '/faults', { system: 'economic', kind: 'drop', match: { method: 'POST', path: '^/invoices/booked$' }, count: 1 });
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, n);
    const done = await h.waitFor('acme', n, 'DONE');
    const booked = await bookedInvoices(economic, orderReference('acme', n));
    assert.equal(booked.length, 1);
    assert.ok(done.targetRefs.includes(`economic:invoice:${booked[0]!.bookedInvoiceNumber}`));
    const { requests } = await control<{ requests: { status: number | string }[] }>('GET', '/requests?system=economic&method=POST&path=/invoices/booked');
    assert.equal(requests[0]?.status, 'dropped');
    assert.deepEqual((await control<{ pending: unknown[] }>('GET', '/faults')).pending, []);
  });
});

describe('order lifecycle: held, not failed', () => {
  let h: LifecycleHarness;
  const notifications: unknown[] = [];
  let receiver: Server;
  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        notifications.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    h = await startLifecycleHarness([{ id: 'acme', notifyUrl: `http://127.0.0.1:${port}/held` }], { catalogTtlMs: 60 * 60_000 });
  });
  after(async () => {
    await h.close();
    await new Promise((r) => receiver.close(r));
  });

  test('a customer without payment terms is held with its code, notified, and goes through once fixed in Rackbeat', async () => {
    const { rackbeat, economic } = h.conn('acme');
    const n = await newBookedOrder(rackbeat, [{ item_id: 'CHAIR-01', quantity: 1 }], 4);
    const held = await h.waitFor('acme', n, 'HELD');
    assert.equal(held.heldReason, 'CUSTOMER_PAYMENT_TERMS_MISSING');
    assert.equal(held.heldMessage, 'Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.');
    const handle = h.temporal.env.client.workflow.getHandle(orderWorkflowId('acme', n));
    // The status says HELD as soon as the workflow decides; the search attribute and the notification follow in the same task.
    await eventually(async () => ((await handle.describe()).typedSearchAttributes.get(HeldReasonKey) === 'CUSTOMER_PAYMENT_TERMS_MISSING' ? true : undefined), 'the HeldReason search attribute');
    await eventually(async () => (notifications.some((x) => (x as { workflowId?: string }).workflowId === orderWorkflowId('acme', n)) ? true : undefined), 'the held notification');
    assert.deepEqual(notifications.at(-1), {
      type: 'transfer.held',
      workflowId: orderWorkflowId('acme', n),
      connectionId: 'acme',
      source: `rackbeat:order:${n}`,
      code: 'CUSTOMER_PAYMENT_TERMS_MISSING',
      message: 'Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.',
    });
    assert.deepEqual(await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('acme', n)) }), [], 'nothing reached e-conomic');

    await rackbeat.updateCustomer(4, { payment_terms_id: 1 });
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    assert.equal((await handle.describe()).typedSearchAttributes.get(HeldReasonKey), undefined);
    await shipOrder(rackbeat, n);
    await h.waitFor('acme', n, 'DONE');
    assert.equal((await bookedInvoices(economic, orderReference('acme', n))).length, 1);
  });

  test('a product number too long for e-conomic is held; replacing the line lets the order through', async () => {
    const { rackbeat, economic } = h.conn('acme');
    const longNumber = 'EXTRA-LONG-PRODUCT-NUMBER-0001';
    await rackbeat.createProduct({ number: longNumber, name: 'Lang vare', group: 1, sales_price: 10, stock_quantity: 5 });
    const n = await newBookedOrder(rackbeat, [{ item_id: longNumber, quantity: 1 }]);
    const held = await h.waitFor('acme', n, 'HELD');
    assert.equal(held.heldReason, 'PRODUCT_NUMBER_TOO_LONG');
    assert.equal(held.heldMessage, `Shorten product number '${longNumber}' in Rackbeat to at most 25 characters, e-conomic's limit (it has 30).`);
    // Lines of a booked order are locked: a person reopens it, replaces the line, books again.
    await rackbeat.reopenOrder(n);
    await rackbeat.updateOrder(n, { lines: [{ item_id: 'LAMP-RED', quantity: 1 }] });
    await rackbeat.bookOrder(n);
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    await shipOrder(rackbeat, n);
    await h.waitFor('acme', n, 'DONE');
    const [invoice] = await bookedInvoices(economic, orderReference('acme', n));
    assert.deepEqual(invoice?.lines?.map((l) => l.product?.productNumber), ['LAMP-RED']);
  });

  test('a draft order deleted by hand in e-conomic holds as missing only after the lookup by reference comes back empty', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    const reference = orderReference('acme', n);
    const [draft] = await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', reference) });
    await economic.deleteDraftOrder(draft!.orderNumber, 'by-hand');
    await shipOrder(rackbeat, n);
    const held = await h.waitFor('acme', n, 'HELD');
    assert.equal(held.heldReason, 'ECONOMIC_DOCUMENT_MISSING');
    assert.match(held.heldMessage ?? '', new RegExp(`no invoice and no open order with reference ${reference}`));
    const { requests } = await control<{ requests: { method: string; path: string; query: Record<string, string>; body?: { references?: { other?: string } } }[] }>('GET', '/requests?system=economic');
    const lookups = requests.filter((r) => r.method === 'GET' && r.query.filter === `references.other$eq:${reference}`).map((r) => r.path);
    assert.ok(['/invoices/booked', '/invoices/drafts', '/orders/drafts', '/orders/sent', '/orders/archived'].every((p) => lookups.includes(p)), `looked up by reference: ${lookups.join(', ')}`);
    const sentForThisOrder = requests.filter((r) => r.method === 'POST' && r.path === '/orders/sent' && r.body?.references?.other === reference);
    assert.equal(sentForThisOrder.length, 0, 'no write was tried on the missing order');
  });

  test('429 with Retry-After and then 5xx are waited out: the order completes without extra documents', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    await control('POST', '/faults', { system: 'economic', kind: 'rate-limit', match: { method: 'POST', path: '^/orders/drafts$' }, count: 1, retryAfterSeconds: 1 });
    await control('POST', '/faults', { system: 'economic', kind: 'status', status: 503, match: { method: 'POST', path: '^/orders/drafts$' }, count: 2 });
    const n = await newBookedOrder(rackbeat);
    await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
    const { requests } = await control<{ requests: { status: number | string }[] }>('GET', '/requests?system=economic&method=POST&path=/orders/drafts');
    assert.deepEqual(requests.slice(-4).map((r) => r.status), [429, 503, 503, 201]);
    assert.deepEqual((await control<{ pending: unknown[] }>('GET', '/faults')).pending, []);
    assert.equal((await economic.listAll((o) => economic.listOrders('drafts', o), { filter: economicFilter.eq('references.other', orderReference('acme', n)) })).length, 1);
  });

  test('the inventory-module agreement refuses the order: held, then a retry makes a draft invoice instead', async () => {
    const { rackbeat, economic, control } = h.conn('acme');
    await control('PUT', '/economic/agreement', { inventoryModule: true });
    try {
      const n = await newBookedOrder(rackbeat);
      // Held on the refused write; the next event (order.booked may still be on its way) or a retry
      // resumes it, and the fresh catalog sends it down the invoice path.
      const first = await eventually(async () => {
        const st = await h.status('acme', n);
        return st.stage === 'HELD' || (st.stage === 'WAITING' && st.targetRefs.length > 0) ? st : undefined;
      }, 'the transfer to be held or through');
      if (first.stage === 'HELD') {
        assert.equal(first.heldReason, 'ECONOMIC_INVENTORY_MODULE');
        await h.temporal.env.client.workflow.getHandle(orderWorkflowId('acme', n)).signal('retry');
      }
      const waiting = await h.waitFor('acme', n, 'WAITING', (s) => s.targetRefs.length > 0);
      assert.deepEqual(
        waiting.steps.filter((s) => s.name === 'push to e-conomic').map((s) => [s.result, s.error]),
        [['held', 'ECONOMIC_INVENTORY_MODULE'], ['ok', undefined]],
      );
      // A poll may wake it again afterwards ("no change"): the push step itself tells what happened.
      assert.match(waiting.steps.filter((s) => s.name === 'push to e-conomic').at(-1)?.detail ?? '', /inventory module.*draft invoice \d+ created/);
      assert.ok(notifications.some((note) => (note as { code: string }).code === 'ECONOMIC_INVENTORY_MODULE'));
      assert.match(waiting.targetRefs[0]!, /^economic:draft-invoice:\d+$/);
      await shipOrder(rackbeat, n);
      await h.waitFor('acme', n, 'DONE');
      assert.equal((await bookedInvoices(economic, orderReference('acme', n))).length, 1);
    } finally {
      await control('PUT', '/economic/agreement', { inventoryModule: false });
    }
  });


});
