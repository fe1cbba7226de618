import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideWebshopOrderStep, type WebshopOrderPlan, webshopOrderPlanFrom, type WebshopOrderReads } from '../../src/activities/webshop-order-plan';
import type { RackbeatOrder } from '../../src/connectors/rackbeat';
import { fromShopify, fromWooCommerce, parseWebshopSettings, type ShopOrder } from '../../src/domain/webshop';
import { createdInWindow } from '../../src/preview/backfill-plan';
import { toStart } from '../../src/preview/document-preview';
import { previewTargetOf } from '../../src/preview/targets';
import { webshopOrderPreview } from '../../src/preview/webshop-order';
import { sandboxConnection } from '../helpers/lifecycle';
import { backfillTarget, parseWebshopBackfillNumber } from '../../src/routing/backfill-targets';
import { ORDER_TRANSFER } from '../../src/workflows/order/contract';
import { WEBSHOP_ORDER_TRANSFER } from '../../src/workflows/webshop/contract';
import { backfillSourceRef } from '../../src/workflows/backfill/contract';

const settings = parseWebshopSettings({ orderTrigger: 'paid', newCustomer: { customerGroup: 3 } });

function shopify(extra: Record<string, unknown> = {}): ShopOrder {
  return fromShopify({
    id: '820982911946154508', name: '#1001', created_at: '2026-11-20T10:15:00+01:00', currency: 'DKK', taxes_included: true,
    financial_status: 'paid', email: 'kunde@example.dk', customer: { id: '77', first_name: 'Karen', last_name: 'Jensen' },
    billing_address: { first_name: 'Karen', last_name: 'Jensen', address1: 'Vestergade 1', zip: '8000', city: 'Aarhus C', country_code: 'DK' },
    line_items: [{ id: '1', sku: 'CHAIR-01', name: 'Stol', quantity: 1, price: '125.00', discount_allocations: [], tax_lines: [{ price: '25.00', rate: 0.25 }] }],
    shipping_lines: [], total_price: '125.00', total_tax: '25.00',
    ...extra,
  });
}

const known = (numbers: string[]) => ({ numbers: new Set(numbers), vat: new Map(numbers.map((n) => [n, 25])) });

/** The plan as `planWebshopOrder` assembles it from its reads: the decision first, then the mapping. */
function plan(order: ShopOrder, reads: Partial<WebshopOrderReads> = {}): WebshopOrderPlan {
  const all: WebshopOrderReads = { existing: undefined, customer: { number: 4 }, products: known(['CHAIR-01', 'shipping', 'discount', 'fee']), zone: 'domestic', ...reads };
  const decided = decideWebshopOrderStep(order, settings, all.existing);
  return decided ? { step: 'stop', order, existing: all.existing, outcome: decided } : webshopOrderPlanFrom(order, settings, all);
}

const rackbeatOrder = (number: number, extra: Partial<RackbeatOrder> = {}): RackbeatOrder =>
  ({ number, heading: 'Shopify order #1001 [shopify:820982911946154508]', is_booked: true, is_shipped: false, is_partly_shipped: false, is_invoiced: false, is_cancelled: false, lines: [], ...extra }) as RackbeatOrder;

