import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RejectedRequestError } from '../../src/connectors/http';
import { formatRackbeatTimestamp, rackbeatErrorMessage, rackbeatFieldIssues, rackbeatRejection, rawUrlEncode } from '../../src/connectors/rackbeat';

const request = { method: 'POST', url: 'https://app.rackbeat.com/api/orders', status: 422 };

describe('Rackbeat 422 bodies', () => {
  it('become one field issue per message, keeping the dotted field path', () => {
    const body = {
      message: 'The given data was invalid.',
      errors: { customer_id: ['The selected customer id is invalid.'], 'lines.0.item_id': ['The selected item id is invalid.', 'The item is barred.'] },
    };
    const error = rackbeatRejection(422, body, request);
    assert.ok(error instanceof RejectedRequestError);
    assert.equal(error.retryable, false);
    assert.equal(error.system, 'rackbeat');
    assert.deepEqual(error.issues, [
      { path: 'customer_id', message: 'The selected customer id is invalid.' },
      { path: 'lines.0.item_id', message: 'The selected item id is invalid.' },
      { path: 'lines.0.item_id', message: 'The item is barred.' },
    ]);
    assert.deepEqual(error.body, body);
    assert.match(error.message, /The given data was invalid\. \(customer_id: .*lines\.0\.item_id: .*\) \[POST https:\/\/app\.rackbeat\.com\/api\/orders → 422\]/);
  });

  it('without a message take the first field message as the summary', () => {
    const error = rackbeatRejection(422, { errors: { 'lines.0.variations.0.option_id': ['The option is invalid.'] } }, request);
    assert.match(error.message, /rejected the request: The option is invalid\./);
    assert.deepEqual(error.issues, [{ path: 'lines.0.variations.0.option_id', message: 'The option is invalid.' }]);
  });

  it('that carry a single string per field still yield the issue', () => {
    assert.deepEqual(rackbeatFieldIssues({ errors: { number: 'The number has already been taken.' } }), [
      { path: 'number', message: 'The number has already been taken.' },
    ]);
  });

  it('that are not JSON objects give no issues and an HTTP status summary', () => {
    const error = rackbeatRejection(400, '<html>Bad Request</html>', { ...request, status: 400 });
    assert.deepEqual(error.issues, []);
    assert.match(error.message, /rejected the request: HTTP 400/);
    assert.equal(rackbeatErrorMessage({ message: '   ' }), undefined);
    assert.equal(rackbeatErrorMessage({ message: 'Unauthenticated.' }), 'Unauthenticated.');
  });
});

describe('Rackbeat paths', () => {
  it('escape product numbers like PHP rawurlencode, once', () => {
    assert.equal(rawUrlEncode('ABC/123'), 'ABC%2F123');
    assert.equal(rawUrlEncode('GIFT#CARD'), 'GIFT%23CARD');
    assert.equal(rawUrlEncode("it's (1)*!"), 'it%27s%20%281%29%2A%21');
    assert.equal(rawUrlEncode('plain-NUMBER_1.0~'), 'plain-NUMBER_1.0~');
  });

  it('format date filters as YYYY-MM-DD HH:MM:SS in UTC', () => {
    assert.equal(formatRackbeatTimestamp(new Date('2026-03-04T05:06:07.890Z')), '2026-03-04 05:06:07');
    assert.equal(formatRackbeatTimestamp('2026-01-01 00:00:00'), '2026-01-01 00:00:00');
  });
});
