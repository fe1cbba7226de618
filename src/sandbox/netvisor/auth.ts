import { createHmac, timingSafeEqual } from 'node:crypto';
import { NETVISOR_MAX_CLOCK_SKEW_SECONDS, NETVISOR_SANDBOX_CREDENTIALS } from './credentials';
import { NetvisorFailure } from './responses';
import type { NetvisorStore } from './store';

const H = 'x-netvisor-authentication-';
const KEYS_INVALID = 'Integration keys are not valid. Please check the keys specific to the user and partner.';

type Headers = Record<string, string | string[] | undefined>;

function one(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks a request the way Netvisor does, written independently of the connector: required
 * headers, known partner and customer, HMACSHA256 MAC over the URL as received, timestamp within
 * NETVISOR_MAX_CLOCK_SKEW_SECONDS, and a transaction id never seen before. Throws NetvisorFailure.
 */
export function verifyNetvisorRequest(fullUrl: string, headers: Headers, store: NetvisorStore, now: Date): void {
  const sender = one(headers, `${H}sender`);
  const customerId = one(headers, `${H}customerid`);
  const partnerId = one(headers, `${H}partnerid`);
  const timestamp = one(headers, `${H}timestamp`);
  const unix = one(headers, `${H}timestampunix`);
  const transactionId = one(headers, `${H}transactionid`);
  const mac = one(headers, `${H}mac`);
  const algorithm = one(headers, `${H}machashcalculationalgorithm`);
  const language = one(headers, 'x-netvisor-interface-language');
  const organisation = one(headers, 'x-netvisor-organisation-id');
  const missing = Object.entries({ sender, customerId, partnerId, timestamp, unix, transactionId, mac, language, organisation })
    .filter(([, v]) => v === undefined || v === '')
    .map(([k]) => k);
  if (missing.length > 0) throw new NetvisorFailure('AUTHENTICATION_FAILED', `Missing authentication headers: ${missing.join(', ')}`);
  const c = NETVISOR_SANDBOX_CREDENTIALS;
  if (partnerId !== c.partnerId) throw new NetvisorFailure('AUTHENTICATION_FAILED', 'Integraatiokumppania ei löydy, katso dokumentaatio');
  if (customerId !== c.customerId || organisation !== c.organisationId) throw new NetvisorFailure('AUTHENTICATION_FAILED', KEYS_INVALID);
  if (algorithm?.toUpperCase() !== 'HMACSHA256') throw new NetvisorFailure('AUTHENTICATION_FAILED', 'The sandbox accepts only MACHashCalculationAlgorithm HMACSHA256');
  if (!['FI', 'EN', 'SE'].includes(language ?? '')) throw new NetvisorFailure('AUTHENTICATION_FAILED', `Unknown interface language '${language}'`);

  const fields = `${fullUrl}&${sender}&${customerId}&${timestamp}&${language}&${organisation}&${transactionId}&${unix}&${c.customerKey}&${c.partnerKey}`;
  const expected = createHmac('sha256', Buffer.from(c.customerKey + '&' + c.partnerKey, 'latin1'))
    .update(fields, 'latin1')
    .digest();
  const given = Buffer.from((mac ?? '').toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new NetvisorFailure('AUTHENTICATION_FAILED', KEYS_INVALID);

  const at = parseUtc(timestamp ?? '');
  const unixSeconds = /^\d+$/.test(unix ?? '') ? Number(unix) : undefined;
  if (at === undefined || unixSeconds === undefined || Math.abs(at / 1000 - unixSeconds) >= 1) {
    throw new NetvisorFailure('AUTHENTICATION_FAILED', 'Timestamp is not in the format YYYY-MM-DD HH:MM:SS.fff or does not match TimestampUnix');
  }
  if (Math.abs(now.getTime() / 1000 - unixSeconds) > NETVISOR_MAX_CLOCK_SKEW_SECONDS) {
    throw new NetvisorFailure('AUTHENTICATION_FAILED', 'Timestamp is too far from the server time');
  }
  if (store.usedTransactionIds.has(transactionId ?? '')) {
    throw new NetvisorFailure('REQUEST_NOT_UNIQUE', 'The transaction ID has already been used. The ID must change in every request.');
  }
  store.usedTransactionIds.add(transactionId ?? '');
}

/** `YYYY-MM-DD HH:MM:SS(.fff)` read as UTC; undefined when malformed. */
function parseUtc(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000) * 1000;
}
