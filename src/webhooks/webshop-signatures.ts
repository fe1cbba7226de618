import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature checks for webshop webhooks, over the raw body bytes before any parsing: both
 * shops send base64(HMAC-SHA256(body, secret)) (reference/webshops.md §2.3, §3.2).
 */
export type SignatureResult = { ok: true; secretIndex: number } | { ok: false; reason: 'missing' | 'mismatch' | 'empty-body' };

function expectedDigest(rawBody: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(rawBody).digest();
}

/** Decodes a base64 header to the 32 digest bytes, or undefined when it cannot be one. */
function decodeHeader(header: string): Buffer | undefined {
  const trimmed = header.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

function verify(rawBody: Buffer, header: string | undefined, secrets: readonly string[]): SignatureResult {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  if (rawBody.length === 0) return { ok: false, reason: 'empty-body' };
  const received = decodeHeader(header);
  if (!received) return { ok: false, reason: 'mismatch' };
  // Every secret is tried, so the time taken does not tell which one matched.
  let matched = -1;
  secrets.forEach((secret, index) => {
    if (secret === '') return;
    if (timingSafeEqual(expectedDigest(rawBody, secret), received) && matched === -1) matched = index;
  });
  return matched === -1 ? { ok: false, reason: 'mismatch' } : { ok: true, secretIndex: matched };
}

/**
 * Verifies `X-Shopify-Hmac-Sha256`. `secrets` lists the current app secret first and, during a
 * rotation, the previous one: Shopify may sign with the old secret for up to an hour.
 */
export function verifyShopifyHmac(rawBody: Buffer, header: string | undefined, secrets: readonly string[]): SignatureResult {
  return verify(rawBody, header, secrets);
}

/** Verifies `X-WC-Webhook-Signature` with the secret set on the WooCommerce webhook. */
export function verifyWooSignature(rawBody: Buffer, header: string | undefined, secret: string): SignatureResult {
  return verify(rawBody, header, [secret]);
}

/**
 * WooCommerce pings a new webhook with the form body `webhook_id=N`, no `X-WC-Webhook-*`
 * headers and no signature, and wants HTTP 200 (woo-core `deliver_ping`). Header names are
 * matched case-insensitively.
 */
export function isWooPing(headers: Readonly<Record<string, string | string[] | undefined>>, rawBody: Buffer): boolean {
  const hasWooHeader = Object.keys(headers).some((name) => name.toLowerCase().startsWith('x-wc-webhook-'));
  if (hasWooHeader) return false;
  return /^webhook_id=\d+$/.test(rawBody.toString('utf8').trim());
}
