import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { computeNetvisorMac, formatNetvisorTimestamp, netvisorAuthHeaders, newTransactionId } from '../../src/connectors/netvisor';

// reference/netvisor.md §2.2 test vector.
const VECTOR = {
  url: 'https://isvapi.netvisor.fi/salesinvoice.nv?method=add',
  sender: 'Testiclient',
  customerId: 'customerid',
  timestamp: '2024-01-01 12:00:00.000',
  language: 'FI',
  organisationId: '1967543-8',
  transactionId: 'txid123',
  timestampUnix: '1704110400',
  customerKey: 'customerkey',
  partnerKey: 'partnerkey',
};
const PUBLISHED_HMAC = '1ff02972173bef63409637801f8eed00f3153890f9533df093e523a28e3fd0c8';

describe('Netvisor MAC', () => {
  it('the reference vector recomputed here with node:crypto gives the published HMAC', () => {
    const v = VECTOR;
    const message = `${v.url}&${v.sender}&${v.customerId}&${v.timestamp}&${v.language}&${v.organisationId}&${v.transactionId}&${v.timestampUnix}&${v.customerKey}&${v.partnerKey}`;
    const mac = createHmac('sha256', Buffer.from('customerkey&partnerkey', 'latin1')).update(Buffer.from(message, 'latin1')).digest('hex');
    assert.equal(mac, PUBLISHED_HMAC);
  });

  it('the connector computes the published HMAC for the reference vector', () => {
    assert.equal(computeNetvisorMac(VECTOR), PUBLISHED_HMAC);
  });

  it('hashes non-ASCII as ISO-8859-1 bytes, not UTF-8', () => {
    const withUmlaut = { ...VECTOR, sender: 'Myyntiä' };
    const message = Object.values({ ...withUmlaut }).join('&');
    const latin1 = createHmac('sha256', Buffer.from('customerkey&partnerkey', 'latin1')).update(Buffer.from(message, 'latin1')).digest('hex');
    const utf8 = createHmac('sha256', 'customerkey&partnerkey').update(message, 'utf8').digest('hex');
    assert.notEqual(latin1, utf8);
    assert.equal(computeNetvisorMac(withUmlaut), latin1);
  });

  it('builds every X-Netvisor header with a UTC timestamp and a MAC over those exact values', () => {
    const now = new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 42));
    const headers = netvisorAuthHeaders({ ...VECTOR, partnerId: 'pid', now, transactionId: 'tx-1' });
    assert.deepEqual(headers, {
      'X-Netvisor-Authentication-Sender': 'Testiclient',
      'X-Netvisor-Authentication-CustomerId': 'customerid',
      'X-Netvisor-Authentication-PartnerId': 'pid',
      'X-Netvisor-Authentication-Timestamp': '2024-01-01 12:00:00.042',
      'X-Netvisor-Authentication-TimestampUnix': '1704110400',
      'X-Netvisor-Authentication-TransactionId': 'tx-1',
      'X-Netvisor-Interface-Language': 'FI',
      'X-Netvisor-Organisation-ID': '1967543-8',
      'X-Netvisor-Authentication-MAC': computeNetvisorMac({ ...VECTOR, timestamp: '2024-01-01 12:00:00.042', transactionId: 'tx-1' }),
      'X-Netvisor-Authentication-MACHashCalculationAlgorithm': 'HMACSHA256',
      'X-Netvisor-Authentication-UseHTTPResponseStatusCodes': '1',
    });
  });

  it('formats timestamps as YYYY-MM-DD HH:MM:SS.fff in UTC', () => {
    assert.equal(formatNetvisorTimestamp(new Date('2025-06-26T20:09:50.123Z')), '2025-06-26 20:09:50.123');
  });

  it('gives every request a different 32-hex transaction id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newTransactionId()));
    assert.equal(ids.size, 50);
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  });
});
