/**
 * What a Rackbeat webhook key may be, per resource (docs/connectors/rackbeat.md, "Keys"). Orders,
 * invoices and customers are numbered with integers; items (products, BOMs) with strings that may
 * hold `/`, `#` or dashes. Anything else cannot name a Rackbeat document and starts nothing.
 */

/** Resources whose `key` is an integer number. */
const INTEGER_KEYED = new Set(['order', 'orders', 'customer', 'customer_invoice', 'order_shipment', 'offer', 'purchase_order', 'supplier', 'supplier_invoice', 'credit_note']);

/**
 * Integer keys above this cannot be read back exactly: Rackbeat answers JSON numbers, and
 * every JavaScript client (ours included) parses them as doubles.
 */
const MAX_INTEGER_KEY = BigInt(Number.MAX_SAFE_INTEGER);

/** Bytes, not characters: a workflow id built from the key must stay well inside Temporal's limit. */
const MAX_ITEM_KEY_BYTES = 200;

export type KeyCheck = { ok: true; key: string } | { ok: false; reason: string };

export function isIntegerKeyed(resource: string): boolean {
  return INTEGER_KEYED.has(resource);
}

/** Checks a key (already a string: numbers are parsed losslessly) for the event's resource. */
export function checkRackbeatKey(resource: string, key: string): KeyCheck {
  return isIntegerKeyed(resource) ? checkIntegerKey(key) : checkItemKey(key);
}

function checkIntegerKey(key: string): KeyCheck {
  if (!/^[1-9][0-9]*$/.test(key)) return { ok: false, reason: `must be a positive whole Rackbeat number, got '${preview(key)}'` };
  if (key.length > 16 || BigInt(key) > MAX_INTEGER_KEY) return { ok: false, reason: `${preview(key)} is larger than any Rackbeat number rackbridge can read back exactly (${Number.MAX_SAFE_INTEGER})` };
  return { ok: true, key };
}

function checkItemKey(key: string): KeyCheck {
  if (key.length === 0) return { ok: false, reason: 'must not be empty' };
  if (Buffer.byteLength(key, 'utf8') > MAX_ITEM_KEY_BYTES) return { ok: false, reason: `is longer than ${MAX_ITEM_KEY_BYTES} bytes; no Rackbeat item number is` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return { ok: false, reason: 'contains control characters' };
  if (key.trim() !== key) return { ok: false, reason: 'has leading or trailing spaces' };
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) return { ok: false, reason: `'${preview(key)}' has a '.' or '..' path segment` };
  return { ok: true, key };
}

function preview(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}… (${key.length} characters)` : key;
}
