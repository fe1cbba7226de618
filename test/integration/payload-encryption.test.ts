import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { type CodecKeyRing, formatCodecKeys, parseCodecKeys } from '../../src/temporal/codec/keys';
import { PayloadCipherCodec } from '../../src/temporal/codec/payload-cipher';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { historyBytesAsText } from '../helpers/payloads';
import { eventually } from '../helpers/temporal';

const ring = (...keys: { id: string; key: Buffer }[]): CodecKeyRing => {
  const parsed = parseCodecKeys(formatCodecKeys(keys));
  assert.ok(parsed.ok);
  return parsed.ring;
};

describe('payload encryption on a real dev server: keys missing, wrong, rotated', () => {
  const oldKey = { id: 'k-2026-01', key: randomBytes(32) };
  const newKey = { id: 'k-2026-07', key: randomBytes(32) };
  let h: LifecycleHarness;
  before(async () => {
    // The harness's client and first worker encrypt with the old key; the client reads both.
    h = await startLifecycleHarness([{ id: 'enc' }], { codecKeys: ring(oldKey, newKey) });
  });
  after(async () => {
    await h.close();
  });

  test('a worker without the key fails the workflow task with a clear error and keeps running; after rotation the transfer finishes', async () => {
    const { rackbeat } = h.conn('enc');
    const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
    await rackbeat.bookOrder(order.number);
    await h.waitFor('enc', order.number, 'WAITING', (s) => s.targetRefs.length > 0);
    const handle = h.client.workflow.getHandle(orderWorkflowId('enc', order.number));
    assert.ok(!historyBytesAsText(await handle.fetchHistory()).includes('Nordisk Cykel'), 'nothing in clear');

    // A worker with only a new key (the old one forgotten): the next event cannot be decoded.
    await h.stopWorker();
    await h.startWorker(ring(newKey));
    await shipOrder(rackbeat, order.number);
    const failure = await eventually(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      return events.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure ?? undefined;
    }, 'a failed workflow task');
    // Failure messages are encrypted too (they can name customers); the operator's keys read it.
    assert.equal(failure.message, 'Encoded failure');
    const [attributes] = await new PayloadCipherCodec(ring(newKey, oldKey)).decode([failure.encodedAttributes as Payload]);
    const { message } = defaultPayloadConverter.fromPayload<{ message: string }>(attributes!);
    assert.match(message, /^payload is encrypted with key id 'k-2026-01', which is not in RACKBRIDGE_CODEC_KEYS \(ids: k-2026-07\): keep retired keys after the current one$/);
    assert.equal((await handle.describe()).status.name, 'RUNNING', 'the workflow waits for a worker that can read it');

    // Rotation done right: new key first, old key kept for what was written under it.
    await h.stopWorker();
    await h.startWorker(ring(newKey, oldKey));
    const done = await h.waitFor('enc', order.number, 'DONE');
    assert.ok(done.targetRefs.some((r) => r.startsWith('economic:invoice:')));
  });
});
