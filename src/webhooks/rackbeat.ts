import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Secret } from '../domain/secret';
import type { IntakeOutcome } from './outcome';

/** Rackbeat's envelope (developer docs, webhook-events): the payload is thin, the resource is re-read. */
const rackbeatPayloadSchema = z.looseObject({
  key: z.union([z.string().min(1), z.number()], { error: 'is required: the number or id of the resource the event is about' }),
  key_name: z.string().optional(),
  event: z.string().regex(/^[a-z_]+\.[a-z_.]+$/, 'must be an event name such as order.booked'),
  data: z.unknown().optional(),
  old_key: z.unknown().optional(),
  new_key: z.unknown().optional(),
  changed: z.array(z.string()).optional(),
});

export interface RackbeatEvent {
  event: string;
  key: string;
  changed: string[] | undefined;
  /** sha256 of the raw body: the same delivery repeated has the same id. */
  deliveryId: string;
}

type Headers = Record<string, string | string[] | undefined>;
type Refusal = Extract<IntakeOutcome<never>, { ok: false }>;

/**
 * The `Rackbeat-Webhook-Token` header against every token known for the connection, in constant
 * time (Rackbeat documents no HMAC, only this token). Checked before the body is even parsed.
 */
export function checkRackbeatToken(headers: Headers, tokens: Secret[]): Refusal | undefined {
  const header = headers['rackbeat-webhook-token'];
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) return { ok: false, status: 401, error: 'missing_token', message: 'Rackbeat-Webhook-Token header is missing' };
  if (!tokens.some((t) => tokenMatches(presented, t.reveal()))) {
    return { ok: false, status: 401, error: 'invalid_token', message: 'Rackbeat-Webhook-Token does not match a webhook registered for this connection' };
  }
  return undefined;
}

/** Parses an authenticated Rackbeat delivery from its raw bytes. */
export function readRackbeatDelivery(headers: Headers, rawBody: Buffer): IntakeOutcome<RackbeatEvent> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'invalid_json', message: 'body is not valid JSON' };
  }
  const parsed = rackbeatPayloadSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      error: 'invalid_payload',
      message: 'body is not a Rackbeat webhook payload',
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  const eventHeader = headers['rackbeat-webhook-event'];
  const headerEvent = Array.isArray(eventHeader) ? eventHeader[0] : eventHeader;
  if (headerEvent && headerEvent !== parsed.data.event) {
    return { ok: false, status: 400, error: 'event_mismatch', message: `Rackbeat-Webhook-Event '${headerEvent}' differs from the body's event '${parsed.data.event}'` };
  }
  return {
    ok: true,
    event: {
      event: parsed.data.event,
      key: String(parsed.data.key),
      changed: parsed.data.changed,
      deliveryId: createHash('sha256').update(rawBody).digest('base64url'),
    },
  };
}

function tokenMatches(presented: string, expected: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
