import { parseRetryAfterMs } from './retry-after';

export type RetryReason =
  | 'rate-limited'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'auth'
  | 'not-found'
  | 'rejected';

export interface RetryDecision {
  retry: boolean;
  reason: RetryReason;
  /** How long the upstream asked us to wait, when it said so. */
  waitMs?: number;
}

export interface ResponseLike {
  status: number;
  headers: Record<string, unknown>;
}

/** Node/axios error codes that mean "no usable answer came back". */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Pure retry classifier: what an HTTP outcome means for the caller. Temporal does the
 * retrying; this only decides whether retrying can help and how long to wait.
 */
export function classifyResponse(response: ResponseLike, now: number = Date.now()): RetryDecision {
  const { status } = response;
  if (status === 429) {
    const waitMs = parseRetryAfterMs(headerValue(response.headers, 'retry-after'), now);
    return waitMs === undefined ? { retry: true, reason: 'rate-limited' } : { retry: true, reason: 'rate-limited', waitMs };
  }
  if (status >= 500) {
    const waitMs = parseRetryAfterMs(headerValue(response.headers, 'retry-after'), now);
    return waitMs === undefined ? { retry: true, reason: 'server-error' } : { retry: true, reason: 'server-error', waitMs };
  }
  if (status === 401 || status === 403) return { retry: false, reason: 'auth' };
  if (status === 404) return { retry: false, reason: 'not-found' };
  return { retry: false, reason: 'rejected' };
}

export function classifyNetworkError(code: string | undefined): RetryDecision {
  return { retry: true, reason: code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network' };
}

export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower) continue;
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  }
  return undefined;
}
