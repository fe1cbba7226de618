import { createHash, timingSafeEqual } from 'node:crypto';
import { parse as parseLossless } from 'lossless-json';
import { z } from 'zod';
import type { Secret } from '../domain/secret';
import { type RackbeatChange, resourceOf } from '../domain/rackbeat/change';
import type { IntakeOutcome } from './outcome';
import { checkRackbeatKey } from './rackbeat-key';

/**
 * A Rackbeat delivery body as Rackbeat really sends it (docs/connectors/rackbeat.md, "Webhook
 * bodies"): `{"key_name":"number","key":"1021"}` with the event only in the header; the documented
 * `event`/`data`/`old_key`/`new_key`/`changed` when present; `inventory.changed` as
 * `{item, item_type, type}`. Numbers arrive as strings (lossless parse); unknown fields are kept
 * aside, never refused.
 */
const scalar = z.union([z.string(), z.boolean(), z.null()]);
const rackbeatBodySchema = z.looseObject({
  event: z.string().optional(),
  key: scalar.optional(),
  key_name: z.string().optional(),
  changed: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  converted_to_lot: z.union([z.boolean(), z.string()]).optional(),
  item: scalar.optional(),
  item_type: z.string().optional(),
  type: z.string().optional(),
});

const EVENT_NAME = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

/**
 * Identical event + body within this window is one delivery sent twice. Rackbeat documents no
 * delivery id and real bodies repeat for every event about a document, so the event name is part
 * of the id and a later identical delivery counts as new: a duplicate wake is harmless (every
 * transfer re-reads), a dropped real one is not.
 */
export const DUPLICATE_WINDOW_MS = 2_000;

type Headers = Record<string, string | string[] | undefined>;
type Refusal = Extract<IntakeOutcome<never>, { ok: false }>;

/**
 * The `Rackbeat-Webhook-Token` header against every token known for the connection, in constant
 * time (Rackbeat documents no HMAC, only this token). Checked before the body is even parsed.
 */
export function checkRackbeatToken(headers: Headers, tokens: Secret[]): Refusal | undefined {
  const presented = header(headers, 'rackbeat-webhook-token');
  if (!presented) return { ok: false, status: 401, error: 'missing_token', message: 'Rackbeat-Webhook-Token header is missing' };
  if (!tokens.some((t) => tokenMatches(presented, t.reveal()))) {
    return { ok: false, status: 401, error: 'invalid_token', message: 'Rackbeat-Webhook-Token does not match a webhook registered for this connection' };
  }
  return undefined;
}

/** Parses an authenticated Rackbeat delivery from its raw bytes. */
export function readRackbeatDelivery(headers: Headers, rawBody: Buffer, receivedAt: Date = new Date()): IntakeOutcome<RackbeatChange> {
  let body: unknown;
  try {
    // Numbers stay the digits that were sent: 9007199254740993 must not become …992.
    body = parseLossless(rawBody.toString('utf8'), null, (digits) => digits);
  } catch {
    return refuse('invalid_json', 'body is not valid JSON');
  }
  const parsed = rackbeatBodySchema.safeParse(body);
  if (!parsed.success) {
    return {
      ...refuse('invalid_payload', 'body is not a Rackbeat webhook payload'),
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  const data = parsed.data;
  const event = header(headers, 'rackbeat-webhook-event') ?? data.event;
  if (event === undefined || event === '') return refuse('missing_event', 'the Rackbeat-Webhook-Event header is missing (and the body names no event)', 'event');
  if (event.length > 100 || !EVENT_NAME.test(event)) return refuse('invalid_event', `'${event.slice(0, 100)}' is not a Rackbeat event name such as order.created`, 'event');

  const resource = resourceOf(event);
  const isStock = event === 'inventory.changed';
  const rawKey = isStock ? (data.item ?? data.key) : data.key;
  const keyField = isStock && data.item !== undefined ? 'item' : 'key';
  if (rawKey === undefined || rawKey === null || typeof rawKey === 'boolean') {
    return refuse('invalid_payload', `${keyField} is required: the number of the ${resource} the event is about`, keyField);
  }
  const keyName = data.key_name ?? 'number';
  if (!/^[a-z_]{1,40}$/.test(keyName)) return refuse('invalid_payload', `key_name '${keyName.slice(0, 40)}' is not a field name such as number or id`, 'key_name');
  const checked = checkRackbeatKey(resource, rawKey);
  if (!checked.ok) return refuse('invalid_key', `${keyField} ${checked.reason}`, keyField);

  return {
    ok: true,
    event: {
      event,
      resource,
      key: checked.key,
      keyName,
      deliveryId: deliveryIdOf(event, rawBody, receivedAt),
      changed: changedKeys(data.changed),
      convertedToLot: data.converted_to_lot === true || data.converted_to_lot === 'true' || undefined,
      itemType: data.item_type,
      changeType: isStock ? data.type : undefined,
    },
  };
}

function deliveryIdOf(event: string, rawBody: Buffer, receivedAt: Date): string {
  const digest = createHash('sha256').update(event).update('\n').update(rawBody).digest('base64url').slice(0, 22);
  return `rackbeat:${digest}:${Math.floor(receivedAt.getTime() / DUPLICATE_WINDOW_MS)}`;
}

function changedKeys(changed: unknown[] | Record<string, unknown> | undefined): string[] | undefined {
  if (changed === undefined) return undefined;
  const keys = Array.isArray(changed) ? changed.filter((k): k is string => typeof k === 'string') : Object.keys(changed);
  return keys.length > 0 ? keys : undefined;
}

function refuse(error: string, message: string, path?: string): Refusal {
  return { ok: false, status: 400, error, message, ...(path ? { issues: [{ path, message }] } : {}) };
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

function tokenMatches(presented: string, expected: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
