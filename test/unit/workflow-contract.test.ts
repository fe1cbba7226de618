import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DeliveryDedup } from '../../src/workflows/common/delivery-dedup';
import { StatusRecorder } from '../../src/workflows/common/status-recorder';
import { orderWorkflowId, parseOrderWorkflowId } from '../../src/workflows/order/contract';

describe('order workflow ids', () => {
  test('are built from connection and Rackbeat order number', () => {
    assert.equal(orderWorkflowId('acme', 1042), 'order:acme:1042');
    assert.equal(orderWorkflowId('acme-dk', '1042'), 'order:acme-dk:1042');
  });

  test('parse back to their parts, and refuse other flows', () => {
    assert.deepEqual(parseOrderWorkflowId('order:acme-dk:1042'), { connectionId: 'acme-dk', orderNumber: '1042' });
    assert.equal(parseOrderWorkflowId('product:acme:1042'), undefined);
  });
});

describe('delivery de-duplication', () => {
  test('a delivery id counts once, and the memory is bounded', () => {
    const dedup = new DeliveryDedup([], 2);
    assert.equal(dedup.firstSeen('a'), true);
    assert.equal(dedup.firstSeen('a'), false);
    assert.equal(dedup.firstSeen('b'), true);
    assert.equal(dedup.firstSeen('c'), true);
    assert.deepEqual(dedup.toArray(), ['b', 'c']);
    assert.equal(dedup.firstSeen('a'), true, 'the oldest id was forgotten');
  });

  test('carries across continue-as-new', () => {
    const dedup = new DeliveryDedup(['x', 'y']);
    assert.equal(dedup.firstSeen('y'), false);
  });
});

describe('transfer status', () => {
  test('holding records the reason and message; moving on clears them', () => {
    const status = new StatusRecorder({ workflowId: 'order:a:1', flow: 'order', connectionId: 'a', sourceRef: 'rackbeat:order:1' });
    assert.equal(status.hold('RACKBEAT_ORDER_NOT_FOUND', 'Fix it in Rackbeat.', 'waiting'), true);
    assert.equal(status.hold('RACKBEAT_ORDER_NOT_FOUND', 'Fix it in Rackbeat.', 'waiting'), false, 'same hold is no change');
    assert.equal(status.snapshot().heldReason, 'RACKBEAT_ORDER_NOT_FOUND');
    assert.match(status.details(), /\*\*Held:\*\* `RACKBEAT_ORDER_NOT_FOUND` — Fix it in Rackbeat\./);
    assert.equal(status.moveTo('WAITING', 'next event'), true);
    assert.equal(status.snapshot().heldReason, undefined);
    assert.equal(status.snapshot().heldMessage, undefined);
  });
});
