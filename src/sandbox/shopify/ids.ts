/**
 * Shopify ids exceed 2^53 (the documented sample order id is 820982911946154508), so the
 * simulator keeps them as bigint and writes them as raw JSON numbers.
 */
export const FIRST_ID = 820982911946154508n;

export type ShopifyId = bigint;

export type GidType = 'Order' | 'LineItem' | 'Product' | 'ProductVariant' | 'InventoryItem' | 'InventoryLevel' | 'Location' | 'FulfillmentOrder' | 'FulfillmentOrderLineItem' | 'Fulfillment' | 'WebhookSubscription' | 'InventoryAdjustmentGroup' | 'Customer' | 'Refund';

export function gid(type: GidType, id: ShopifyId): string {
  return `gid://shopify/${type}/${id}`;
}

/** Reads an id sent as a JSON number (safe or bigint), a decimal string or a gid. */
export function parseId(value: unknown, type?: GidType): ShopifyId | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? BigInt(value) : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return BigInt(value);
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  if (!match?.[2] || (type !== undefined && match[1] !== type)) return undefined;
  return BigInt(match[2]);
}
