import { AuthError, type IntegrationError, RejectedRequestError, type RequestInfo, UpstreamUnavailableError } from '../http';

/** Error categories Netvisor puts in front of ` :: ` in the second `<Status>` (reference §4.2). */
export const NETVISOR_CATEGORIES = [
  'AUTHENTICATION_FAILED',
  'INVALID_DATA',
  'INVALID_DATA_SIZE',
  'DUPLICATE_DATA',
  'REQUEST_NOT_UNIQUE',
  'PERIOD_LOCK',
  'SERVICE_ACCESS_ERROR',
  'SYSTEM_MAINTENANCE',
  'TECHNICAL_ERROR',
] as const;
export type NetvisorCategory = (typeof NETVISOR_CATEGORIES)[number];

/** Categories worth sending again: a new request (new transaction id, new MAC) may succeed. */
const RETRYABLE: ReadonlySet<string> = new Set(['REQUEST_NOT_UNIQUE', 'SYSTEM_MAINTENANCE', 'TECHNICAL_ERROR']);
const AUTH: ReadonlySet<string> = new Set(['AUTHENTICATION_FAILED', 'SERVICE_ACCESS_ERROR']);

/**
 * A business rejection (`INVALID_DATA`, `DUPLICATE_DATA`, `PERIOD_LOCK`, or a category we do not
 * know): fix the data, do not retry. Keeps the name `RejectedRequestError` so Temporal's
 * non-retryable type list matches it; `category` says which rule failed.
 */
export class NetvisorRejectedError extends RejectedRequestError {
  constructor(
    /** The category as Netvisor sent it; unknown ones are kept verbatim. */
    readonly category: string,
    /** Netvisor's own text after ` :: `, shown as-is (P3 asks to). */
    readonly netvisorMessage: string,
    request?: RequestInfo,
  ) {
    super('netvisor', `${category} :: ${netvisorMessage}`, [{ path: '', code: category, message: netvisorMessage }], { category, message: netvisorMessage }, request);
  }
}

/**
 * Retryable categories: `REQUEST_NOT_UNIQUE` (the next attempt gets a new transaction id),
 * `SYSTEM_MAINTENANCE` (also spelt `SYSTEM_MAINTANANCE`), `TECHNICAL_ERROR`.
 */
export class NetvisorTransientError extends UpstreamUnavailableError {
  constructor(
    readonly category: string,
    readonly netvisorMessage: string,
    request?: RequestInfo,
  ) {
    super('netvisor', `${category} :: ${netvisorMessage}`, request);
  }
}

export class NetvisorAuthError extends AuthError {
  constructor(
    readonly category: string,
    readonly netvisorMessage: string,
    request?: RequestInfo,
  ) {
    super('netvisor', `${category} :: ${netvisorMessage}`, request);
  }
}

/** Splits `CATEGORY :: text`; a status without the separator is all text under an empty category. */
export function splitStatusText(text: string): { category: string; message: string } {
  const at = text.indexOf(' :: ');
  if (at === -1) return { category: '', message: text.trim() };
  return { category: text.slice(0, at).trim().toUpperCase(), message: text.slice(at + 4).trim() };
}

/** Maps a FAILED status to the error tree. Unknown categories never crash: they are rejections. */
export function toNetvisorError(statusText: string, request?: RequestInfo): IntegrationError {
  const { category, message } = splitStatusText(statusText);
  const normalised = category === 'SYSTEM_MAINTANANCE' ? 'SYSTEM_MAINTENANCE' : category;
  if (AUTH.has(normalised)) return new NetvisorAuthError(category, message, request);
  if (RETRYABLE.has(normalised)) return new NetvisorTransientError(category, message, request);
  return new NetvisorRejectedError(category || 'UNKNOWN', message, request);
}
