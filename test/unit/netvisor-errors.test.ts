import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';
import {
  checkPeriod,
  formatDecimal,
  NetvisorAuthError,
  NetvisorRejectedError,
  NetvisorTransientError,
  parseDecimal,
  splitStatusText,
  toNetvisorError,
} from '../../src/connectors/netvisor';

describe('Netvisor status categories', () => {
  type ErrorClass = abstract new (...args: never[]) => Error;
  const cases: [string, ErrorClass, boolean, string][] = [
    ['AUTHENTICATION_FAILED :: Integration keys are not valid.', NetvisorAuthError, false, 'AuthError'],
    ['SERVICE_ACCESS_ERROR :: no rights', NetvisorAuthError, false, 'AuthError'],
    ['INVALID_DATA :: Data form incorrect:. XML message validation failed', NetvisorRejectedError, false, 'RejectedRequestError'],
    ['INVALID_DATA_SIZE :: too long', NetvisorRejectedError, false, 'RejectedRequestError'],
    ['DUPLICATE_DATA :: exists', NetvisorRejectedError, false, 'RejectedRequestError'],
    ['PERIOD_LOCK :: locked', NetvisorRejectedError, false, 'RejectedRequestError'],
    ['REQUEST_NOT_UNIQUE :: The transaction ID has already been used.', NetvisorTransientError, true, 'UpstreamUnavailableError'],
    ['SYSTEM_MAINTENANCE :: down', NetvisorTransientError, true, 'UpstreamUnavailableError'],
    ['SYSTEM_MAINTANANCE :: down', NetvisorTransientError, true, 'UpstreamUnavailableError'],
    ['TECHNICAL_ERROR :: oops', NetvisorTransientError, true, 'UpstreamUnavailableError'],
    ['SOMETHING_NEW :: future category', NetvisorRejectedError, false, 'RejectedRequestError'],
  ];
  for (const [text, type, retryable, name] of cases) {
    it(`maps '${text.split(' ::')[0]}' to ${type.name} (retryable: ${retryable})`, () => {
      const err = toNetvisorError(text);
      assert.ok(err instanceof type);
      assert.equal(err.retryable, retryable);
      assert.equal(err.name, name);
      assert.equal((err as NetvisorRejectedError).category, text.split(' ::')[0]);
    });
  }

  it('keeps the base classes so generic handling still works', () => {
    assert.ok(toNetvisorError('PERIOD_LOCK :: x') instanceof RejectedRequestError);
    assert.ok(toNetvisorError('TECHNICAL_ERROR :: x') instanceof UpstreamUnavailableError);
    assert.ok(toNetvisorError('AUTHENTICATION_FAILED :: x') instanceof AuthError);
  });

  it('keeps Netvisor text verbatim and tolerates a status without a category', () => {
    assert.deepEqual(splitStatusText('INVALID_DATA :: Data form incorrect:. a :: b'), { category: 'INVALID_DATA', message: 'Data form incorrect:. a :: b' });
    const err = toNetvisorError('Something odd');
    assert.ok(err instanceof NetvisorRejectedError);
    assert.equal(err.category, 'UNKNOWN');
    assert.equal(err.netvisorMessage, 'Something odd');
  });
});

describe('Netvisor decimals', () => {
  it('writes decimal commas and plain integers', () => {
    assert.equal(formatDecimal(244), '244');
    assert.equal(formatDecimal(6.9), '6,9');
    assert.equal(formatDecimal(-3.04), '-3,04');
    assert.throws(() => formatDecimal(Number.NaN), RangeError);
  });
  it('reads commas and dots and refuses anything else instead of returning 0', () => {
    assert.equal(parseDecimal('123,45'), 123.45);
    assert.equal(parseDecimal('42.5'), 42.5);
    assert.equal(parseDecimal('1 234,50'), 1234.5);
    assert.equal(parseDecimal(''), undefined);
    assert.equal(parseDecimal('12,3,4'), undefined);
    assert.equal(parseDecimal('abc'), undefined);
  });
});

describe('Netvisor period check', () => {
  const state = { accountingLockDate: '2025-12-31', vatLockDate: '2026-02-28', fiscalYears: [{ netvisorKey: '1', name: '2026', begin: '2026-01-01', end: '2026-12-31' }] };
  it('tells open, locked, VAT-locked and missing fiscal year apart', () => {
    assert.equal(checkPeriod(state, '2027-01-05'), 'no-fiscal-year');
    assert.equal(checkPeriod({ ...state, fiscalYears: [...state.fiscalYears, { netvisorKey: '0', name: '2025', begin: '2025-01-01', end: '2025-12-31' }] }, '2025-12-31'), 'period-locked');
    assert.equal(checkPeriod(state, '2026-02-28'), 'vat-locked');
    assert.equal(checkPeriod(state, '2026-03-01'), 'open');
  });
});
