import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyNetworkError, classifyResponse, parseRetryAfterMs, redactUrl } from '../../src/connectors/http';

describe('retry classifier', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  const cases: [string, number, Record<string, unknown>, ReturnType<typeof classifyResponse>][] = [
    ['429 with Retry-After seconds waits that long', 429, { 'Retry-After': '7' }, { retry: true, reason: 'rate-limited', waitMs: 7000 }],
    ['429 with an HTTP date waits until then', 429, { 'retry-after': 'Sat, 21 Nov 2026 12:00:30 GMT' }, { retry: true, reason: 'rate-limited', waitMs: 30_000 }],
    ['429 without Retry-After retries on the backoff', 429, {}, { retry: true, reason: 'rate-limited' }],
    ['503 is retried', 503, {}, { retry: true, reason: 'server-error' }],
    ['500 is retried', 500, {}, { retry: true, reason: 'server-error' }],
    ['401 is not retried', 401, {}, { retry: false, reason: 'auth' }],
    ['403 is not retried', 403, {}, { retry: false, reason: 'auth' }],
    ['404 is not retried', 404, {}, { retry: false, reason: 'not-found' }],
    ['400 is a rejection', 400, {}, { retry: false, reason: 'rejected' }],
    ['422 is a rejection', 422, {}, { retry: false, reason: 'rejected' }],
  ];
  for (const [name, status, headers, expected] of cases) {
    test(name, () => assert.deepEqual(classifyResponse({ status, headers }, now), expected));
  }

  test('timeouts and connection errors are retried and told apart', () => {
    assert.deepEqual(classifyNetworkError('ECONNABORTED'), { retry: true, reason: 'timeout' });
    assert.deepEqual(classifyNetworkError('ECONNRESET'), { retry: true, reason: 'network' });
    assert.deepEqual(classifyNetworkError(undefined), { retry: true, reason: 'network' });
  });

  test('an unreadable Retry-After is ignored rather than guessed', () => {
    assert.equal(parseRetryAfterMs('soon'), undefined);
    assert.equal(parseRetryAfterMs(''), undefined);
    assert.equal(parseRetryAfterMs(undefined), undefined);
  });
});

describe('URL redaction', () => {
  test('credential query parameters are replaced, others kept', () => {
    assert.equal(
      redactUrl('https://shop.example/wp-json/wc/v3/orders?consumer_key=ck_123&consumer_secret=cs_456&page=2'),
      'https://shop.example/wp-json/wc/v3/orders?consumer_key=REDACTED&consumer_secret=REDACTED&page=2',
    );
    assert.equal(redactUrl('https://api.example/orders/5'), 'https://api.example/orders/5');
  });
});
