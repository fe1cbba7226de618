import { type FieldIssue, RejectedRequestError, type RequestInfo } from '../http';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The top-level `message` of a Laravel error body, when there is one. */
export function rackbeatErrorMessage(body: unknown): string | undefined {
  if (isRecord(body) && typeof body.message === 'string' && body.message.trim() !== '') return body.message;
  return undefined;
}

/**
 * One issue per message of a 422 body `{"errors": {"lines.0.item_id": ["..."]}}` (devdocs
 * `errors`). A string instead of an array is read as one message.
 */
export function rackbeatFieldIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body) || !isRecord(body.errors)) return [];
  const issues: FieldIssue[] = [];
  for (const [path, messages] of Object.entries(body.errors)) {
    const list = Array.isArray(messages) ? messages : [messages];
    for (const message of list) {
      if (typeof message === 'string') issues.push({ path, message });
    }
  }
  return issues;
}

/** Turns a 4xx answer (400, 409, 422, …) into a non-retryable rejection carrying the field issues. */
export function rackbeatRejection(status: number, body: unknown, request: RequestInfo): RejectedRequestError {
  const issues = rackbeatFieldIssues(body);
  const message = rackbeatErrorMessage(body) ?? issues[0]?.message ?? `HTTP ${status}`;
  return new RejectedRequestError('rackbeat', message, issues, body, request);
}
