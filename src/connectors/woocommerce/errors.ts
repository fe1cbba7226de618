import { type FieldIssue, RejectedRequestError, type RequestInfo } from '../http';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `code: message` of a WordPress REST error body `{code, message, data}`. */
export function wooErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body) || typeof body.message !== 'string') return undefined;
  return typeof body.code === 'string' ? `${body.code}: ${body.message}` : body.message;
}

export function wooErrorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
}

/** One issue per entry of `data.params` (`rest_invalid_param`). */
export function wooFieldIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body) || !isRecord(body.data) || !isRecord(body.data.params)) return [];
  const code = wooErrorCode(body);
  return Object.entries(body.data.params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([path, message]) => (code === undefined ? { path, message } : { path, message, code }));
}

/**
 * A 4xx (other than 401/403/404/429) as a non-retryable rejection. A 413 from a batch endpoint
 * says how to fix it: send fewer items per call.
 */
export function wooRejection(batchLimit: number) {
  return (status: number, body: unknown, request: RequestInfo): RejectedRequestError => {
    const message = wooErrorMessage(body) ?? `HTTP ${status}`;
    if (status === 413) {
      return new RejectedRequestError(
        'woocommerce',
        `${message}; the shop takes at most its batch limit (woocommerce_rest_batch_items_limit, here configured as ${batchLimit}) items per batch call: lower the connector's batchLimit`,
        [],
        body,
        request,
      );
    }
    return new RejectedRequestError('woocommerce', message, wooFieldIssues(body), body, request);
  };
}
