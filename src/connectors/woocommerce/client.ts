import { z } from 'zod';
import { HttpCore, type HttpCoreOptions, RejectedRequestError } from '../http';
import { signWooOAuthQuery } from './oauth';
import { planStockBatches, stockUpdateBody } from './batches';
import { wooErrorMessage, wooRejection } from './errors';
import { formatWooGmt, totalPages } from './paging';
import { batchResponseSchema, orderSchema, productSchema, webhookSchema } from './schemas';
import type {
  ListOrdersOptions,
  StockBatchResult,
  StockUpdate,
  WebhookInput,
  WebhookUpdate,
  WooCommerceClientConfig,
  WooOrder,
  WooOrderStatus,
  WooSkuMatch,
  WooWebhook,
  WooWebhookStatus,
} from './types';
import { WOOCOMMERCE_REST_PATH } from './version';

/** WooCommerce's batch limit unless a plugin changed it (woo-docs `_products.md`). */
export const DEFAULT_WOO_BATCH_LIMIT = 100;
/** The REST schema's maximum `per_page`. */
const MAX_PER_PAGE = 100;

/**
 * WooCommerce signs deliveries with `wp_specialchars_decode(secret, ENT_QUOTES)`
 * (`WC_Webhook::generate_signature`), while rackbridge verifies with the secret it registered. They
 * agree only when decoding changes nothing, so a secret holding an HTML entity (`&amp;`, `&lt;`,
 * `&gt;`, `&quot;`, `&#039;`, numeric forms) is refused before it is sent.
 */
