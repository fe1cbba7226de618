import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DUPLICATE_WINDOW_MS, readRackbeatDelivery } from '../../src/webhooks/rackbeat';

const at = new Date('2026-12-02T10:00:00.000Z');
const read = (event: string | undefined, body: string, when = at) => readRackbeatDelivery(event ? { 'rackbeat-webhook-event': event } : {}, Buffer.from(body), when);

describe('Rackbeat webhook intake: bodies as Rackbeat really sends them', () => {
  test('a real order.created body: key as a string, the event only in the header', () => {
    const out = read('order.created', '{"key_name":"number","key":"1021"}');
    assert.ok(out.ok);
    assert.equal(out.event.event, 'order.created');
    assert.equal(out.event.resource, 'order');
    assert.equal(out.event.key, '1021');
    assert.equal(out.event.keyName, 'number');
  });

  test('the docs example body (event, data, numeric key) is accepted; the header wins over the body', () => {
    const docs = read(undefined, '{"key":1021,"key_name":"number","event":"order.created","data":{"number":1021}}');
    assert.ok(docs.ok);
    assert.equal(docs.event.event, 'order.created');
    assert.equal(docs.event.key, '1021');
    const both = read('order.shipped', '{"key":1021,"event":"order.created"}');
    assert.ok(both.ok);
    assert.equal(both.event.event, 'order.shipped');
  });

  test('update fields are read when present, unknown fields ignored, converted_to_lot kept', () => {
    const updated = read('product.updated', '{"key_name":"number","key":"CHAIR-01","old_key":"CHAIR-01","new_key":"CHAIR-01","changed":["name"],"whatever":{"x":1}}');
    assert.ok(updated.ok);
    assert.deepEqual(updated.event.changed, ['name']);
    const converted = read('product.deleted', '{"key_name":"number","key":"SET-1","converted_to_lot":true}');
    assert.ok(converted.ok);
    assert.equal(converted.event.convertedToLot, true);
  });

  test('inventory.changed: item, item_type and type, no key', () => {
    const out = read('inventory.changed', '{"item":"ABC/123","item_type":"product","type":"stock"}');
    assert.ok(out.ok);
    assert.equal(out.event.resource, 'inventory');
    assert.equal(out.event.key, 'ABC/123');
    assert.equal(out.event.itemType, 'product');
    assert.equal(out.event.changeType, 'stock');
  });

  test('no event anywhere is refused with a reason', () => {
    const out = read(undefined, '{"key_name":"number","key":"1021"}');
    assert.equal(out.ok, false);
    assert.ok(!out.ok && out.status === 400 && out.error === 'missing_event');
  });

  const hostile: [string, string][] = [
    ['3,000 characters', JSON.stringify('9'.repeat(3000))],
    ['abc', '"abc"'],
    ['../x', '"../x"'],
    ['1.5', '1.5'],
    ['-1', '-1'],
    ['2^80', '1208925819614629174706176'],
    ['10^40', '1e40'],
    ['2^53 + 1 (cannot be read back exactly)', '9007199254740993'],
    ['an object', '{"n":1}'],
  ];
  for (const [name, key] of hostile) {
    test(`an order key of ${name} is a 400 with the reason`, () => {
      const out = read('order.created', `{"key_name":"number","key":${key}}`);
      assert.equal(out.ok, false, `accepted ${name}`);
      assert.ok(!out.ok && out.status === 400);
      assert.ok(!out.ok && /key/.test(out.message + JSON.stringify(out.issues ?? [])), !out.ok ? out.message : '');
    });
  }

  test('the largest exact number is accepted as the digits sent; product numbers may hold / and #', () => {
    const big = read('order.created', '{"key":9007199254740991}');
    assert.ok(big.ok);
    assert.equal(big.event.key, '9007199254740991');
    const product = read('product.updated', '{"key_name":"number","key":"#12/AB-3"}');
    assert.ok(product.ok);
    assert.equal(product.event.key, '#12/AB-3');
    const traversal = read('product.updated', '{"key":"a/../../x"}');
    assert.equal(traversal.ok, false);
  });

  test('two different events with byte-identical bodies are two deliveries; the same one sent twice at once is one', () => {
    const body = '{"key_name":"number","key":"1021"}';
    const created = read('order.created', body);
    const shipped = read('order.shipped', body);
    const again = read('order.created', body, new Date(at.getTime() + 1));
    const later = read('order.created', body, new Date(at.getTime() + DUPLICATE_WINDOW_MS));
    assert.ok(created.ok && shipped.ok && again.ok && later.ok);
    assert.notEqual(created.event.deliveryId, shipped.event.deliveryId);
    assert.equal(created.event.deliveryId, again.event.deliveryId);
    assert.notEqual(created.event.deliveryId, later.event.deliveryId, 'a later identical delivery is a new event: waking twice is harmless');
  });
});
