import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepsInventory } from '../../src/activities/stock-rackbeat';
import { shopQuantity } from '../../src/domain/webshop/stock-quantity';
import type { Connection } from '../../src/config';
import { DEFAULT_STOCK_RECONCILE_EVERY_MS, stockReconcileEveryMs } from '../../src/temporal/stock-schedules';

const withWebshop = (webshop: Record<string, unknown>): Connection => ({ webshop }) as unknown as Connection;

describe('F4 helpers', () => {
  it('rounds a fractional Rackbeat quantity down, so the shop never offers more than there is', () => {
    assert.deepEqual([2.9, 3, -0.5, 0].map(shopQuantity), [2, 3, -1, 0]);
  });

  it('pushes no stock for products whose group keeps no inventory (services)', () => {
    assert.equal(keepsInventory({ group: { has_inventory: false } }), false);
    assert.equal(keepsInventory({ group: { has_inventory: true } }), true);
    assert.equal(keepsInventory({ group: null }), true, 'no group: assume stock is kept');
  });

  it('reads the reconcile interval defensively and falls back to an hour', () => {
    assert.equal(DEFAULT_STOCK_RECONCILE_EVERY_MS, 3_600_000);
    assert.equal(stockReconcileEveryMs(withWebshop({})), 3_600_000);
    assert.equal(stockReconcileEveryMs(withWebshop({ stockReconcileEvery: 15 * 60_000 })), 900_000);
    assert.equal(stockReconcileEveryMs(withWebshop({ stockReconcileEvery: '15m' })), 3_600_000, 'not a number of ms');
    assert.equal(stockReconcileEveryMs(withWebshop({ stockReconcileEvery: 1_000 })), 3_600_000, 'below the one-minute floor');
    assert.equal(stockReconcileEveryMs(withWebshop({ stockReconcileEvery: 1_000 }), 5_000), 5_000, 'an explicit override wins');
  });
});
