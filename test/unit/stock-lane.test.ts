import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PushStockResult } from '../../src/activities/stock-types';
import { QUANTITY_UNREAD, StockLane } from '../../src/workflows/stock/lane';

const T0 = Date.parse('2026-11-22T00:00:00Z');
const result = (r: Partial<PushStockResult>): PushStockResult => ({ written: [], unchanged: [], unknown: [], failed: [], calls: 1, writeCalls: 1, ...r });
const dueSkus = (lane: StockLane, now: number) => lane.due(now).batches.flatMap((b) => b.items.map((i) => i.sku));

describe('StockLane (the per-shop state of stock:{conn})', () => {
  it('queues a changed SKU with no quantity: the flush reads Rackbeat', () => {
    const lane = new StockLane('shopify');
    lane.record('A', T0, 1);
    assert.equal(lane.wake, true);
    assert.deepEqual(lane.due(T0).batches, [{ items: [{ sku: 'A', quantity: QUANTITY_UNREAD, version: 1 }] }]);
  });

  it('is done with a written SKU, remembers the value, and queues the next change after a second', () => {
    const lane = new StockLane('woocommerce');
    lane.record('A', T0, 1);
    const [batch] = lane.due(T0).batches;
    lane.apply(batch!, result({ written: [{ sku: 'A', quantity: 7 }] }), T0 + 50);
    assert.equal(lane.known('A'), 7);
    assert.equal(lane.status().pending, 0);
    lane.record('A', T0 + 100, 2);
    assert.deepEqual(lane.due(T0 + 100), { batches: [], nextDueAt: T0 + 1050 });
    assert.deepEqual(dueSkus(lane, T0 + 1050), ['A']);
  });

  it('keeps a change recorded while its batch was being written', () => {
    const lane = new StockLane('shopify');
    lane.record('A', T0, 1);
    const [batch] = lane.due(T0).batches;
    lane.record('A', T0 + 10, 2);
    lane.apply(batch!, result({ written: [{ sku: 'A', quantity: 3 }] }), T0 + 20);
    assert.equal(lane.status().pending, 1);
  });

  it('a write answered after a reconcile marked the SKU drifted does not restore the stale known value', () => {
    const lane = new StockLane('shopify');
    lane.record('A', T0, 1);
    lane.apply(lane.due(T0).batches[0]!, result({ written: [{ sku: 'A', quantity: 142 }] }), T0 + 10);
    lane.record('A', T0 + 2000, 2);
    const [inFlight] = lane.due(T0 + 2000).batches;
    // While that batch is being written, a reconcile finds the shop at 999 (changed behind our back).
    lane.record('A', T0 + 2100, 3, true);
    lane.apply(inFlight!, result({ unchanged: [{ sku: 'A', quantity: 142 }] }), T0 + 2200);
    assert.equal(lane.known('A'), undefined, 'the next flush reads the shop level instead of trusting 142');
    assert.deepEqual(dueSkus(lane, T0 + 3200), ['A']);
    // The drift mark survives continue-as-new, and a batch read after it teaches known again.
    const restored = new StockLane('shopify', lane.snapshot(T0 + 3200));
    const [after] = restored.due(T0 + 3200).batches;
    restored.apply(after!, result({ written: [{ sku: 'A', quantity: 142 }] }), T0 + 3300);
    assert.equal(restored.known('A'), 142);
    assert.equal(restored.status().pending, 0);
  });

  it('skips SKUs the shop does not know, lists them, and queues them again on a later change', () => {
    const lane = new StockLane('shopify');
    lane.record('X', T0, 1);
    const [batch] = lane.due(T0).batches;
    lane.apply(batch!, result({ unknown: [{ sku: 'X', reason: 'no Shopify variant with this SKU' }] }), T0);
    assert.deepEqual(lane.status().unknownSkus, ['X']);
    assert.equal(lane.status().pending, 0);
    lane.record('X', T0 + 2000, 2);
    assert.deepEqual(dueSkus(lane, T0 + 2000), ['X']);
  });

  it('keeps refused SKUs pending and forgets what the shop was thought to hold', () => {
    const lane = new StockLane('woocommerce');
    lane.record('A', T0, 1);
    lane.apply(lane.due(T0).batches[0]!, result({ written: [{ sku: 'A', quantity: 1 }] }), T0);
    lane.record('A', T0 + 1000, 2);
    lane.apply(lane.due(T0 + 1000).batches[0]!, result({ failed: [{ sku: 'A', reason: 'woocommerce_rest_invalid_id' }] }), T0 + 1000);
    assert.equal(lane.known('A'), undefined);
    assert.equal(lane.status().pending, 1);
    assert.deepEqual(dueSkus(lane, T0 + 2000), ['A']);
  });

  it('backs off after whole-batch failures (1 s, 2 s, …) and clears the error on success', () => {
    const lane = new StockLane('shopify');
    lane.record('A', T0, 1);
    const [batch] = lane.due(T0).batches;
    lane.fail([batch!], T0, 'RateLimitedError: shopify rate limit hit');
    assert.equal(lane.pausedUntil(), T0 + 1000);
    lane.fail([batch!], T0 + 1000, 'RateLimitedError: again');
    assert.equal(lane.pausedUntil(), T0 + 3000);
    assert.equal(lane.status().pending, 1);
    lane.apply(batch!, result({ written: [{ sku: 'A', quantity: 4 }] }), T0 + 3000);
    assert.deepEqual([lane.failures(), lane.pausedUntil(), lane.status().lastError], [0, 0, undefined]);
  });

  it('a reconcile drift forgets the remembered value so the next flush writes', () => {
    const lane = new StockLane('woocommerce');
    lane.record('A', T0, 1);
    lane.apply(lane.due(T0).batches[0]!, result({ written: [{ sku: 'A', quantity: 5 }] }), T0);
    lane.record('A', T0 + 5000, 2, true);
    assert.equal(lane.known('A'), undefined);
    assert.deepEqual(dueSkus(lane, T0 + 5000), ['A']);
  });

  it('survives continue-as-new, dropping entries that carry no information', () => {
    const lane = new StockLane('shopify');
    lane.record('A', T0, 1);
    lane.record('B', T0, 2);
    const [batch] = lane.due(T0).batches;
    lane.apply({ items: batch!.items.filter((i) => i.sku === 'A') }, result({ written: [{ sku: 'A', quantity: 2 }] }), T0);
    const snapshot = JSON.parse(JSON.stringify(lane.snapshot(T0 + 5000))) as ReturnType<StockLane['snapshot']>;
    assert.deepEqual(snapshot.coalescer.entries.map((e) => e.latest.sku), ['B']);
    assert.deepEqual(snapshot.known, [['A', 2]]);
    const restored = new StockLane('shopify', snapshot);
    assert.deepEqual(dueSkus(restored, T0 + 5000), ['B']);
    assert.equal(restored.status().written, 1);
  });
});
