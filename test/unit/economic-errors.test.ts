import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFieldIssues, toRejection } from '../../src/connectors/economic/errors';
import { RejectedRequestError } from '../../src/connectors/http';

const request = { method: 'POST', url: 'https://restapi.e-conomic.com/orders/drafts', status: 400 };

describe('toFieldIssues', () => {
  it('flattens nested properties and array elements by arrayIndex', () => {
    const errors = {
      currency: { errors: [{ errorCode: 'E06000', message: 'Currency not found.', value: 'XXX', developerHint: '' }] },
      recipient: { vatZone: { errors: [{ errorCode: 'E06000', message: 'VAT zone not found.' }] } },
      lines: [
        { arrayIndex: 2, unitNetPrice: { errors: [{ errorCode: 'E04740', message: 'Max 2 decimals.' }] }, quantity: { errors: [{ errorCode: 'E04730', message: 'Quantity required.' }] } },
        { arrayIndex: 5, product: { errors: [{ errorCode: 'E04500', message: 'No identifier.' }] } },
      ],
    };
    assert.deepEqual(toFieldIssues(errors), [
      { path: 'currency', message: 'Currency not found.', code: 'E06000' },
      { path: 'recipient.vatZone', message: 'VAT zone not found.', code: 'E06000' },
      { path: 'lines[2].unitNetPrice', message: 'Max 2 decimals.', code: 'E04740' },
      { path: 'lines[2].quantity', message: 'Quantity required.', code: 'E04730' },
      { path: 'lines[5].product', message: 'No identifier.', code: 'E04500' },
    ]);
  });

  it('reads arrays wrapped as {items: [...]} and elements without arrayIndex by position', () => {
    const errors = { lines: { items: [{ description: { errors: [{ message: 'Too long.' }] } }] } };
    assert.deepEqual(toFieldIssues(errors), [{ path: 'lines[0].description', message: 'Too long.' }]);
  });

  it('returns no issues for bodies without errors', () => {
    assert.deepEqual(toFieldIssues(undefined), []);
    assert.deepEqual(toFieldIssues('oops'), []);
  });
});

describe('toRejection', () => {
  it('carries message, logId, issues and the whole body', () => {
    const body = {
      message: 'Validation error.',
      developerHint: 'Inspect validation errors and correct your request.',
      logId: 'abc-CPH',
      httpStatusCode: 400,
      logTime: '2026-01-01T10:00:00',
      errors: { lines: [{ arrayIndex: 0, unitNetPrice: { errors: [{ errorCode: 'E04740', message: 'Max 2 decimals.', value: 1.005 }] } }] },
    };
    const err = toRejection(400, body, request);
    assert.ok(err instanceof RejectedRequestError);
    assert.equal(err.retryable, false);
    assert.deepEqual(err.issues, [{ path: 'lines[0].unitNetPrice', message: 'Max 2 decimals.', code: 'E04740' }]);
    assert.equal(err.body, body);
    assert.match(err.message, /Validation error\. \(logId abc-CPH\)/);
    assert.match(err.message, /lines\[0\]\.unitNetPrice: E04740/);
  });

  it('turns a top-level errorCode into one issue without a path', () => {
    const err = toRejection(400, { message: 'Bad.', errorCode: 'E01234' }, request);
    assert.deepEqual(err.issues, [{ path: '', message: 'Bad.', code: 'E01234' }]);
  });

  it('copes with a non-JSON body', () => {
    const err = toRejection(415, 'Unsupported', request);
    assert.deepEqual(err.issues, []);
    assert.match(err.message, /Unsupported/);
  });
});
