import type { z } from 'zod';
import {
  AuthError,
  type IntegrationError,
  RateLimitedError,
  RejectedRequestError,
  type RequestInfo,
  ResponseShapeError,
  UpstreamUnavailableError,
  parseRetryAfterMs,
  redactUrl,
} from '../http';
import { toNetvisorError } from './errors';
import { runSerially } from './queue';
import { statusSchema } from './schemas';
import { netvisorAuthHeaders, newTransactionId } from './signature';
import type { NetvisorClientConfig } from './types';
import { parseXml } from './xml';

const DEFAULT_TIMEOUT_MS = 120_000;

export type Query = Record<string, string | number | undefined>;
export type Root = Record<string, unknown>;

/**
 * XML transport: signs every request with a fresh transaction id and MAC, sends one request at a
 * time per Netvisor company, always reads the XML body whatever the HTTP status (reference §4.1),
 * and maps `ResponseStatus` and HTTP outcomes into the shared error tree. It never retries:
 * Temporal does, and every attempt gets a new transaction id.
 */
export class NetvisorTransport {
  private readonly baseUrl: string;
  private readonly queueKey: string;

  constructor(private readonly config: NetvisorClientConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.queueKey = `${this.baseUrl}|${config.customerId}|${config.organisationId}`;
  }

  /** Builds the URL exactly as it is sent; the MAC is computed over this string. */
  url(resource: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.toString();
    return new URL(`${this.baseUrl}/${resource}${qs ? `?${qs}` : ''}`).href;
  }

  get(resource: string, query?: Query): Promise<Root> {
    return runSerially(this.queueKey, () => this.send('GET', this.url(resource, query)));
  }

  post(resource: string, query: Query, body: string): Promise<Root> {
    return runSerially(this.queueKey, () => this.send('POST', this.url(resource, query), body));
  }

  /** Parses an OK root's part with a schema; a mismatch is a non-retryable ResponseShapeError. */
  parse<S extends z.ZodTypeAny>(schema: S, value: unknown, request: RequestInfo): z.output<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new ResponseShapeError(
      'netvisor',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      request,
    );
  }

  private async send(method: 'GET' | 'POST', url: string, body?: string): Promise<Root> {
    const c = this.config;
    const headers = netvisorAuthHeaders({
      url,
      sender: c.sender,
      customerId: c.customerId,
      customerKey: c.customerKey,
      partnerId: c.partnerId,
      partnerKey: c.partnerKey,
      organisationId: c.organisationId,
      language: c.language ?? 'EN',
      now: (c.now ?? (() => new Date()))(),
      transactionId: (c.transactionId ?? newTransactionId)(),
    });
    const info: RequestInfo = { method, url: redactUrl(url) };
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'text/xml; charset=utf-8' },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(c.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (err) {
      throw new UpstreamUnavailableError('netvisor', err instanceof Error ? err.message : 'request failed', info, { cause: err });
    }
    info.status = response.status;
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new UpstreamUnavailableError('netvisor', 'connection lost while reading the response', info, { cause: err });
    }
    const root = parseXml(text);
    if (root && 'responsestatus' in root) return this.checkStatus(root, info);
    throw httpError(response, text, info);
  }

  private checkStatus(root: Root, info: RequestInfo): Root {
    const status = this.parse(statusSchema, root.responsestatus, info);
    const [first = '', second] = status.status;
    if (first.trim().toUpperCase() === 'OK') return root;
    throw toNetvisorError(second ?? first, info);
  }
}

/** A response without a Netvisor envelope: judge by the HTTP status alone. */
function httpError(response: Response, text: string, info: RequestInfo): IntegrationError {
  const status = response.status;
  if (status === 429) return new RateLimitedError('netvisor', parseRetryAfterMs(response.headers.get('retry-after')), info);
  if (status >= 500) return new UpstreamUnavailableError('netvisor', `HTTP ${status}`, info);
  if (status === 401 || status === 403) return new AuthError('netvisor', `HTTP ${status}`, info);
  if (status >= 400) return new RejectedRequestError('netvisor', `HTTP ${status}`, [], text.slice(0, 200), info);
  return new ResponseShapeError('netvisor', [{ path: '', message: 'the body has no <Root><ResponseStatus>' }], info);
}
