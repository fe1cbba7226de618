import type { z } from 'zod';
import type { orderSchema, productSchema, variationSchema, webhookSchema } from './schemas';

export interface WooCommerceClientConfig {
  /** The site URL, e.g. `https://shop.example.dk` or the sandbox's `http://127.0.0.1:4000/woocommerce`. */
  baseUrl: string;
  /**
   * REST API key (`ck_…`): with the secret as HTTP Basic over https, as an OAuth 1.0a signature
   * in the query over http (the secret never leaves the process then).
   */
  consumerKey: string;
  /** REST API secret (`cs_…`). */
  consumerSecret: string;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number | undefined;
  /** OAuth 1.0a signature method over plain HTTP. @default 'HMAC-SHA256' */
  oauthSignatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256' | undefined;
  /**
   * Items per batch call (`woocommerce_rest_batch_items_limit`; a plugin can change it).
   * @default 100
   */
  batchLimit?: number | undefined;
}

export type WooOrder = z.output<typeof orderSchema>;
export type WooProduct = z.output<typeof productSchema>;
export type WooVariation = z.output<typeof variationSchema>;
export type WooWebhook = z.output<typeof webhookSchema>;

export type WooOrderStatus = 'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded' | 'failed' | 'trash' | 'checkout-draft';
export type WooWebhookStatus = WooWebhook['status'];

/** Where a SKU lives: a simple product, or a variation of `productId`. */
export interface WooSkuMatch {
  productId: number;
  variationId: number | undefined;
  sku: string;
  name: string;
  manageStock: boolean | 'parent';
  stockQuantity: number | null;
  stockStatus: string;
}

export interface StockUpdate {
  productId: number;
  /** Set for a variation: it is written through its parent's variation batch. */
  variationId?: number | undefined;
  quantity: number;
}

export interface StockUpdateFailure extends StockUpdate {
  code: string;
  message: string;
}

export interface StockBatchResult {
  updated: StockUpdate[];
  /** Items the shop refused one by one inside an accepted batch (unknown id, …). */
  failed: StockUpdateFailure[];
  /** Batch calls made. */
  calls: number;
}

export interface WebhookInput {
  topic: string;
  delivery_url: string;
  secret: string;
  name?: string;
  status?: WooWebhookStatus;
}

export type WebhookUpdate = Partial<WebhookInput>;

export interface ListOrdersOptions {
  /** Statuses to include. @default all but trash and drafts (`any`) */
  status?: WooOrderStatus[] | undefined;
  /** Page size, at most 100. @default 100 */
  perPage?: number | undefined;
}
