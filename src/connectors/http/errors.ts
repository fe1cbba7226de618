/**
 * The error tree every connector throws. Each error says whether the caller should retry,
 * so the activity layer can translate it into a Temporal failure without knowing the system.
 * Messages carry method, URL and status, never a secret (URLs are redacted before they get here).
 */
export type SystemName = 'rackbeat' | 'economic' | 'netvisor' | 'shopify' | 'woocommerce' | 'temporal' | 'notify';

export interface RequestInfo {
  method: string;
  url: string;
  status?: number;
}

/** One problem the upstream reported for one field (e-conomic errorCode, Rackbeat 422 key). */
export interface FieldIssue {
  /** Dotted path of the field in the request, e.g. `lines[0].unitNetPrice` or `lines.0.item_id`. */
  path: string;
  message: string;
  /** Upstream error code where the API has one (e-conomic `E04740`). */
  code?: string;
}

export abstract class IntegrationError extends Error {
  abstract readonly retryable: boolean;
  readonly system: SystemName;
  readonly request: RequestInfo | undefined;

  constructor(system: SystemName, message: string, request?: RequestInfo, options?: { cause?: unknown }) {
    super(message, options);
    this.system = system;
    this.request = request;
  }
}

/** 429: retry after the given delay. */
export class RateLimitedError extends IntegrationError {
  override readonly name = 'RateLimitedError';
  readonly retryable = true;
  constructor(
    system: SystemName,
    readonly retryAfterMs: number | undefined,
    request?: RequestInfo,
  ) {
    super(system, `${system} rate limit hit${retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`}${describe(request)}`, request);
  }
}

/** 5xx, timeouts, connection failures and lost responses: retry, the request may or may not have taken effect. */
export class UpstreamUnavailableError extends IntegrationError {
  override readonly name = 'UpstreamUnavailableError';
  readonly retryable = true;
  /** A 503's `Retry-After` (RFC 9110 §10.2.3), when the upstream sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(system: SystemName, reason: string, request?: RequestInfo, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(system, `${system} unavailable: ${reason}${options?.retryAfterMs === undefined ? '' : `, retry after ${options.retryAfterMs} ms`}${describe(request)}`, request, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** 400/409/422 and other business rejections: do not retry; fix the data. */
export class RejectedRequestError extends IntegrationError {
  override readonly name = 'RejectedRequestError';
  readonly retryable = false;
  constructor(
    system: SystemName,
    message: string,
    readonly issues: FieldIssue[],
    /** The upstream error body, for operators; never contains our credentials. */
    readonly body: unknown,
    request?: RequestInfo,
  ) {
    super(system, `${system} rejected the request: ${message}${issues.length ? ` (${issues.map(formatIssue).join('; ')})` : ''}${describe(request)}`, request);
  }
}

/** 401/403: credentials are wrong, revoked or lack access. */
export class AuthError extends IntegrationError {
  override readonly name = 'AuthError';
  readonly retryable = false;
  constructor(system: SystemName, message: string, request?: RequestInfo) {
    super(system, `${system} refused the credentials: ${message}${describe(request)}`, request);
  }
}

export class NotFoundError extends IntegrationError {
  override readonly name = 'NotFoundError';
  readonly retryable = false;
  constructor(system: SystemName, message: string, request?: RequestInfo) {
    super(system, `${system}: not found: ${message}${describe(request)}`, request);
  }
}

/** The upstream answered 2xx with a body we cannot read: a contract change, not a transient fault. */
export class ResponseShapeError extends IntegrationError {
  override readonly name = 'ResponseShapeError';
  readonly retryable = false;
  constructor(
    system: SystemName,
    readonly issues: FieldIssue[],
    request?: RequestInfo,
  ) {
    super(system, `${system} answered with an unexpected shape: ${issues.slice(0, 5).map(formatIssue).join('; ')}${describe(request)}`, request);
  }
}

export function isIntegrationError(err: unknown): err is IntegrationError {
  return err instanceof IntegrationError;
}

function formatIssue(issue: FieldIssue): string {
  return `${issue.path || '(body)'}: ${issue.code ? `${issue.code} ` : ''}${issue.message}`;
}

function describe(request?: RequestInfo): string {
  if (!request) return '';
  return ` [${request.method} ${request.url}${request.status === undefined ? '' : ` → ${request.status}`}]`;
}
