import type { z } from 'zod';
import type { fulfillmentOrderSchema, inventoryLevelSchema, locationSchema, orderSchema, productSchema, throttleStatusSchema, variantSchema, webhookSchema } from './schemas';

/** A credential given as a plain string or as a `Secret` (src/domain/secret.ts) revealed per request. */
export type AccessToken = string | { reveal(): string };

export interface ShopifyClientConfig {
  /** Shop admin base: `https://{shop}.myshopify.com` or the sandbox's `http://127.0.0.1:4000/shopify`. */
  baseUrl: string;
  /** Admin API version in the path. @default SHOPIFY_API_VERSION (version.ts) */
  apiVersion?: string | undefined;
  /** Admin API access token, sent as `X-Shopify-Access-Token`; never in URLs or messages. */
  accessToken: AccessToken;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number | undefined;
}

export type ShopifyOrder = z.output<typeof orderSchema>;
export type ShopifyProduct = z.output<typeof productSchema>;
export type ShopifyVariant = z.output<typeof variantSchema>;
export type ShopifyFulfillmentOrder = z.output<typeof fulfillmentOrderSchema>;
export type ShopifyInventoryLevel = z.output<typeof inventoryLevelSchema>;
export type ShopifyLocation = z.output<typeof locationSchema>;
export type ShopifyWebhook = z.output<typeof webhookSchema>;
export type ThrottleStatus = z.output<typeof throttleStatusSchema>;

export interface Page<T> {
  items: T[];
  /** `page_info` for the next page, from the `Link` header; undefined on the last page. */
  nextCursor: string | undefined;
}

export interface PageOptions {
  /** @default 50, at most 250 */
  limit?: number;
  /** `page_info` from the previous page; the other filters travel inside it. */
  cursor?: string | undefined;
}

export interface TrackingInfoInput {
  number?: string | undefined;
  url?: string | undefined;
  company?: string | undefined;
}

export interface CreateFulfillmentInput {
  orderId: string;
  trackingInfo?: TrackingInfoInput | undefined;
  /** @default false */
  notifyCustomer?: boolean | undefined;
}

export interface FulfillmentResult {
  /** Decimal id of the fulfillment. */
  id: string;
  status: string;
  trackingNumber: string | null;
  /** False when the order was already fulfilled and the existing fulfillment came back. */
  created: boolean;
}

export interface VariantBySku {
  sku: string;
  variantId: string;
  inventoryItemId: string;
  productId: string | undefined;
}

export interface InventoryQuantityInput {
  /** Decimal id or gid. */
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /**
   * The quantity the caller believes Shopify holds (compare-and-swap), or `null` to skip the check.
   * Required: API 2026-04 refuses a quantity without it.
   */
  changeFromQuantity: number | null;
}

export interface InventorySetResult {
  changes: Array<{ inventoryItemId: string; locationId: string; delta: number; quantityAfterChange: number | null }>;
}

export interface ThrottleReading {
  /** From the last REST `X-Shopify-Shop-Api-Call-Limit` header. */
  rest: { used: number; limit: number } | undefined;
  /** From the last GraphQL `extensions.cost.throttleStatus`. */
  graphql: ThrottleStatus | undefined;
}
