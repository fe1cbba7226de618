import { createHmac, randomUUID } from 'node:crypto';
import type { NetvisorClientConfig } from './types';

/** The values that go into one request's MAC, in the order Netvisor concatenates them. */
export interface MacInput {
  /** The full request URL exactly as sent: scheme, host, path and query string. */
  url: string;
  sender: string;
  customerId: string;
  /** `YYYY-MM-DD HH:MM:SS.fff`, UTC. */
  timestamp: string;
  language: string;
  organisationId: string;
  transactionId: string;
  /** Unix seconds as a decimal string. */
  timestampUnix: string;
  customerKey: string;
  partnerKey: string;
}

/**
 * HMAC-SHA256 MAC (reference/netvisor.md §2.2 A): key `CustomerKey&PartnerKey`, message the ten
 * fields joined with a literal `&`, both as ISO-8859-1 bytes, lowercase hex digest.
 */
export function computeNetvisorMac(input: MacInput): string {
  const message = [
    input.url,
    input.sender,
    input.customerId,
    input.timestamp,
    input.language,
    input.organisationId,
    input.transactionId,
    input.timestampUnix,
    input.customerKey,
    input.partnerKey,
  ].join('&');
  const key = Buffer.from(`${input.customerKey}&${input.partnerKey}`, 'latin1');
  return createHmac('sha256', key).update(Buffer.from(message, 'latin1')).digest('hex');
}

/** `YYYY-MM-DD HH:MM:SS.fff` in UTC, the ANSI form Netvisor expects. */
export function formatNetvisorTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').slice(0, 23);
}

/** A fresh transaction id: Netvisor refuses a reused one (REQUEST_NOT_UNIQUE), so never derive it from content. */
export function newTransactionId(): string {
  return randomUUID().replace(/-/g, '');
}

export type AuthHeaderInput = Pick<NetvisorClientConfig, 'sender' | 'customerId' | 'customerKey' | 'partnerId' | 'partnerKey' | 'organisationId'> & {
  url: string;
  language: string;
  now: Date;
  transactionId: string;
};

/** Every `X-Netvisor-*` header of one request (reference §2.1). Keys themselves are never sent. */
export function netvisorAuthHeaders(input: AuthHeaderInput): Record<string, string> {
  const timestamp = formatNetvisorTimestamp(input.now);
  const timestampUnix = String(Math.floor(input.now.getTime() / 1000));
  const mac = computeNetvisorMac({ ...input, timestamp, timestampUnix });
  return {
    'X-Netvisor-Authentication-Sender': input.sender,
    'X-Netvisor-Authentication-CustomerId': input.customerId,
    'X-Netvisor-Authentication-PartnerId': input.partnerId,
    'X-Netvisor-Authentication-Timestamp': timestamp,
    'X-Netvisor-Authentication-TimestampUnix': timestampUnix,
    'X-Netvisor-Authentication-TransactionId': input.transactionId,
    'X-Netvisor-Interface-Language': input.language,
    'X-Netvisor-Organisation-ID': input.organisationId,
    'X-Netvisor-Authentication-MAC': mac,
    'X-Netvisor-Authentication-MACHashCalculationAlgorithm': 'HMACSHA256',
    'X-Netvisor-Authentication-UseHTTPResponseStatusCodes': '1',
  };
}
