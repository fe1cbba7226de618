import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stockIdempotencyKey } from '../../src/activities/stock-key';
import { stockReconcileScheduleId, stockWorkflowId } from '../../src/workflows/stock/contract';

const q = [{ inventoryItemId: '11', locationId: '9', quantity: 4, changeFromQuantity: 6 as number | null }];

describe('F4 ids and keys', () => {
  it('names the workflow and the schedule after the connection', () => {
    assert.equal(stockWorkflowId('acme'), 'stock:acme');
    assert.equal(stockReconcileScheduleId('acme'), 'stock-reconcile:acme');
  });

  it('gives a retry of the same request the same UUID-shaped idempotency key', () => {
    const key = stockIdempotencyKey('stock:acme:7:0', q);
    assert.equal(key, stockIdempotencyKey('stock:acme:7:0', q));
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives another batch, or other quantities, another key', () => {
    const key = stockIdempotencyKey('stock:acme:7:0', q);
    assert.notEqual(key, stockIdempotencyKey('stock:acme:8:0', q));
    assert.notEqual(key, stockIdempotencyKey('stock:acme:7:0', [{ ...q[0]!, changeFromQuantity: 5 }]));
    assert.notEqual(stockIdempotencyKey('stock:acme:7:0', [{ ...q[0]!, changeFromQuantity: 0 }]), stockIdempotencyKey('stock:acme:7:0', [{ ...q[0]!, changeFromQuantity: null }]));
  });
});
