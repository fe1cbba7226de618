import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import { WpError } from './errors';
import type { WooCommerceSimulatorSettings } from './settings';

export interface BasicCredentials {
  consumerKey: string;
  consumerSecret: string;
}

export function basicCredentials(request: FastifyRequest): BasicCredentials | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { consumerKey: decoded.slice(0, colon), consumerSecret: decoded.slice(colon + 1) };
}

const OAUTH_PARAMS = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'] as const;
/** WooCommerce accepts timestamps within 15 minutes of now and refuses a nonce seen in that window. */
export const OAUTH_WINDOW_SECONDS = 15 * 60;

/** Nonces seen per consumer key (WooCommerce keeps them in `woocommerce_api_keys.nonces`). */
export type NonceStore = Map<string, Map<string, number>>;

/** The key a request names, Basic or OAuth, for the request log. */
export function requestConsumerKey(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  return basicCredentials(request)?.consumerKey ?? (typeof query?.oauth_consumer_key === 'string' ? query.oauth_consumer_key : undefined);
}

/**
 * WordPress's `is_ssl()` (wp-includes/load.php): `$_SERVER['HTTPS']` is `on` or `1` — which the web
 * server sets for a TLS connection, or which a site's wp-config sets from `X-Forwarded-Proto` behind
 * a TLS-terminating proxy (the snippet WordPress documents; core itself never reads the header) —
 * or else the server port is 443. `settings.https` is `$_SERVER['HTTPS']` forced on;
 * `settings.trustForwardedProto` is that wp-config snippet.
 */
export function isSsl(request: FastifyRequest, settings: WooCommerceSimulatorSettings): boolean {
  if (settings.https) return true;
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (socket.encrypted === true) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  if (settings.trustForwardedProto && (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase() === 'https') return true;
  return socket.localPort === 443;
}

/**
 * `WC_REST_Authentication::authenticate`: Basic (`perform_basic_authentication`) is read only when
 * the site is served over HTTPS (`is_ssl()`); otherwise, and as a fallback, one-legged OAuth 1.0a
 * from the query (`perform_oauth_authentication`). No credentials leave the request anonymous,
 * which the permission check refuses (`woocommerce_rest_cannot_view`); so does Basic over plain
 * HTTP, which WooCommerce ignores. All refusals are 401.
 */
export function authenticate(request: FastifyRequest, settings: WooCommerceSimulatorSettings, nonces: NonceStore, nowMs: number = Date.now()): WpError | undefined {
  const https = isSsl(request, settings);
  if (https) {
    const given = basicCredentials(request);
    if (given) {
      const pair = settings.apiKeys.find((k) => k.consumerKey === given.consumerKey);
      if (pair && pair.consumerSecret !== given.consumerSecret) return new WpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
      if (pair) return undefined;
    }
  }
  const query = (request.query ?? {}) as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') params[key] = value;
  const missing = OAUTH_PARAMS.filter((name) => !params[name]);
  if (missing.length === OAUTH_PARAMS.length) return new WpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  if (missing.length > 0) return new WpError(401, 'woocommerce_rest_authentication_missing_parameter', `Missing OAuth parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const pair = settings.apiKeys.find((k) => k.consumerKey === params.oauth_consumer_key);
  if (!pair) return new WpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
  const method = params.oauth_signature_method;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return new WpError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - signature method is invalid.');
  const given = params.oauth_signature ?? '';
  delete params.oauth_signature;
  const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${pair.consumerSecret}&`).update(stringToSign(request, params, https)).digest('base64');
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return new WpError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.');
  const timestamp = Number(params.oauth_timestamp);
  const now = Math.floor(nowMs / 1000);
  if (!(timestamp >= now - OAUTH_WINDOW_SECONDS && timestamp <= now + OAUTH_WINDOW_SECONDS)) return new WpError(401, 'woocommerce_rest_authentication_error', 'Invalid timestamp.');
  const seen = nonces.get(pair.consumerKey) ?? new Map<string, number>();
  for (const [nonce, at] of seen) if (at < now - OAUTH_WINDOW_SECONDS) seen.delete(nonce);
  const nonce = params.oauth_nonce ?? '';
  if (seen.has(nonce)) return new WpError(401, 'woocommerce_rest_authentication_error', 'Invalid nonce - nonce has already been used.');
  seen.set(nonce, timestamp);
  nonces.set(pair.consumerKey, seen);
  return undefined;
}

/** PHP's `rawurlencode`. */
function phpRawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * `check_oauth_signature`: method, the site URL of the request path (scheme from `is_ssl()`, no
 * query), and the parameters sorted with `strcmp` on the raw keys, each key and value encoded, each
 * `key=value` encoded again and joined with `%26`.
 */
function stringToSign(request: FastifyRequest, params: Record<string, string>, https: boolean): string {
  const path = request.url.split('?')[0] ?? '';
  const baseUri = phpRawUrlEncode(`${https ? 'https' : 'http'}://${request.headers.host ?? ''}${path}`);
  const keys = Object.keys(params).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const query = keys.map((key) => phpRawUrlEncode(`${phpRawUrlEncode(key)}=${phpRawUrlEncode(params[key] ?? '')}`)).join('%26');
  return `${request.method.toUpperCase()}&${baseUri}&${query}`;
}
