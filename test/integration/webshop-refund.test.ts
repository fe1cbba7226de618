import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { economicFilter } from '../../src/connectors/economic';
import { ShopifyClient } from '../../src/connectors/shopify';
import { orderReference, refundReference } from '../../src/domain/economic';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify/credentials';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { webshopRefundWorkflowId } from '../../src/workflows/webshop/refund-contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { webshopReconciler } from '../helpers/reconcile';
import { parseLossless } from '../helpers/shopify';
import { eventually, freePort } from '../helpers/temporal';
import { transferWatcher } from '../helpers/transfers';
import { webshopConnection } from '../helpers/webshop-connection';

const CONN = 'refunds';

interface PlacedLine { id: string; sku: string }
interface Refund { id: string; transactions: { amount: string }[] }

describe('Shopify refunds → e-conomic credit notes (real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  const conn = () => h.conn(CONN);
  const sandbox = () => conn().connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const watcher = () => transferWatcher(h.temporal.env.client);
  const waitFor = (id: string, check: (s: TransferStatus) => boolean, what: string) => watcher().waitFor(id, check, what);

  const control = async <T,>(path: string, body: unknown, expect = 201): Promise<T> => {
    const res = await fetch(`${sandbox()}/_sandbox/shopify${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, expect, await res.clone().text());
    return parseLossless(await res.text()) as T;
  };
  const place = (body: unknown) => control<{ order: { id: string; total_price: string; line_items: PlacedLine[] } }>('/orders', body).then((r) => r.order);
  const refund = (orderId: string, body: unknown) => control<{ refund: Refund }>(`/orders/${orderId}/refunds`, body).then((r) => r.refund);
  const cents = (amount: number | string): number => Math.round(Number(amount) * 100);

  /** A paid order through Rackbeat to its e-conomic draft; returns the shop order and the Rackbeat order number. */
  const placeAndBook = async (body: Record<string, unknown>) => {
    const placed = await place({ financial_status: 'paid', ...body });
    await waitFor(webshopOrderWorkflowId(CONN, 'shopify', placed.id), (s) => s.stage === 'DONE', 'webshop order done');
    const page = await conn().rackbeat.listOrders({ search: `shopify:${placed.id}`, limit: 10 });
    const rb = page.items.find((o) => o.heading?.includes(`[shopify:${placed.id}]`));
    assert.ok(rb, 'a Rackbeat order');
    await h.waitFor(CONN, rb.number, 'WAITING', (s) => s.targetRefs.length > 0);
    return { placed, number: rb.number };
  };
  const shopify = () => new ShopifyClient({ baseUrl: `${sandbox()}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
  const runReconcile = webshopReconciler(() => h.temporal.env.client, CONN, ['shopify'], () => h.webhookBase);
  const booked = async (reference: string) => (await conn().economic.listBookedInvoices({ filter: economicFilter.eq('references.other', reference) })).items;

  before(async () => {
    h = await startLifecycleHarness([{ id: CONN, customise: webshopConnection({ orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3, locale: 'da' } }) }]);
    for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'refunds/create']) await shopify().createWebhook({ topic, address: `${h.webhookBase}/webhooks/shopify/${CONN}` });
  });
  after(async () => {
    await h.close();
  });

  test('a partial refund of an invoiced order (one of two chairs, and the shipping) becomes one booked credit note for exactly that, to the cent with VAT per line', async () => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'DESK/120', quantity: 1 }], shipping: { title: 'GLS', price: '49.00' }, discount_code: { code: 'TI', type: 'percentage', value: '10' }, email: 'retur@example.dk' });
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    const [invoice] = await booked(orderReference(CONN, number));
    assert.ok(invoice);
    assert.equal(cents(invoice.grossAmount), cents(placed.total_price), 'the invoice equals the shop order');

    const chair = placed.line_items.find((l) => l.sku === 'CHAIR-01')!;
    const made = await refund(placed.id, { lines: [{ line_item_id: chair.id, quantity: 1 }], shipping: true, note: 'one chair back' });
    await waitFor(webshopRefundWorkflowId(CONN, 'shopify', made.id), (s) => s.stage === 'DONE', 'refund handed over');
    const lifecycle = await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit shopify refund ${made.id}` && st.result === 'ok'));
    assert.match(lifecycle.steps.find((st) => st.name === `credit shopify refund ${made.id}`)!.detail ?? '', /credit note \d+ booked/);

    const notes = await booked(refundReference(CONN, 'shopify', made.id));
    assert.equal(notes.length, 1, 'one credit note');
    const note = (await conn().economic.getBookedInvoice(notes[0]!.bookedInvoiceNumber));
    assert.equal(cents(note.grossAmount), -cents(made.transactions[0]!.amount), 'the credit note is the money refunded, to the cent');
    assert.equal(note.customer.customerNumber, invoice.customer.customerNumber);
    assert.match(note.notes?.textLine1 ?? '', new RegExp(`invoice ${invoice.bookedInvoiceNumber}`), 'it names the invoice');
    const lines = note.lines ?? [];
    assert.deepEqual(lines.map((l) => [l.product?.productNumber, l.quantity]).sort(), [['CHAIR-01', -1], ['shipping', -1]], 'exactly the refunded lines and quantities');
    for (const line of lines) assert.equal(line.vatRate, 25, `VAT per line on ${line.product?.productNumber}`);
    assert.equal(cents(note.vatAmount), lines.reduce((n, l) => n + cents(l.vatAmount ?? 0), 0), 'the VAT is the sum of the lines');

    // The same delivery again (Shopify retries with the same webhook id), and a new delivery of it: still one credit note.
    const raw = await (await fetch(`${sandbox()}/shopify/admin/api/2026-04/orders/${placed.id}.json`, { headers: { 'X-Shopify-Access-Token': SHOPIFY_SANDBOX_CREDENTIALS.accessToken } })).text();
    const refundBody = JSON.stringify({ id: made.id, order_id: placed.id, note: 'one chair back' }).replace(/"(\d{16,})"/g, '$1');
    assert.ok(raw.length > 0);
    const headers = {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SANDBOX_CREDENTIALS.clientSecret).update(refundBody).digest('base64'),
      'x-shopify-topic': 'refunds/create',
      'x-shopify-shop-domain': SHOPIFY_SANDBOX_CREDENTIALS.shopDomain,
      'x-shopify-api-version': '2026-04',
      'x-shopify-webhook-id': `again-${made.id}`,
    };
    assert.equal((await fetch(`${h.webhookBase}/webhooks/shopify/${CONN}`, { method: 'POST', headers, body: refundBody })).status, 202);
    await waitFor(webshopRefundWorkflowId(CONN, 'shopify', made.id), (s) => s.stage === 'DONE' && s.steps.filter((st) => st.name === 'hand refund to the order').length >= 1, 'handed over again');
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => /already booked/.test(st.detail ?? '')));
    assert.equal((await booked(refundReference(CONN, 'shopify', made.id))).length, 1, 'still one credit note');

    // The rest refunded: the two credit notes together take off the whole invoice, to the cent.
    const rest = await refund(placed.id, { lines: [{ line_item_id: chair.id, quantity: 1 }, { sku: 'DESK/120', quantity: 1 }] });
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit shopify refund ${rest.id}` && st.result === 'ok'));
    const second = await booked(refundReference(CONN, 'shopify', rest.id));
    assert.equal(second.length, 1);
    assert.equal(cents(second[0]!.grossAmount) + cents(notes[0]!.grossAmount), -cents(invoice.grossAmount), 'refunded in full: the credit notes equal the invoice');
  });

  test('a refund before invoicing comes off the draft instead: the invoice is the shop total less the refund, and no credit note is made', async () => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 3 }], email: 'foer@example.dk' });
    const made = await refund(placed.id, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] });
    await waitFor(webshopRefundWorkflowId(CONN, 'shopify', made.id), (s) => s.stage === 'DONE', 'refund handed over');
    await h.waitFor(CONN, number, 'WAITING', (s) => s.steps.some((st) => st.name === 'advance e-conomic draft' && /updated/.test(st.detail ?? '')));
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    const [invoice] = await booked(orderReference(CONN, number));
    assert.ok(invoice);
    assert.equal(cents(invoice.grossAmount), cents(placed.total_price) - cents(made.transactions[0]!.amount), 'the invoice is what the customer kept');
    const full = await conn().economic.getBookedInvoice(invoice.bookedInvoiceNumber);
    assert.deepEqual((full.lines ?? []).map((l) => [l.product?.productNumber, l.quantity]), [['CHAIR-01', 3], ['CHAIR-01', -1]]);
    assert.equal((await booked(refundReference(CONN, 'shopify', made.id))).length, 0, 'no credit note');
  });

  /** An invoiced order (one chair), booked in e-conomic: what a refund after invoicing credits. */
  const invoicedOrder = async (email: string) => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], email });
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    return { placed, number };
  };
  const refundRun = async (refundId: string) => (await h.temporal.env.client.workflow.getHandle(webshopRefundWorkflowId(CONN, 'shopify', refundId)).describe()).runId;

  test('a refund whose refunds/create deliveries all failed (Shopify gave up) is credited by the reconcile, once; the next reconcile leaves it alone', async () => {
    const { placed, number } = await invoicedOrder('tabt.refusion@example.dk');
    // Only the refund topic is lost: orders/updated still reaches the order transfer, which then has seen the order's change.
    await conn().control('PUT', '/shopify/settings', { webhookRetryDelaysMs: [20, 20] });
    const dead = `http://127.0.0.1:${await freePort()}/webhooks/shopify/${CONN}`;
    const refundHook = (await shopify().listWebhooks()).find((w) => w.topic === 'refunds/create')!;
    await shopify().deleteWebhook(refundHook.id);
    await shopify().createWebhook({ topic: 'refunds/create', address: dead });

    const made = await refund(placed.id, { lines: [{ sku: 'CHAIR-01', quantity: 1 }], note: 'levering tabt' });
    await eventually(async () => {
      const { deliveries } = await conn().control<{ deliveries: { topic: string; address: string; state: string }[] }>('GET', '/shopify/deliveries');
      return deliveries.some((d) => d.topic === 'refunds/create' && d.address === dead && d.state === 'failed') || undefined;
    }, 'Shopify to give up on the refund delivery');
    await assert.rejects(h.temporal.env.client.workflow.getHandle(webshopRefundWorkflowId(CONN, 'shopify', made.id)).describe(), WorkflowNotFoundError, 'no refund transfer: the delivery was lost');

    const first = await runReconcile();
    assert.ok(first.sources.shopify && !('error' in first.sources.shopify), JSON.stringify(first.sources));
    await waitFor(webshopRefundWorkflowId(CONN, 'shopify', made.id), (s) => s.stage === 'DONE', 'the reconcile to start the refund transfer');
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit shopify refund ${made.id}` && st.result === 'ok'));
    const notes = await booked(refundReference(CONN, 'shopify', made.id));
    assert.equal(notes.length, 1, 'one credit note');
    assert.equal(cents(notes[0]!.grossAmount), -cents(made.transactions[0]!.amount), 'the credit note is the money refunded, to the cent');

    const run = await refundRun(made.id);
    await runReconcile();
    assert.equal(await refundRun(made.id), run, 'the handed-over refund is not woken again');
    assert.equal((await booked(refundReference(CONN, 'shopify', made.id))).length, 1, 'still one credit note');
  });

  test('a refund delivered by its webhook and then listed by the reconcile is credited once: the reconcile does not wake its finished transfer', async () => {
    const { placed, number } = await invoicedOrder('to.gange@example.dk');
    const made = await refund(placed.id, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] });
    await waitFor(webshopRefundWorkflowId(CONN, 'shopify', made.id), (s) => s.stage === 'DONE', 'refund handed over');
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit shopify refund ${made.id}` && st.result === 'ok'));
    const run = await refundRun(made.id);

    await runReconcile();
    assert.equal(await refundRun(made.id), run, 'the refund transfer was not run again');
    await h.waitFor(CONN, number, 'DONE');
    assert.equal((await booked(refundReference(CONN, 'shopify', made.id))).length, 1, 'one credit note');
  });
});