export function refuseEncodedSecret(secret: string): void {
  if (/&(amp|lt|gt|quot|#0*(34|38|39|60|62)|#x0*(22|26|27|3c|3e));/i.test(secret)) {
    throw new RejectedRequestError('woocommerce', 'Webhook secret contains an HTML entity; WooCommerce would sign with its decoded form (wp_specialchars_decode)', [{ path: 'secret', message: 'must not contain HTML entities' }], undefined);
  }
}

/** How WooCommerce takes the key pair for this site's URL scheme. */
export function wooAuthMethod(baseUrl: string): 'basic' | 'oauth1' {
  return new URL(baseUrl).protocol === 'https:' ? 'basic' : 'oauth1';
}

/**
 * WooCommerce reads HTTP Basic only when `is_ssl()`; over plain HTTP it ignores it and wants
 * OAuth 1.0a in the query string (`WC_REST_Authentication::authenticate`). Basic goes in a header,
 * never as `consumer_key=` in the query, which would land in server logs; an OAuth query carries
 * only the key and a signature, never the secret.
 */
function wooAuth(config: WooCommerceClientConfig): Pick<HttpCoreOptions, 'headers' | 'signQuery'> {
  if (wooAuthMethod(config.baseUrl) === 'basic') {
    return { headers: { Authorization: `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64')}` } };
  }
  return {
    headers: {},
    signQuery: (method, url, query) => signWooOAuthQuery({ method, url, query, consumerKey: config.consumerKey, consumerSecret: config.consumerSecret, ...(config.oauthSignatureMethod ? { signatureMethod: config.oauthSignatureMethod } : {}) }),
  };
}

/** Typed client for the WooCommerce REST API v3: one method per operation, no retries (Temporal retries). */
export class WooCommerceClient {
  private readonly http: HttpCore;
  private readonly batchLimit: number;

  constructor(config: WooCommerceClientConfig) {
    this.batchLimit = config.batchLimit ?? DEFAULT_WOO_BATCH_LIMIT;
    this.http = new HttpCore({
      system: 'woocommerce',
      baseUrl: `${config.baseUrl.replace(/\/+$/, '')}${WOOCOMMERCE_REST_PATH}`,
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
      ...wooAuth(config),
      toRejection: wooRejection(this.batchLimit),
      errorMessage: wooErrorMessage,
    });
  }

  // Orders

  async getOrder(id: number): Promise<WooOrder> {
    return (await this.http.request({ method: 'GET', path: `/orders/${id}`, schema: orderSchema })).data;
  }

  /** The order exactly as WooCommerce sends it (every field kept), for mappings that read more than `WooOrder` has. */
  async getOrderPayload(id: number): Promise<unknown> {
    return (await this.http.request({ method: 'GET', path: `/orders/${id}`, schema: z.looseObject({ id: z.number() }) })).data;
  }

  /** One refund of an order (`GET /orders/{id}/refunds/{refund_id}`, woo-docs `_order-refunds.md`), every field kept. */
  async getRefundPayload(orderId: number, refundId: number): Promise<unknown> {
    return (await this.http.request({ method: 'GET', path: `/orders/${orderId}/refunds/${refundId}`, schema: z.looseObject({ id: z.number() }) })).data;
  }

  /**
   * Every order modified strictly after `after` (UTC), oldest change first, following
   * `X-WP-TotalPages`. WordPress compares to the second: callers polling for gaps should pass a
   * time a little before their last run.
   */
  async listOrdersModifiedAfter(after: Date | string, options: ListOrdersOptions = {}): Promise<WooOrder[]> {
    const orders: WooOrder[] = [];
    for await (const order of this.iterateOrdersModifiedAfter(after, options)) orders.push(order);
    return orders;
  }

  async *iterateOrdersModifiedAfter(after: Date | string, options: ListOrdersOptions = {}): AsyncGenerator<WooOrder, void, undefined> {
    const perPage = Math.min(options.perPage ?? MAX_PER_PAGE, MAX_PER_PAGE);
    const query = {
      modified_after: formatWooGmt(after),
      // Without it WooCommerce reads the date in the site's time zone.
      dates_are_gmt: true,
      orderby: 'modified',
      order: 'asc',
      per_page: perPage,
      ...(options.status?.length ? { status: options.status.join(',') } : {}),
    };
    for (let page = 1; ; page++) {
      const result = await this.http.request({ method: 'GET', path: '/orders', query: { ...query, page }, schema: z.array(orderSchema) });
      yield* result.data;
      if (page >= totalPages(result.headers) || result.data.length === 0) return;
    }
  }

  /** `PUT /orders/{id}` with the new status; `completed` sends the customer the "order complete" e-mail. */
  async updateOrderStatus(id: number, status: WooOrderStatus): Promise<WooOrder> {
    return (await this.http.request({ method: 'PUT', path: `/orders/${id}`, body: { status }, schema: orderSchema })).data;
  }

  // Products and stock

  /**
   * The product exactly as WooCommerce sends it. For a variation id the simulator answers the
   * variation in product shape (`type: "variation"`, `parent_id`); real WooCommerce doing so is unconfirmed upstream.
   */
  async getProductPayload(id: number): Promise<unknown> {
    return (await this.http.request({ method: 'GET', path: `/products/${id}`, schema: z.looseObject({ id: z.number() }) })).data;
  }

  /** Every variation of a variable product, as sent (each has its own SKU and price; no name). */
  async listVariationPayloads(productId: number): Promise<unknown[]> {
    const variations: unknown[] = [];
    for (let page = 1; ; page++) {
      const result = await this.http.request({ method: 'GET', path: `/products/${productId}/variations`, query: { per_page: MAX_PER_PAGE, page }, schema: z.array(z.looseObject({ id: z.number() })) });
      variations.push(...result.data);
      if (page >= totalPages(result.headers) || result.data.length === 0) return variations;
    }
  }

  /**
   * Products and variations with this SKU (`GET /products?sku=` searches variations too).
   * WooCommerce splits the value at commas, so only exact matches are kept.
   */
  async findProductsBySku(sku: string): Promise<WooSkuMatch[]> {
    const result = await this.http.request({ method: 'GET', path: '/products', query: { sku, per_page: MAX_PER_PAGE }, schema: z.array(productSchema) });
    return result.data
      .filter((p) => p.sku.toLowerCase() === sku.toLowerCase())
      .map((p) => ({
        productId: p.type === 'variation' ? p.parent_id : p.id,
        variationId: p.type === 'variation' ? p.id : undefined,
        sku: p.sku,
        name: p.name,
        manageStock: p.manage_stock,
        stockQuantity: p.stock_quantity,
        stockStatus: p.stock_status,
      }));
  }

  /**
   * Sets absolute stock quantities (and turns stock management on, without which WooCommerce
   * ignores the quantity). Simple products go through `/products/batch`, variations through their
   * parent's `/variations/batch`, in chunks of at most `batchLimit`. Per-item refusals come back in
   * `failed`; a failed call throws, and repeating the whole method is safe (absolute values).
   */
  async batchUpdateStock(items: readonly StockUpdate[]): Promise<StockBatchResult> {
    const result: StockBatchResult = { updated: [], failed: [], calls: 0 };
    for (const batch of planStockBatches(items, this.batchLimit)) {
      const response = await this.http.request({ method: 'POST', path: batch.path, body: { update: batch.items.map(stockUpdateBody) }, schema: batchResponseSchema });
      result.calls++;
      batch.items.forEach((item, i) => {
        const answer = response.data.update[i];
        if (answer && 'error' in answer) result.failed.push({ ...item, code: answer.error.code, message: answer.error.message });
        else if (answer) result.updated.push(item);
        else result.failed.push({ ...item, code: 'missing_in_response', message: 'the batch answer has no entry for this item' });
      });
    }
    return result;
  }

  // Webhooks

  async listWebhooks(status: WooWebhookStatus | 'all' = 'all'): Promise<WooWebhook[]> {
    const webhooks: WooWebhook[] = [];
    for (let page = 1; ; page++) {
      const result = await this.http.request({ method: 'GET', path: '/webhooks', query: { status, per_page: MAX_PER_PAGE, page }, schema: z.array(webhookSchema) });
      webhooks.push(...result.data);
      if (page >= totalPages(result.headers) || result.data.length === 0) return webhooks;
    }
  }

  /** `POST /webhooks`. WooCommerce pings `delivery_url` first and creates the webhook whatever the answer. */
  async createWebhook(input: WebhookInput): Promise<WooWebhook> {
    refuseEncodedSecret(input.secret);
    return (await this.http.request({ method: 'POST', path: '/webhooks', body: { status: 'active', ...input }, schema: webhookSchema })).data;
  }

  async updateWebhook(id: number, update: WebhookUpdate): Promise<WooWebhook> {
    if ('secret' in update && typeof update.secret === 'string') refuseEncodedSecret(update.secret);
    return (await this.http.request({ method: 'PUT', path: `/webhooks/${id}`, body: update, schema: webhookSchema })).data;
  }

  /** Turns a webhook WooCommerce disabled after failed deliveries (or one paused) back on. */
  async reactivateWebhook(id: number): Promise<WooWebhook> {
    return this.updateWebhook(id, { status: 'active' });
  }

  /** `DELETE /webhooks/{id}?force=true`: webhooks cannot be trashed. */
  async deleteWebhook(id: number): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/webhooks/${id}`, query: { force: true }, schema: z.unknown() });
  }
}
