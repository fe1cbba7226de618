import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STOCK_BATCH_LIMITS, StockCoalescer } from '../../src/domain/webshop';

const T0 = Date.parse('2026-11-22T00:00:00Z');
const skus = (c: StockCoalescer, now: number): string[][] => c.due(now).batches.map((b) => b.items.map((i) => `${i.sku}=${i.quantity}`));

describe('StockCoalescer', () => {
  it('keeps the last value per SKU', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    c.record('A', 4, T0 + 10, 2);
    c.record('B', 9, T0 + 20, 3);
    assert.deepEqual(skus(c, T0 + 30), [['A=4', 'B=9']]);
  });

  it('ignores a value older than the one it holds, whatever the arrival order', () => {
    const c = new StockCoalescer(100);
    assert.equal(c.record('A', 4, T0, 20), 'queued');
    assert.equal(c.record('A', 7, T0 + 5, 10), 'stale');
    assert.deepEqual(skus(c, T0 + 10), [['A=4']]);
  });

  it('writes a SKU at most once per second and says when the next write is allowed', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    const first = c.due(T0);
    c.markFlushed(first.batches[0] ?? { items: [] }, T0);
    c.record('A', 3, T0 + 200, 2);
    assert.deepEqual(c.due(T0 + 999), { batches: [], nextDueAt: T0 + 1000 });
    assert.deepEqual(skus(c, T0 + 1000), [['A=3']]);
  });

  it('does not queue a value equal to what the shop already has', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    c.markFlushed({ items: [{ sku: 'A', quantity: 5, version: 1 }] }, T0);
    assert.equal(c.record('A', 5, T0 + 5000, 2), 'unchanged');
    assert.deepEqual(c.due(T0 + 6000), { batches: [] });
  });

  it('keeps a value recorded while its batch was being written', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    const batch = c.due(T0).batches[0] ?? { items: [] };
    c.record('A', 2, T0 + 100, 2);
    c.markFlushed(batch, T0 + 200);
    assert.equal(c.pendingCount(), 1);
    assert.deepEqual(skus(c, T0 + 1200), [['A=2']]);
  });

  it('splits into Shopify batches of 250 and WooCommerce batches of 100', () => {
    const shopify = new StockCoalescer(STOCK_BATCH_LIMITS.shopify);
    const woo = new StockCoalescer(STOCK_BATCH_LIMITS.woocommerce);
    for (let i = 0; i < 601; i += 1) {
      shopify.record(`SKU-${i}`, i, T0, i);
      woo.record(`SKU-${i}`, i, T0, i);
    }
    assert.deepEqual(shopify.due(T0).batches.map((b) => b.items.length), [250, 250, 101]);
    assert.deepEqual(woo.due(T0).batches.map((b) => b.items.length), [100, 100, 100, 100, 100, 100, 1]);
  });

  it('keeps a failed value for the next flush and counts the failures', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    c.record('B', 6, T0, 2);
    const batch = c.due(T0).batches[0] ?? { items: [] };
    c.markFailed(batch, T0, ['A']);
    c.markFlushed({ items: batch.items.filter((i) => i.sku === 'B') }, T0);
    assert.equal(c.failures('A'), 1);
    assert.deepEqual(c.due(T0 + 500), { batches: [], nextDueAt: T0 + 1000 });
    assert.deepEqual(skus(c, T0 + 1000), [['A=5']]);
  });

  it('survives continue-as-new through a JSON snapshot', () => {
    const c = new StockCoalescer(100);
    c.record('A', 5, T0, 1);
    c.markFlushed(c.due(T0).batches[0] ?? { items: [] }, T0);
    c.record('A', 1, T0 + 10, 2);
    c.record('B', 8, T0 + 10, 3);
    const restored = StockCoalescer.restore(JSON.parse(JSON.stringify(c.snapshot())) as ReturnType<StockCoalescer['snapshot']>, 100);
    assert.deepEqual(restored.due(T0 + 500), c.due(T0 + 500));
    assert.deepEqual(skus(restored, T0 + 500), [['B=8']]);
    assert.equal(restored.record('A', 9, T0 + 20, 1), 'stale');
    assert.deepEqual(skus(restored, T0 + 1000), [['A=1', 'B=8']]);
  });

  it('refuses a batch size below one', () => {
    assert.throws(() => new StockCoalescer(0), RangeError);
  });
});
