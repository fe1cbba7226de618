import { type FieldIssue, RejectedRequestError, type RequestInfo } from '../http';

/**
 * e-conomic's error body (restdocs "Annotated errors"): `message`, `developerHint`, `logId`,
 * `httpStatusCode`, `logTime`, and for validation failures `errors`, which mirrors the request:
 * a failing property holds `{errors: [{errorCode, message, value, developerHint}]}`, an array
 * holds elements `{arrayIndex, ...failing properties}`.
 */
export interface EconomicErrorBody {
  message?: string;
  developerHint?: string;
  logId?: string;
  httpStatusCode?: number;
  logTime?: string;
  errorCode?: string;
  errors?: unknown;
}

export function toRejection(status: number, body: unknown, request: RequestInfo): RejectedRequestError {
  const parsed = isRecord(body) ? (body as EconomicErrorBody) : undefined;
  const issues = parsed ? toFieldIssues(parsed.errors) : [];
  if (parsed && issues.length === 0 && typeof parsed.errorCode === 'string') {
    issues.push({ path: '', message: parsed.message ?? `HTTP ${status}`, code: parsed.errorCode });
  }
  return new RejectedRequestError('economic', describeError(parsed, status, body), issues, body, request);
}

/** For 401/403/404: the body's message, with the logId support asks for. */
export function errorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body ? body.slice(0, 200) : undefined;
  return describeError(body, undefined, body);
}

/** Walks the nested `errors` tree into flat issues with paths like `lines[0].unitNetPrice`. */
export function toFieldIssues(errors: unknown, path = ''): FieldIssue[] {
  if (Array.isArray(errors)) {
    return errors.flatMap((element, i) => {
      if (!isRecord(element)) return [];
      const index = typeof element.arrayIndex === 'number' ? element.arrayIndex : i;
      return toFieldIssues(element, `${path}[${index}]`);
    });
  }
  if (!isRecord(errors)) return [];
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'arrayIndex') continue;
    if (key === 'errors' && Array.isArray(value)) {
      for (const entry of value) issues.push(leafIssue(entry, path));
      continue;
    }
    // Some endpoints wrap array elements as {items: [...]}; treat it as the array itself.
    const next = isRecord(value) && Array.isArray(value.items) && !('errors' in value) ? value.items : value;
    issues.push(...toFieldIssues(next, path ? `${path}.${key}` : key));
  }
  return issues;
}

function leafIssue(entry: unknown, path: string): FieldIssue {
  if (!isRecord(entry)) return { path, message: String(entry) };
  const message = typeof entry.message === 'string' ? entry.message : 'invalid';
  return typeof entry.errorCode === 'string' ? { path, message, code: entry.errorCode } : { path, message };
}

function describeError(body: EconomicErrorBody | undefined, status: number | undefined, raw: unknown): string {
  const message = body?.message ?? (typeof raw === 'string' && raw ? raw.slice(0, 200) : status === undefined ? 'no message' : `HTTP ${status}`);
  return body?.logId ? `${message} (logId ${body.logId})` : message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
