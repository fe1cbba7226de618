import { createHmac, randomBytes } from 'node:crypto';

/**
 * WooCommerce's one-legged OAuth 1.0a for plain-HTTP sites (RFC 5849 without a token; the
 * parameters go in the query string, not a header). Mirrors what
 * `WC_REST_Authentication::check_oauth_signature` recomputes (woocommerce/woocommerce,
 * `plugins/woocommerce/includes/class-wc-rest-authentication.php`): every query parameter plus the
 * `oauth_*` ones, each key and value RFC 3986-encoded, sorted byte-wise by key, joined as
 * `key=value` with `&`, the whole encoded again; signed as `METHOD&enc(url without query)&that`
 * with the key `consumer_secret&`.
 *
 * Written on node:crypto rather than the `oauth-1.0a` package: that one draws its nonce from
 * `Math.random()`, and WooCommerce refuses a nonce seen in the last 15 minutes.
 */
export type WooSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface OAuthSigningInput {
  method: string;
  /** Absolute URL without query string. */
  url: string;
  query: Record<string, string>;
  consumerKey: string;
  consumerSecret: string;
  /** @default 'HMAC-SHA256' */
  signatureMethod?: WooSignatureMethod;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** @default 32 random hex characters */
  nonce?: string;
}

/** PHP's `rawurlencode`: RFC 3986 unreserved characters kept, everything else percent-encoded. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The base string WooCommerce signs. */
export function oauthBaseString(method: string, url: string, params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : 1))
    .map((key) => `${rfc3986(key)}=${rfc3986(params[key] ?? '')}`);
  return `${method.toUpperCase()}&${rfc3986(url)}&${rfc3986(pairs.join('&'))}`;
}

/** The request's query with the `oauth_*` parameters and the signature added. */
export function signWooOAuthQuery(input: OAuthSigningInput): Record<string, string> {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const params: Record<string, string> = {
    ...input.query,
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: signatureMethod,
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algorithm, `${input.consumerSecret}&`).update(oauthBaseString(input.method, input.url, params)).digest('base64');
  return { ...params, oauth_signature: signature };
}
