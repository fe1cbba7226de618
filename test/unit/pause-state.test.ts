import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPauseRequest, isPaused, NOT_PAUSED } from '../../src/workflows/control/pause-state';

test('pausing a connection pauses every flow; resuming it clears flow pauses too', () => {
  const one = applyPauseRequest(NOT_PAUSED, { action: 'pause', flow: 'order' });
  assert.ok('state' in one);
  assert.equal(isPaused(one.state, 'order'), true);
  assert.equal(isPaused(one.state, 'netvisor-invoice'), false);
  const all = applyPauseRequest(one.state, { action: 'pause' });
  assert.ok('state' in all);
  assert.equal(isPaused(all.state, 'netvisor-invoice'), true);
  const resumed = applyPauseRequest(all.state, { action: 'resume' });
  assert.deepEqual(resumed, { state: { all: false, flows: [] } });
});

test('resuming one flow of a wholly paused connection is refused; pausing twice is one pause', () => {
  const refused = applyPauseRequest({ all: true, flows: [] }, { action: 'resume', flow: 'order' });
  assert.ok('refused' in refused);
  assert.match(refused.refused, /resume it without --flow/);
  assert.deepEqual(applyPauseRequest({ all: false, flows: ['order'] }, { action: 'pause', flow: 'order' }), { state: { all: false, flows: ['order'] } });
  assert.deepEqual(applyPauseRequest({ all: false, flows: ['order', 'stock'] }, { action: 'resume', flow: 'order' }), { state: { all: false, flows: ['stock'] } });
});
