import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { toActivityFailure } from '../../src/activities/failure';
import { z } from 'zod';
import { AuthError, HttpCore, NotFoundError, RateLimitedError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';

const request = { method: 'POST', url: 'https://restapi.e-conomic.com/orders/drafts', status: 400 };

function failure(err: unknown): ApplicationFailure {
  const out = toActivityFailure(err);
  assert.ok(out instanceof ApplicationFailure);
  return out;
}

describe('connector errors become Temporal failures', () => {
  test('a 429 is retryable and waits as long as Retry-After said', () => {
    const f = failure(new RateLimitedError('economic', 7_000, request));
    assert.equal(f.type, 'RateLimitedError');
    assert.equal(f.nonRetryable, false);
    assert.equal(f.nextRetryDelay, 7_000);
  });

  test('a business rejection is non-retryable and carries the field issues', () => {
    const issues = [{ path: 'lines[0].unitNetPrice', message: 'max 2 decimals', code: 'E04740' }];
    const f = failure(new RejectedRequestError('economic', 'Validation failed', issues, { message: 'Validation failed' }, request));
    assert.equal(f.type, 'RejectedRequestError');
    assert.equal(f.nonRetryable, true);
    assert.deepEqual(f.details, [{ system: 'economic', issues }]);
    assert.match(f.message, /lines\[0\]\.unitNetPrice: E04740 max 2 decimals/);
  });

  test('5xx and lost responses are retried on the policy backoff', () => {
    const f = failure(new UpstreamUnavailableError('rackbeat', 'network (ECONNRESET)', request));
    assert.equal(f.nonRetryable, false);
    assert.equal(f.nextRetryDelay, undefined);
  });

  test("a 503's Retry-After survives the HTTP core and becomes the next retry delay", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end('{"message":"maintenance"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const core = new HttpCore({ system: 'economic', baseUrl: `http://127.0.0.1:${port}`, headers: {}, toRejection: (status) => new UpstreamUnavailableError('economic', `HTTP ${status}`) });
      const err = await core.request({ method: 'GET', path: '/self', schema: z.unknown() }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof UpstreamUnavailableError, String(err));
      assert.equal(err.retryAfterMs, 30_000);
      assert.equal(failure(err).nextRetryDelay, 30_000);
    } finally {
      server.close();
    }
  });

  test('auth and not-found errors are not retried', () => {
    assert.equal(failure(new AuthError('rackbeat', 'Unauthenticated', request)).nonRetryable, true);
    assert.equal(failure(new NotFoundError('rackbeat', 'order 9', request)).type, 'NotFoundError');
  });

  test('anything else passes through unchanged', () => {
    const plain = new TypeError('bug');
    assert.equal(toActivityFailure(plain), plain);
  });
});
