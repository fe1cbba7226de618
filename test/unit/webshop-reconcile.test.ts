import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection } from '../../src/config';
import { parseWebshopSettings } from '../../src/domain/webshop/settings';
import { isOurWebhookUrl, webshopTopicsFor, webshopWebhookUrl, wooWebhookName } from '../../src/activities/webshop/subscriptions';
import { webshopReconcileScheduleId } from '../../src/workflows/reconcile/contract';
import { decideReconcile, decideRefundReconcile } from '../../src/domain/reconcile/decide';
import { reconcileWindow } from '../../src/workflows/reconcile/window';

const MIN = 60_000;
const at = new Date('2026-11-22T10:00:00.000Z');

describe('reconcile window', () => {
  const base = { runStartedAt: at, intervalMs: 5 * MIN, overlapMs: 2 * MIN, maxLookbackMs: 7 * 24 * 60 * MIN };

  test('starts at the last checkpoint minus the overlap', () => {
    assert.deepEqual(reconcileWindow({ ...base, checkpoint: '2026-11-22T09:55:00.000Z' }), { since: new Date('2026-11-22T09:53:00.000Z'), basis: 'checkpoint' });
  });

  test('reaches back over runs that were skipped or failed: the checkpoint is older, so the window is wider', () => {
    assert.deepEqual(reconcileWindow({ ...base, checkpoint: '2026-11-22T06:00:00.000Z' }).since, new Date('2026-11-22T05:58:00.000Z'));
  });

  test('without a checkpoint reaches back one interval plus the overlap', () => {
    assert.deepEqual(reconcileWindow({ ...base, checkpoint: undefined }), { since: new Date('2026-11-22T09:53:00.000Z'), basis: 'first-run' });
  });

  test('never reaches back beyond the maximum look-back', () => {
    assert.deepEqual(reconcileWindow({ ...base, checkpoint: '2026-10-01T00:00:00.000Z' }), { since: new Date('2026-11-15T10:00:00.000Z'), basis: 'capped' });
  });
});

describe('reconcile decision per changed order', () => {
  const updated = Date.parse('2026-11-22T10:00:00Z');
  const cases: [string, Parameters<typeof decideReconcile>[0], ReturnType<typeof decideReconcile>][] = [
    ['no transfer yet: start it', { kind: 'absent' }, 'start'],
    ['a running transfer: wake it (it drops a delivery id it has seen)', { kind: 'running' }, 'wake'],
    ['closed, read well after the change: skip, no billed signal', { kind: 'closed', lastReadAtMs: updated + 2_000 }, 'skip'],
    ['closed, read within the clock margin of the change: run again', { kind: 'closed', lastReadAtMs: updated + 1_999 }, 'rerun'],
    ['closed, read before the change: run again', { kind: 'closed', lastReadAtMs: updated - 60_000 }, 'rerun'],
    ['closed without any read: run again', { kind: 'closed', lastReadAtMs: undefined }, 'rerun'],
  ];
  for (const [name, state, expected] of cases) test(name, () => assert.equal(decideReconcile(state, updated), expected));
});

describe('reconcile decision per listed Shopify refund (its own delivery, so its own transfer decides)', () => {
  const cases: [string, Parameters<typeof decideRefundReconcile>[0], ReturnType<typeof decideRefundReconcile>][] = [
    ['no refund transfer: its delivery was lost, start it', { kind: 'absent' }, 'start'],
    ['a running (held or working) refund transfer: wake it', { kind: 'running' }, 'wake'],
    ['completed after handing the refund over, however soon after the refund: skip', { kind: 'closed', lastReadAtMs: 1, completed: true }, 'skip'],
    ['completed without running its step: run again', { kind: 'closed', lastReadAtMs: undefined, completed: true }, 'rerun'],
    ['closed otherwise (terminated, failed): run again', { kind: 'closed', lastReadAtMs: 1, completed: false }, 'rerun'],
  ];
  for (const [name, state, expected] of cases) test(name, () => assert.equal(decideRefundReconcile(state), expected));
});

describe('webshop webhook registration helpers', () => {
  const connection = (productMaster: 'rackbeat' | 'webshop') => ({ id: 'acme', webshop: parseWebshopSettings({ productMaster }) }) as unknown as Connection;

  test('urls are per source and connection, and ours whatever the host', () => {
    assert.equal(webshopWebhookUrl('https://rb.example.com/', 'shopify', 'acme dk'), 'https://rb.example.com/webhooks/shopify/acme%20dk');
    assert.equal(isOurWebhookUrl('http://old.example.com/webhooks/woocommerce/acme/', 'woocommerce', 'acme'), true);
    assert.equal(isOurWebhookUrl('https://rb.example.com/webhooks/woocommerce/acme2', 'woocommerce', 'acme'), false);
    assert.equal(isOurWebhookUrl('https://rb.example.com/webhooks/shopify/acme', 'woocommerce', 'acme'), false);
    assert.equal(isOurWebhookUrl('not a url', 'shopify', 'acme'), false);
  });

  test('product topics only when the webshop is the product master', () => {
    assert.deepEqual(webshopTopicsFor(connection('rackbeat'), 'woocommerce'), ['order.created', 'order.updated', 'order.deleted', 'order.restored']);
    assert.deepEqual(webshopTopicsFor(connection('webshop'), 'shopify'), ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled', 'orders/edited', 'products/create', 'products/update', 'products/delete']);
  });

  test('the WooCommerce webhook name changes with the secret, never containing it', () => {
    const a = wooWebhookName('acme', 'order.updated', 'secret-one');
    assert.match(a, /^rackbridge acme: order\.updated \[[0-9a-f]{10}\]$/);
    assert.notEqual(a, wooWebhookName('acme', 'order.updated', 'secret-two'));
    assert.ok(!a.includes('secret-one'));
  });

  test('the schedule id names the connection', () => {
    assert.equal(webshopReconcileScheduleId('acme'), 'webshop-reconcile:acme');
  });
});
