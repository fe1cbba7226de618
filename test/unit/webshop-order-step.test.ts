import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideWebshopOrderStep } from '../../src/activities/webshop-order-plan';
import type { RackbeatOrder } from '../../src/connectors/rackbeat';
import { fromWooCommerce, parseWebshopSettings, type ShopOrder } from '../../src/domain/webshop';

const settings = parseWebshopSettings({});

const woo = (status: string): ShopOrder =>
  fromWooCommerce({ id: 727, number: '727', status, currency: 'DKK', prices_include_tax: true, date_created_gmt: '2026-11-20T09:15:00', billing: { email: 'a@example.dk' }, line_items: [], total: '0.00' });

const rackbeatOrder = (extra: Partial<RackbeatOrder>): RackbeatOrder =>
  ({ number: 1042, heading: 'WooCommerce order #727 [woocommerce:727]', is_booked: true, is_shipped: false, is_partly_shipped: false, is_invoiced: false, is_cancelled: false, lines: [], ...extra }) as RackbeatOrder;

describe('a WooCommerce order that ends (cancelled, refunded) after it reached Rackbeat', () => {
  it('refunded in full after shipping, on a connection that credits refunds: done, the refunds are credit notes', () => {
    const step = decideWebshopOrderStep(woo('refunded'), settings, rackbeatOrder({ is_shipped: true }), true);
    assert.equal(step?.result, 'done');
    assert.match(step?.did ?? '', /refunded in full after Rackbeat order 1042 shipped: its refunds become e-conomic credit notes/);
  });

  it('refunded after shipping without e-conomic, or cancelled after shipping: held, a person handles the return', () => {
    for (const [status, credited] of [['refunded', false], ['cancelled', true]] as const) {
      const step = decideWebshopOrderStep(woo(status), settings, rackbeatOrder({ is_shipped: true }), credited);
      assert.equal(step?.result, 'held', `${status}, refunds credited: ${credited}`);
      assert.equal(step?.result === 'held' ? step.hold.code : undefined, 'WEBSHOP_CANCEL_TOO_LATE');
    }
  });

  it('refunded before shipping: the Rackbeat order must still be cancelled by a person (goods must not ship)', () => {
    const step = decideWebshopOrderStep(woo('refunded'), settings, rackbeatOrder({}), true);
    assert.equal(step?.result === 'held' ? step.hold.code : undefined, 'WEBSHOP_CANCEL_IN_RACKBEAT');
  });
});
