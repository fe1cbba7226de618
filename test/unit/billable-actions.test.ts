import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { countBillableActions } from '../../bench/billable-actions';

describe('billable actions counted from a history', () => {
  test('the recorded happy path: start+signal once, every signal, activity and upsert', () => {
    const saved = JSON.parse(readFileSync(join(__dirname, '..', 'histories', 'order-shipped-booked.json'), 'utf8')) as { history: unknown };
    const history = historyFromJSON(saved.history);
    const count = countBillableActions(history);
    const events = history.events ?? [];
    const of = (name: string) => events.filter((e) => String(e.eventType) === name || Number(e.eventType) === Number(name)).length;
    assert.equal(count.events, events.length);
    assert.equal(count.breakdown.start, 1);
    assert.equal(count.breakdown.activities, of('10'));
    assert.equal(count.breakdown.signals, of('26') - 1, 'the signal that came with the start is not billed again');
    assert.equal(count.breakdown.upserts, of('40'));
    assert.equal(count.actions, Object.values(count.breakdown).reduce((a, b) => a + b, 0));
  });
});
