import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { WooCommerceConnection } from '../config';
import { WEBSHOP_SHOPS } from '../domain/webshop/shops';
import { wooOrderRefundsSchema, wooRefundIds } from '../domain/webshop/woocommerce-refund';
import type { IntakeOutcome } from './outcome';
import { isWooPing, verifyWooSignature } from './webshop-signatures';

type Headers = Record<string, string | string[] | undefined>;

/** An authenticated WooCommerce delivery (reference webshops.md §3.2–3.4). */
export type WooDelivery =
  | { kind: 'ping' }
  | {
      kind: 'event';
      /** e.g. `order.updated`. */
      topic: string;
      resourceId: string;
      /** The resource's status at delivery time (orders), e.g. `processing`, `checkout-draft`. */
      status: string | undefined;
      /**
       * `source:id:date_modified_gmt:hash`: WooCommerce's Delivery-ID is new on every delivery, so the
       * state is the key; the body's hash tells apart two changes within one second.
       */
      deliveryKey: string;
      /** The refunds the order lists (`refunds[]`), on the topics WooCommerce's refunds arrive by. */
      refundIds: string[];
    };

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const wooBody = z.looseObject({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)], { error: 'is required: the id of the resource' }),
  status: z.string().optional(),
  date_modified_gmt: z.string().nullable().optional(),
});

/** The unsigned creation ping is answered 200; everything else must carry a valid signature. */
export function readWooDelivery(headers: Headers, rawBody: Buffer, shop: WooCommerceConnection): IntakeOutcome<WooDelivery> {
  if (isWooPing(headers, rawBody)) return { ok: true, event: { kind: 'ping' } };
  const verified = verifyWooSignature(rawBody, header(headers, 'x-wc-webhook-signature'), shop.webhookSecret.reveal());
  if (!verified.ok) {
    if (verified.reason === 'empty-body') return { ok: false, status: 400, error: 'empty_body', message: 'the delivery has no body' };
    return verified.reason === 'missing'
      ? { ok: false, status: 401, error: 'missing_signature', message: 'X-WC-Webhook-Signature header is missing' }
      : { ok: false, status: 401, error: 'invalid_signature', message: "X-WC-Webhook-Signature does not match the body signed with the webhook's secret" };
  }
  const topic = header(headers, 'x-wc-webhook-topic');
  if (!topic) return { ok: false, status: 400, error: 'missing_header', message: 'X-WC-Webhook-Topic header is missing' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'invalid_json', message: 'body is not valid JSON' };
  }
  const parsed = wooBody.safeParse(body);
  if (!parsed.success) {
    return { ok: false, status: 400, error: 'invalid_payload', message: 'body is not a WooCommerce resource', issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
  let refundIds: string[] = [];
  // A refund fires `order.updated` (woocommerce_order_refunded); the order body lists its refunds.
  if ((WEBSHOP_SHOPS.woocommerce.topics.refund as readonly string[]).includes(topic)) {
    const refunds = wooOrderRefundsSchema.safeParse(body);
    if (!refunds.success) {
      return { ok: false, status: 400, error: 'invalid_payload', message: "the order's refunds are not a list of refunds with numeric ids", issues: refunds.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
    }
    refundIds = wooRefundIds(refunds.data);
  }
  const id = String(parsed.data.id);
  const source = header(headers, 'x-wc-webhook-source') ?? shop.baseUrl;
  const state = createHash('sha256').update(rawBody).digest('base64url').slice(0, 16);
  return { ok: true, event: { kind: 'event', topic, resourceId: id, status: parsed.data.status, deliveryKey: `${source}:${id}:${parsed.data.date_modified_gmt ?? ''}:${state}`, refundIds } };
}
