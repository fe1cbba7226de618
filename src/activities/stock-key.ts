import { createHash } from 'node:crypto';

/**
 * Shopify's `@idempotent(key:)` for one `inventorySetQuantities` call: derived from the workflow id
 * and batch sequence (`batchKey`) plus the exact quantities, so a Temporal retry of the same request
 * reuses the key, while a retry that re-read different shop levels gets a new one (Shopify refuses a
 * key reused with other arguments). UUID-shaped because Shopify's examples use UUIDs (whether other
 * shapes are accepted is unconfirmed upstream).
 */
export function stockIdempotencyKey(batchKey: string, quantities: ReadonlyArray<{ inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity: number | null }>): string {
  const content = quantities.map((q) => `${q.inventoryItemId}@${q.locationId}=${q.quantity}/${q.changeFromQuantity ?? 'null'}`).join(',');
  const hex = createHash('sha256').update(`${batchKey}|${content}`).digest('hex');
  // RFC 4122 layout with version 5 and the variant bits set, like a name-based UUID.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
