import { type FieldIssue, RateLimitedError, RejectedRequestError, type RequestInfo } from '../http';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `{"errors": "text"}` → the text; `{"errors": {"field": [...]}}` → the first message. */
export function shopifyErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (typeof body.errors === 'string' && body.errors.trim() !== '') return body.errors;
  return shopifyFieldIssues(body)[0]?.message;
}

/** One issue per message of `{"errors": {"title": ["can't be blank"]}}` (a string counts as one message). */
export function shopifyFieldIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body) || !isRecord(body.errors)) return [];
  const issues: FieldIssue[] = [];
  for (const [path, messages] of Object.entries(body.errors)) {
    for (const message of Array.isArray(messages) ? messages : [messages]) {
      if (typeof message === 'string') issues.push({ path, message: `${path} ${message}` });
    }
  }
  return issues;
}

/** REST 4xx (400, 402, 406, 422, …) → non-retryable rejection with the field issues. */
export function shopifyRejection(status: number, body: unknown, request: RequestInfo): RejectedRequestError {
  return new RejectedRequestError('shopify', shopifyErrorMessage(body) ?? `HTTP ${status}`, shopifyFieldIssues(body), body, request);
}

export interface ShopifyUserErrorDetail {
  field: string[] | null;
  message: string;
  code: string | null;
}

/**
 * A GraphQL mutation answered 200 with `userErrors` (e.g. `CHANGE_FROM_QUANTITY_STALE`): fix the
 * input, do not retry. Keeps the name `RejectedRequestError` so Temporal's non-retryable type
 * list matches; `codes` says which rule failed.
 */
export class ShopifyUserError extends RejectedRequestError {
  readonly codes: string[];

  constructor(
    readonly operation: string,
    readonly userErrors: ShopifyUserErrorDetail[],
    request?: RequestInfo,
  ) {
    const issues = userErrors.map((e): FieldIssue => ({ path: (e.field ?? []).join('.'), message: e.message, ...(e.code ? { code: e.code } : {}) }));
    super('shopify', `${operation} returned userErrors`, issues, { userErrors }, request);
    this.codes = userErrors.map((e) => e.code).filter((c): c is string => typeof c === 'string');
  }
}

/** Top-level GraphQL `errors` other than THROTTLED (a bad query, a missing idempotency key). */
export class ShopifyGraphqlError extends RejectedRequestError {
  constructor(
    readonly operation: string,
    readonly errors: Array<{ message: string; code: string | undefined }>,
    request?: RequestInfo,
  ) {
    super('shopify', `${operation}: ${errors.map((e) => e.message).join('; ')}`, errors.map((e) => ({ path: '', message: e.message, ...(e.code ? { code: e.code } : {}) })), { errors }, request);
  }
}

/**
 * GraphQL THROTTLED → retry once the bucket holds the points asked for:
 * (requested − currently available) / restore rate, at least one second's worth.
 */
export function throttledError(cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } | undefined, request: RequestInfo): RateLimitedError {
  if (!cost || cost.throttleStatus.restoreRate <= 0) return new RateLimitedError('shopify', undefined, request);
  const missing = Math.max(1, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable);
  return new RateLimitedError('shopify', Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000), request);
}
