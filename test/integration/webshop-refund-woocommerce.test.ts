import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { economicFilter } from '../../src/connectors/economic';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import { orderReference, refundReference } from '../../src/domain/economic';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS as WOO } from '../../src/sandbox/woocommerce/credentials';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { webshopRefundWorkflowId } from '../../src/workflows/webshop/refund-contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { transferWatcher } from '../helpers/transfers';
import { WOO_WEBHOOK_SECRET, webshopConnection } from '../helpers/webshop-connection';
import { oauthUrl } from '../helpers/woocommerce';

const CONN = 'woo-refunds';

interface WooLine { id: number; sku: string; total: string; total_tax: string }
interface WooCharge { id: number; total: string; total_tax: string }
interface WooOrder { id: number; total: string; line_items: WooLine[]; shipping_lines: WooCharge[]; fee_lines: WooCharge[]; refunds: { id: number; total: string }[] }
interface WooRefund { id: number; amount: string }

describe('WooCommerce refunds → e-conomic credit notes (real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  const conn = () => h.conn(CONN);
  const site = () => conn().connection.woocommerce!.baseUrl;
  const watcher = () => transferWatcher(h.temporal.env.client);
  const waitFor = (id: string, check: (s: TransferStatus) => boolean, what: string) => watcher().waitFor(id, check, what);
  const cents = (amount: number | string): number => Math.round(Number(amount) * 100);

  /** The shop's REST API as a client calls it: over plain HTTP, signed with OAuth 1.0a. */
  const rest = async <T,>(method: string, path: string, body?: unknown, expect = 200): Promise<T> => {
    const url = oauthUrl(method, `${site()}/wp-json/wc/v3${path}`, { key: WOO.consumerKey, secret: WOO.consumerSecret });
    const res = await fetch(url, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    assert.equal(res.status, expect, await res.clone().text());
    return (await res.json()) as T;
  };
  /** The merchant refunding in wp-admin: per item the quantity, the amount excl. VAT and the VAT by rate id (1, the standard rate). */
  const refund = (orderId: number, reason: string, items: { id: number; quantity?: number; total: string; tax: string }[]) =>
    rest<WooRefund>('POST', `/orders/${orderId}/refunds`, { reason, line_items: items.map((i) => ({ id: i.id, quantity: i.quantity ?? 0, refund_total: i.total, refund_tax: [{ id: 1, refund_total: i.tax }] })) }, 201);
  const share = (amount: string, of: number) => (Number(amount) / of).toFixed(2);

  /** A paid WooCommerce order through Rackbeat to its e-conomic draft; returns the shop order and the Rackbeat order number. */
  const placeAndBook = async (body: Record<string, unknown>) => {
    const placed = await conn().control<WooOrder>('POST', '/woocommerce/orders', { status: 'processing', ...body });
    await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', String(placed.id)), (s) => s.stage === 'DONE', 'webshop order done');
    const page = await conn().rackbeat.listOrders({ search: `woocommerce:${placed.id}`, limit: 10 });
    const rb = page.items.find((o) => o.heading?.includes(`[woocommerce:${placed.id}]`));
    assert.ok(rb, 'a Rackbeat order marked with the WooCommerce order');
    await h.waitFor(CONN, rb.number, 'WAITING', (s) => s.targetRefs.length > 0);
    return { placed, number: rb.number };
  };
  const booked = async (reference: string) => (await conn().economic.listBookedInvoices({ filter: economicFilter.eq('references.other', reference) })).items;

  before(async () => {
    h = await startLifecycleHarness([{ id: CONN, customise: webshopConnection({ roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3, locale: 'da' } }) }]);
    // What the start-up registration subscribes on a connection with e-conomic: the order topics, refunds arriving in order.updated.
    const woo = new WooCommerceClient({ baseUrl: site(), ...WOO });
    for (const topic of ['order.created', 'order.updated']) await woo.createWebhook({ topic, delivery_url: `${h.webhookBase}/webhooks/woocommerce/${CONN}`, secret: WOO_WEBHOOK_SECRET });
    await conn().control('PUT', '/woocommerce/settings', { deliveryDelayMs: 50 });
  });
  after(async () => {
    await h.close();
  });

  test('a partial refund of an invoiced order (one of two chairs, and the shipping) becomes one booked credit note for exactly that, to the cent; the refund seen again in a later order.updated makes nothing more', async () => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'DESK/120', quantity: 1 }], shipping_line: { total: '39.20' }, billing: { email: 'woo-retur@example.dk', first_name: 'Retur', last_name: 'Woo' } });
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    const [invoice] = await booked(orderReference(CONN, number));
    assert.ok(invoice);
    assert.equal(cents(invoice.grossAmount), cents(placed.total), 'the invoice equals the shop order');

    const chair = placed.line_items.find((l) => l.sku === 'CHAIR-01')!;
    const ship = placed.shipping_lines[0]!;
    const made = await refund(placed.id, 'one chair back', [{ id: chair.id, quantity: 1, total: share(chair.total, 2), tax: share(chair.total_tax, 2) }, { id: ship.id, total: ship.total, tax: ship.total_tax }]);
    await waitFor(webshopRefundWorkflowId(CONN, 'woocommerce', String(made.id)), (s) => s.stage === 'DONE', 'refund handed over');
    const lifecycle = await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit woocommerce refund ${made.id}` && st.result === 'ok'));
    assert.match(lifecycle.steps.find((st) => st.name === `credit woocommerce refund ${made.id}`)!.detail ?? '', /credit note \d+ booked/);

    const notes = await booked(refundReference(CONN, 'woocommerce', String(made.id)));
    assert.equal(notes.length, 1, 'one credit note');
    const note = await conn().economic.getBookedInvoice(notes[0]!.bookedInvoiceNumber);
    assert.equal(cents(note.grossAmount), -cents(made.amount), 'the credit note is the money refunded, to the cent');
    assert.equal(note.customer.customerNumber, invoice.customer.customerNumber);
    assert.match(note.notes?.textLine1 ?? '', new RegExp(`invoice ${invoice.bookedInvoiceNumber}`), 'it names the invoice');
    const lines = note.lines ?? [];
    assert.deepEqual(lines.filter((l) => l.product?.productNumber !== 'rounding').map((l) => [l.product?.productNumber, l.quantity]).sort(), [['CHAIR-01', -1], ['shipping', -1]], 'exactly the refunded lines and quantities');
    for (const line of lines.filter((l) => l.product?.productNumber !== 'rounding')) assert.equal(line.vatRate, 25, `VAT per line on ${line.product?.productNumber}`);
    assert.equal(cents(note.vatAmount), lines.reduce((n, l) => n + cents(l.vatAmount ?? 0), 0), 'the VAT is the sum of the lines');

    // Any later save of the order fires order.updated again, listing the refund again. The refund's
    // transfer is done and final: the receiver's start is refused, so no new run re-reads the shop,
    // and the order lifecycle is not woken for it.
    const runOf = async (id: string) => (await h.client.workflow.getHandle(id).describe()).runId;
    const refundRun = await runOf(webshopRefundWorkflowId(CONN, 'woocommerce', String(made.id)));
    const lifecycleRun = await runOf(orderWorkflowId(CONN, String(number)));
    const orderUpdates = async () => (await conn().control<{ deliveries: { state: string; response_code: number | null }[] }>('GET', '/woocommerce/deliveries?topic=order.updated')).deliveries;
    const updatesBefore = (await orderUpdates()).length;
    await rest('PUT', `/orders/${placed.id}`, { customer_note: 'kunden ringede' });
    await conn().control('POST', '/woocommerce/deliveries/flush');
    const updates = await orderUpdates();
    assert.equal(updates.length, updatesBefore + 1, 'the save fired one order.updated');
    assert.equal(updates.at(-1)?.state, 'delivered', `the receiver took it: ${JSON.stringify(updates.at(-1))}`);
    assert.equal(await runOf(webshopRefundWorkflowId(CONN, 'woocommerce', String(made.id))), refundRun, 'the refund transfer ran once');
    assert.equal(await runOf(orderWorkflowId(CONN, String(number))), lifecycleRun, 'the order lifecycle was not started again for the refund');
    assert.equal((await booked(refundReference(CONN, 'woocommerce', String(made.id)))).length, 1, 'still one credit note');
    // The order transfer takes the same deliveries: it settles (it may still be reading when the lifecycle is done) as no change.
    const orderTransfer = await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', String(placed.id)), (s) => s.stage !== 'RECEIVED' && s.stage !== 'PROCESSING', 'the order transfer to settle');
    assert.equal(orderTransfer.stage, 'DONE', `the order transfer took the refund deliveries as no change: ${JSON.stringify(orderTransfer)}`);
    const rbOrders = (await conn().rackbeat.listOrders({ search: `woocommerce:${placed.id}`, limit: 10 })).items.filter((o) => o.heading?.includes(`[woocommerce:${placed.id}]`));
    assert.equal(rbOrders.length, 1, 'one Rackbeat order');

    // The rest refunded (the other chair and the desk): the two credit notes together take off the whole invoice, to the cent.
    const desk = placed.line_items.find((l) => l.sku === 'DESK/120')!;
    const rest2 = await refund(placed.id, '', [{ id: chair.id, quantity: 1, total: (Number(chair.total) - Number(share(chair.total, 2))).toFixed(2), tax: (Number(chair.total_tax) - Number(share(chair.total_tax, 2))).toFixed(2) }, { id: desk.id, quantity: 1, total: desk.total, tax: desk.total_tax }]);
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit woocommerce refund ${rest2.id}` && st.result === 'ok'));
    const second = await booked(refundReference(CONN, 'woocommerce', String(rest2.id)));
    assert.equal(second.length, 1);
    assert.equal(cents(second[0]!.grossAmount) + cents(notes[0]!.grossAmount), -cents(invoice.grossAmount), 'refunded in full: the credit notes equal the invoice');
    assert.equal((await booked(refundReference(CONN, 'woocommerce', String(made.id)))).length, 1, 'the first refund, listed again with the second, is still one credit note');
    assert.equal((await rest<{ status: string }>('GET', `/orders/${placed.id}`)).status, 'refunded', 'WooCommerce marks an order refunded in full');
    // Refunded in full, the shop order is `refunded`; it had shipped, so nothing is left to cancel and nothing holds.
    const ended = await waitFor(webshopOrderWorkflowId(CONN, 'woocommerce', String(placed.id)), (s) => s.stage === 'DONE' && s.steps.some((st) => /refunded in full after Rackbeat order/.test(st.detail ?? '')), 'the order transfer to take the full refund as a return');
    assert.equal(ended.heldReason, undefined);
  });

  test('a refund before invoicing comes off the draft instead: the invoice is the shop total less the refund, and no credit note is made', async () => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 3 }], billing: { email: 'woo-foer@example.dk', first_name: 'Foer', last_name: 'Woo' } });
    const chair = placed.line_items[0]!;
    const made = await refund(placed.id, 'one of three', [{ id: chair.id, quantity: 1, total: share(chair.total, 3), tax: share(chair.total_tax, 3) }]);
    await waitFor(webshopRefundWorkflowId(CONN, 'woocommerce', String(made.id)), (s) => s.stage === 'DONE', 'refund handed over');
    await h.waitFor(CONN, number, 'WAITING', (s) => s.steps.some((st) => st.name === 'advance e-conomic draft' && /updated/.test(st.detail ?? '')));
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    const [invoice] = await booked(orderReference(CONN, number));
    assert.ok(invoice);
    assert.equal(cents(invoice.grossAmount), cents(placed.total) - cents(made.amount), 'the invoice is what the customer kept');
    const full = await conn().economic.getBookedInvoice(invoice.bookedInvoiceNumber);
    assert.deepEqual((full.lines ?? []).filter((l) => l.product?.productNumber !== 'rounding').map((l) => [l.product?.productNumber, l.quantity]), [['CHAIR-01', 3], ['CHAIR-01', -1]]);
    assert.equal((await booked(refundReference(CONN, 'woocommerce', String(made.id)))).length, 0, 'no credit note');
  });

  test('a refunded fee is credited on the fee product at its VAT, with the refunded line: the credit note is the money refunded, to the cent', async () => {
    const { placed, number } = await placeAndBook({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], fees: [{ name: 'Ekspeditionsgebyr', total: '20.00' }], billing: { email: 'woo-gebyr@example.dk', first_name: 'Gebyr', last_name: 'Woo' } });
    await shipOrder(conn().rackbeat, number);
    await h.waitFor(CONN, number, 'DONE');
    const [invoice] = await booked(orderReference(CONN, number));
    assert.ok(invoice);
    assert.equal(cents(invoice.grossAmount), cents(placed.total), 'the invoice, fee included, equals the shop order');

    const chair = placed.line_items[0]!;
    const fee = placed.fee_lines[0]!;
    const made = await refund(placed.id, 'gebyr og en stol', [{ id: chair.id, quantity: 1, total: share(chair.total, 2), tax: share(chair.total_tax, 2) }, { id: fee.id, total: fee.total, tax: fee.total_tax }]);
    await h.waitFor(CONN, number, 'DONE', (s) => s.steps.some((st) => st.name === `credit woocommerce refund ${made.id}` && st.result === 'ok'));
    const notes = await booked(refundReference(CONN, 'woocommerce', String(made.id)));
    assert.equal(notes.length, 1, 'one credit note');
    const note = await conn().economic.getBookedInvoice(notes[0]!.bookedInvoiceNumber);
    assert.equal(cents(note.grossAmount), -cents(made.amount), 'the credit note is the money refunded, to the cent');
    const lines = (note.lines ?? []).filter((l) => l.product?.productNumber !== 'rounding');
    assert.deepEqual(lines.map((l) => [l.product?.productNumber, l.quantity, l.vatRate]).sort(), [['CHAIR-01', -1, 25], ['fee', -1, 25]], 'the chair and the fee, each at 25 % VAT');
    const feeLine = lines.find((l) => l.product?.productNumber === 'fee')!;
    assert.equal(cents(feeLine.totalNetAmount ?? 0) + cents(feeLine.vatAmount ?? 0), -(cents(fee.total) + cents(fee.total_tax)), 'the fee line gives back the fee incl. VAT');
  });
});
