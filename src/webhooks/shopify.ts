import { z } from 'zod';
import { parseShopifyJson } from '../connectors/shopify/json';
import type { ShopifyConnection } from '../config';
import type { IntakeOutcome } from './outcome';
import { verifyShopifyHmac } from './webshop-signatures';

type Headers = Record<string, string | string[] | undefined>;

/** An authenticated Shopify delivery (reference webshops.md §2.2–2.5). */
export interface ShopifyDelivery {
  /** e.g. `orders/paid`. */
  topic: string;
  /** Shopify's idempotency key: the same on every retry of one delivery. */
  webhookId: string;
  /** The resource's id as a decimal string (Shopify ids exceed 2^53). */
  resourceId: string;
  /** For orders: the shop's order name (`#1001`) when present, for summaries. */
  name: string | undefined;
  /** For refunds: the order the refund belongs to. */
  orderId?: string;
}

const decimalId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
/** A `refunds/create` body (REST Refund resource): the refund's id and its order's. */
const refundBody = z.object({ id: decimalId, order_id: decimalId }).passthrough();

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Headers the Shopify library itself treats as required (`checkWebhooksHeaders`). */
const REQUIRED = ['x-shopify-topic', 'x-shopify-shop-domain', 'x-shopify-api-version', 'x-shopify-webhook-id'] as const;

/**
 * Verifies the HMAC over the raw bytes first (current secret, then the previous one during a
 * rotation), then reads the headers and the id without losing precision.
 */
export function readShopifyDelivery(headers: Headers, rawBody: Buffer, shop: ShopifyConnection): IntakeOutcome<ShopifyDelivery> {
  const verified = verifyShopifyHmac(rawBody, header(headers, 'x-shopify-hmac-sha256'), shop.apiSecrets.map((s) => s.reveal()));
  if (!verified.ok) {
    if (verified.reason === 'empty-body') return { ok: false, status: 400, error: 'empty_body', message: 'the delivery has no body' };
    return verified.reason === 'missing'
      ? { ok: false, status: 401, error: 'missing_signature', message: 'X-Shopify-Hmac-Sha256 header is missing' }
      : { ok: false, status: 401, error: 'invalid_signature', message: "X-Shopify-Hmac-Sha256 does not match the body signed with the app's client secret" };
  }
  const missing = REQUIRED.filter((name) => !header(headers, name));
  if (missing.length > 0) return { ok: false, status: 400, error: 'missing_header', message: `required Shopify headers are missing: ${missing.join(', ')}` };
  const domain = header(headers, 'x-shopify-shop-domain')!;
  if (domain.toLowerCase() !== shop.shopDomain) return { ok: false, status: 400, error: 'wrong_shop', message: `the delivery is from ${domain}, but this connection is for ${shop.shopDomain}` };
  let body: unknown;
  try {
    body = parseShopifyJson(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'invalid_json', message: 'body is not valid JSON' };
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as { id?: unknown; name?: unknown };
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
  if (!id || !/^\d+$/.test(id)) return { ok: false, status: 400, error: 'invalid_payload', message: 'body has no numeric id', issues: [{ path: 'id', message: 'is required' }] };
  const topic = header(headers, 'x-shopify-topic')!;
  if (topic.startsWith('refunds/')) {
    const refund = refundBody.safeParse(body);
    if (!refund.success) return { ok: false, status: 400, error: 'invalid_payload', message: 'a refund delivery needs its numeric id and order_id', issues: refund.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
    return { ok: true, event: { topic, webhookId: header(headers, 'x-shopify-webhook-id')!, resourceId: refund.data.id, name: undefined, orderId: refund.data.order_id } };
  }
  return {
    ok: true,
    event: { topic: header(headers, 'x-shopify-topic')!, webhookId: header(headers, 'x-shopify-webhook-id')!, resourceId: id, name: typeof record.name === 'string' ? record.name : undefined },
  };
}