describe('webshop-order backfill: each shop order classified by the transfer\'s own decisions', () => {
  it('a paid order whose SKUs Rackbeat knows is new, with the Rackbeat order body the transfer would create and book', () => {
    const p = webshopOrderPreview(plan(shopify()));
    assert.equal(p.verdict, 'new');
    assert.equal(p.number, 'shopify:820982911946154508');
    assert.equal(p.label, 'Shopify order #1001');
    assert.equal(p.date, '2026-11-20');
    assert.equal(p.detail, 'new: rackbridge would create and book a Rackbeat order of 125.00 DKK for customer 4');
    const text = (p.document ?? []).join('\n');
    assert.match(text, /POST Rackbeat order, then book it \(total 125\.00 DKK\)/);
    assert.match(text, /"heading": "Shopify order #1001 \[shopify:820982911946154508\]"/);
    assert.match(text, /"item_id": "CHAIR-01"/);
  });

  it('a buyer Rackbeat does not know yet is shown as the customer the transfer would create first', () => {
    const p = webshopOrderPreview(plan(shopify(), { customer: { create: { name: 'Karen Jensen', contact_email: 'kunde@example.dk' } } }));
    assert.equal(p.verdict, 'new');
    assert.match(p.detail, /for a new Rackbeat customer$/);
    const text = (p.document ?? []).join('\n');
    assert.match(text, /POST Rackbeat customer \(created first/);
    assert.match(text, /"customer_id": "\(the new customer\)"/);
  });

  it('an unknown SKU holds, naming the SKU; an unmatched customer holds with its own code', () => {
    const unknown = webshopOrderPreview(plan(shopify(), { products: known(['shipping', 'discount', 'fee']) }));
    assert.equal(unknown.verdict, 'held');
    assert.equal(unknown.heldCode, 'WEBSHOP_UNKNOWN_SKU');
    assert.match(unknown.detail, /CHAIR-01/);
    const customer = webshopOrderPreview(plan(shopify(), { customer: { hold: { code: 'WEBSHOP_CUSTOMER_UNMATCHED', message: 'no customer' } } }));
    assert.deepEqual([customer.verdict, customer.heldCode], ['held', 'WEBSHOP_CUSTOMER_UNMATCHED']);
  });

  it('an unpaid order with trigger paid is waiting; cancelled before transfer is cancelled; a test order is skipped', () => {
    const unpaid = webshopOrderPreview(plan(shopify({ financial_status: 'pending' })));
    assert.equal(unpaid.verdict, 'waiting');
    assert.match(unpaid.detail, /orders transfer once paid\. Nothing is sent until that changes\.$/);
    assert.equal(webshopOrderPreview(plan(shopify({ cancelled_at: '2026-11-21T08:00:00+01:00' }))).verdict, 'cancelled');
    assert.equal(webshopOrderPreview(plan(shopify({ test: true }))).verdict, 'skipped');
    const woo = fromWooCommerce({ id: 727, number: '727', status: 'pending', currency: 'DKK', prices_include_tax: true, date_created_gmt: '2026-11-20T09:15:00', billing: { email: 'a@example.dk' }, line_items: [], total: '0.00' });
    const pending = webshopOrderPreview(plan(woo));
    assert.equal(pending.verdict, 'waiting');
    assert.equal(pending.number, 'woocommerce:727');
  });

  it('an order already in Rackbeat is transferred, whatever the transfer would do to it now', () => {
    const order = shopify();
    const fresh = plan(order);
    assert.equal(fresh.step, 'write');
    const lines = fresh.step === 'write' ? fresh.input.lines.map((l, i) => ({ id: i + 1, item: { number: l.item_id }, quantity: l.quantity, line_price: l.line_price, discount_percentage: 0 })) : [];
    const same = webshopOrderPreview(plan(order, { existing: rackbeatOrder(7, { lines: lines as RackbeatOrder['lines'] }) }));
    assert.deepEqual([same.verdict, same.detail], ['transferred', 'already transferred: Rackbeat order 7']);
    const edited = webshopOrderPreview(plan(order, { existing: rackbeatOrder(7, { lines: [{ id: 1, item: { number: 'CHAIR-01' }, quantity: 2, line_price: 100, discount_percentage: 0 }] as RackbeatOrder['lines'] }) }));
    assert.equal(edited.verdict, 'transferred');
    assert.match(edited.detail, /already transferred: Rackbeat order 7; the transfer would hold now \(WEBSHOP_EDIT_AFTER_BOOKING\)/);
    const cancelled = webshopOrderPreview(plan(shopify({ cancelled_at: '2026-11-21T08:00:00+01:00' }), { existing: rackbeatOrder(7) }));
    assert.equal(cancelled.verdict, 'transferred');
  });

  it('new and held orders are the ones a backfill starts', () => {
    const previews = [plan(shopify()), plan(shopify({ financial_status: 'pending' })), plan(shopify(), { products: known([]) }), plan(shopify(), { existing: rackbeatOrder(7) })].map(webshopOrderPreview);
    assert.deepEqual(previews.map((p) => p.verdict), ['new', 'waiting', 'held', 'transferred']);
    assert.equal(toStart(previews).length, 2);
  });
});

describe('webshop-order backfill: window and start', () => {
  it('the window is inclusive by UTC day: a Shopify time with an offset counts on its UTC day', () => {
    const w = { since: '2026-11-01', until: '2026-11-30' };
    assert.equal(createdInWindow(Date.parse('2026-11-01T00:00:00Z'), w), true);
    assert.equal(createdInWindow(Date.parse('2026-11-30T23:59:59Z'), w), true);
    assert.equal(createdInWindow(Date.parse('2026-12-01T00:00:00Z'), w), false);
    assert.equal(createdInWindow(Date.parse('2026-11-01T00:30:00+01:00'), w), false, '2026-10-31 23:30 UTC');
    assert.equal(createdInWindow(Number.NaN, w), false);
  });

  it('a listed shop order starts its webshop-order transfer with the delivery id backfill:webshop-order:{shop}:{id}; a Rackbeat number its order transfer', () => {
    const connection = { ...sandboxConnection('acme', 'http://127.0.0.1:1', {}), webshop: settings };
    const target = backfillTarget(WEBSHOP_ORDER_TRANSFER, connection, 'shopify:820982911946154508', '2026-12-03T08:00:00.000Z');
    assert.equal(target.workflowId, 'webshop-order:acme:shopify-820982911946154508');
    assert.equal(target.workflowType, 'webshopOrder');
    assert.equal(target.signal.name, 'entityEvent');
    assert.deepEqual(target.signalArgs, [{ deliveryId: 'backfill:webshop-order:shopify:820982911946154508', event: 'backfill', receivedAt: '2026-12-03T08:00:00.000Z' }]);
    assert.equal(target.meta.sourceRef, 'shopify:order:820982911946154508');
    assert.equal(backfillTarget(ORDER_TRANSFER, connection, '1042', '2026-12-03T08:00:00.000Z').workflowId, 'order:acme:1042');
    assert.throws(() => backfillTarget(WEBSHOP_ORDER_TRANSFER, connection, '1042', ''), /webshop flow takes \{shop\}:\{order id\}/);
    assert.equal(parseWebshopBackfillNumber('etsy:1'), undefined);
    assert.equal(parseWebshopBackfillNumber('woocommerce:x1'), undefined);
    assert.deepEqual(parseWebshopBackfillNumber('woocommerce:727'), { source: 'woocommerce', id: '727' });
    assert.equal(backfillSourceRef('webshop-order', '2026-11-01', '2026-11-30'), 'webshop:order:2026-11-01..2026-11-30');
  });

  it('transfers preview reads the transfer from its workflow id: a webshop order by shop and id', () => {
    assert.deepEqual(previewTargetOf('webshop-order:acme-dk:shopify-820982911946154508'), { flow: 'webshop-order', connectionId: 'acme-dk', source: 'shopify', shopOrderId: '820982911946154508' });
    assert.deepEqual(previewTargetOf('webshop-order:acme:woocommerce-727'), { flow: 'webshop-order', connectionId: 'acme', source: 'woocommerce', shopOrderId: '727' });
    assert.deepEqual(previewTargetOf('order:acme:1042'), { flow: 'order', connectionId: 'acme', number: '1042' });
    assert.deepEqual(previewTargetOf('netvisor-invoice:acme-fi:5001'), { flow: 'netvisor', kind: 'invoice', connectionId: 'acme-fi', number: '5001' });
    assert.equal(previewTargetOf('webshop-order:acme:etsy-1'), undefined);
    assert.equal(previewTargetOf('stock:acme'), undefined);
  });
});
