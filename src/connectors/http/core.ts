import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { z } from 'zod';
import { classifyNetworkError, classifyResponse } from './classify';
import {
  AuthError,
  type FieldIssue,
  type IntegrationError,
  NotFoundError,
  RateLimitedError,
  ResponseShapeError,
  type RequestInfo,
  type SystemName,
  UpstreamUnavailableError,
} from './errors';
import { redactUrl } from './redact';

export interface HttpCoreOptions {
  system: SystemName;
  baseUrl: string;
  /** Sent on every request; credentials live here and never in URLs or messages. */
  headers: Record<string, string>;
  /** Per-attempt timeout. @default 30000 */
  timeoutMs?: number;
  /**
   * Turns a 4xx answer (other than 401/403/404/429) into the system's own rejection error,
   * reading its error body. Called with the parsed body when it is JSON.
   */
  toRejection: (status: number, body: unknown, request: RequestInfo) => IntegrationError;
  /** Reads the message out of an error body for 401/403/404. */
  errorMessage?: (body: unknown) => string | undefined;
  /**
   * Parses a response body; throws when it is not JSON. Shopify needs a lossless parser
   * because its ids exceed 2^53. @default JSON.parse
   */
  parseJson?: (text: string) => unknown;
  /**
   * Adds credentials to the query string of each request (WooCommerce's OAuth 1.0a over plain
   * HTTP), given the upper-case method, the absolute URL without query and the query as sent.
   */
  signQuery?: (method: string, url: string, query: Record<string, string>) => Record<string, string>;
  /** Waits for each request's turn within the system's budget; told of every 429. */
  pacer?: { wait(): Promise<void>; pause(ms: number): void };
}

export interface HttpRequest<S extends z.ZodType> {
  method: Method;
  /** Path below the base URL, already escaped by the connector. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Response statuses counted as success. @default 2xx */
  okStatuses?: number[];
  schema: S;
}

export interface HttpResult<T> {
  data: T;
  status: number;
  headers: Record<string, unknown>;
}

/**
 * The one request pipeline every connector shares: send, map the status to a typed error,
 * parse the body with zod. It never retries: writes that create documents must not be
 * repeated behind the caller's back (Temporal retries, with idempotency keys).
 */
export class HttpCore {
  private readonly http: AxiosInstance;

  constructor(private readonly options: HttpCoreOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      headers: { Accept: 'application/json', ...options.headers },
      validateStatus: () => true,
      // Keep the body as text; we parse it ourselves so a non-JSON error page is still reported.
      transformResponse: (data: unknown) => data,
      responseType: 'text',
    });
  }

  async request<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResult<z.output<S>>> {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const query = this.options.signQuery ? this.options.signQuery(req.method.toUpperCase(), `${base}${req.path}`, definedQuery(req.query)) : req.query;
    const search = buildQuery(query);
    const url = `${req.path}${search}`;
    // Messages name the request without the signing parameters: they change on every attempt.
    const info: RequestInfo = { method: req.method.toUpperCase(), url: redactUrl(`${base}${req.path}${buildQuery(req.query)}`) };
    let response: AxiosResponse<string>;
    await this.options.pacer?.wait();
    try {
      response = await this.http.request<string>({
        method: req.method,
        url,
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        headers: { ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...req.headers },
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      const decision = classifyNetworkError(code);
      throw new UpstreamUnavailableError(this.options.system, `${decision.reason}${code ? ` (${code})` : ''}`, info, { cause: err });
    }
    const status = response.status;
    const withStatus: RequestInfo = { ...info, status };
    const body = parseBody(response.data, this.options.parseJson ?? JSON.parse);
    const headers = response.headers as Record<string, unknown>;
    const ok = req.okStatuses ? req.okStatuses.includes(status) : status >= 200 && status < 300;
    if (!ok) throw this.toError(status, headers, body, withStatus);
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) {
      const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      throw new ResponseShapeError(this.options.system, issues, withStatus);
    }
    return { data: parsed.data, status, headers };
  }

  private toError(status: number, headers: Record<string, unknown>, body: unknown, info: RequestInfo): IntegrationError {
    const decision = classifyResponse({ status, headers });
    const message = this.options.errorMessage?.(body) ?? `HTTP ${status}`;
    switch (decision.reason) {
      case 'rate-limited':
        // Without a Retry-After the pacer still backs off a little: the limit is the server's, not ours.
        this.options.pacer?.pause(decision.waitMs ?? 5_000);
        return new RateLimitedError(this.options.system, decision.waitMs, info);
      case 'server-error':
        return new UpstreamUnavailableError(this.options.system, `HTTP ${status}: ${message}`, info, decision.waitMs === undefined ? undefined : { retryAfterMs: decision.waitMs });
      case 'auth':
        return new AuthError(this.options.system, message, info);
      case 'not-found':
        return new NotFoundError(this.options.system, message, info);
      default:
        return this.options.toRejection(status, body, info);
    }
  }
}

function definedQuery(query: HttpRequest<z.ZodType>['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

function buildQuery(query: HttpRequest<z.ZodType>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseBody(text: string | undefined, parseJson: (text: string) => unknown): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}
