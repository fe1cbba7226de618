import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentChanges } from '../../src/preview/diff';
import { inWindow } from '../../src/preview/backfill-plan';
import { summarise, toStart } from '../../src/preview/document-preview';

test('documentChanges names each differing value rackbridge sends, ignores fields e-conomic adds, and lines added or removed', () => {
  const existing = { customer: { customerNumber: 1, self: 'x' }, netAmount: 100, lines: [{ lineNumber: 1, quantity: 2, unitNetPrice: 10 }, { quantity: 1 }] };
  const desired = { customer: { customerNumber: 1 }, lines: [{ quantity: 5, unitNetPrice: 10.001 }], notes: { heading: 'H' } };
  assert.deepEqual(documentChanges(existing, desired), ['lines[0].quantity: 2 → 5', 'lines[1]: removed ({"quantity":1})', 'notes.heading: (none) → "H"']);
  assert.deepEqual(documentChanges(desired, desired), []);
});

test('the backfill window is inclusive by day; held and new documents are started, transferred ones are not', () => {
  const w = { since: '2026-11-01', until: '2026-11-30' };
  assert.equal(inWindow('2026-11-01', w), true);
  assert.equal(inWindow('2026-11-30T23:59:00Z', w), true);
  assert.equal(inWindow('2026-12-01', w), false);
  assert.equal(inWindow(undefined, w), false);
  const p = (number: string, verdict: 'new' | 'transferred' | 'held' | 'waiting') => ({ label: `order ${number}`, number, date: undefined, verdict, detail: '' });
  const previews = [p('1', 'new'), p('2', 'transferred'), p('3', 'held'), p('4', 'waiting')];
  assert.deepEqual(toStart(previews), ['1', '3']);
  assert.equal(summarise(previews, 'order'), '4 order(s) in the window: 1 new, 1 transferred, 1 held, 1 waiting');
});
