import { z } from 'zod';
import { type FieldIssue, HttpCore, headerValue, RejectedRequestError, type RequestInfo, ResponseShapeError, redactUrl } from '../http';
import { FULFILLMENT_CREATE, INVENTORY_SET_QUANTITIES, PRODUCT_VARIANTS_BY_SKU } from './documents';
import { ShopifyGraphqlError, ShopifyUserError, shopifyErrorMessage, shopifyRejection, throttledError } from './errors';
import { parseShopifyJson } from './json';
import { SHOPIFY_API_VERSION } from './version';
import { legacyId, nextPageInfo, skuTerm, toGid } from './paths';
import {
  envelope,
  fulfillmentCreateSchema,
  fulfillmentOrderSchema,
  graphqlEnvelopeSchema,
  inventoryLevelSchema,
  inventorySetQuantitiesSchema,
  locationSchema,
  orderSchema,
  productSchema,
  productVariantsSchema,
  webhookSchema,
} from './schemas';
import type {
  CreateFulfillmentInput,
  FulfillmentResult,
  InventoryQuantityInput,
  InventorySetResult,
  Page,
  PageOptions,
  ShopifyClientConfig,
  ShopifyFulfillmentOrder,
  ShopifyInventoryLevel,
  ShopifyLocation,
  ShopifyOrder,
  ShopifyProduct,
  ShopifyWebhook,
  ThrottleReading,
  VariantBySku,
} from './types';

/** @deprecated use SHOPIFY_API_VERSION (./version.ts), the one pinned version. */
export const DEFAULT_API_VERSION = SHOPIFY_API_VERSION;
/** SKUs per `productVariants` search; keeps the query string and its cost small. */
const SKUS_PER_QUERY = 50;

/** Typed Shopify Admin API client (REST + GraphQL): one method per operation, no retries (Temporal retries). */
export class ShopifyClient {
  private readonly http: HttpCore;
  private readonly version: string;
  private readonly baseUrl: string;
  private readonly reading: ThrottleReading = { rest: undefined, graphql: undefined };
  private readonly token: () => string;

  constructor(config: ShopifyClientConfig) {
    this.version = config.apiVersion ?? DEFAULT_API_VERSION;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    const secret = config.accessToken;
    // Read per request, so a Secret that is rotated in place is picked up without a new client.
    this.token = typeof secret === 'string' ? () => secret : () => secret.reveal();
    this.http = new HttpCore({
      system: 'shopify',
      baseUrl: this.baseUrl,
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
      headers: { Accept: 'application/json' },
      toRejection: shopifyRejection,
      errorMessage: shopifyErrorMessage,
      parseJson: parseShopifyJson,
    });
  }

  /** The last rate-limit readings: REST bucket use and GraphQL throttle status. */
  get throttle(): ThrottleReading {
    return { rest: this.reading.rest && { ...this.reading.rest }, graphql: this.reading.graphql && { ...this.reading.graphql } };
  }

  // Orders

  async getOrder(orderId: string): Promise<ShopifyOrder> {
    return (await this.rest('GET', `/orders/${legacyId(orderId)}.json`, envelope('order', orderSchema))).data.order;
  }

  /** The order exactly as Shopify sends it (ids kept exact as strings), for mappings that read more than `ShopifyOrder` has. */
  async getOrderPayload(orderId: string): Promise<unknown> {
    return (await this.rest('GET', `/orders/${legacyId(orderId)}.json`, z.object({ order: z.looseObject({ id: z.union([z.string(), z.number()]) }) }))).data.order;
  }

  /** Orders of any status updated at or after `since`, one page at a time (cursor paging). */
  async listOrdersUpdatedSince(since: Date, options: PageOptions = {}): Promise<Page<ShopifyOrder>> {
    const query = options.cursor ? { limit: options.limit, page_info: options.cursor } : { status: 'any', updated_at_min: since.toISOString(), limit: options.limit };
    const result = await this.rest('GET', '/orders.json', envelope('orders', orderSchema.array()), undefined, query);
    return { items: result.data.orders, nextCursor: nextPageInfo(headerValue(result.headers, 'link')) };
  }

  async getFulfillmentOrders(orderId: string): Promise<ShopifyFulfillmentOrder[]> {
    return (await this.rest('GET', `/orders/${legacyId(orderId)}/fulfillment_orders.json`, envelope('fulfillment_orders', fulfillmentOrderSchema.array()))).data.fulfillment_orders;
  }

  /**
   * Fulfils every open fulfillment-order line of the order through `fulfillmentCreate`.
   * Idempotent by reading first: an order that is already fulfilled returns its latest
   * fulfillment (`created: false`), so a retry after a lost answer creates nothing twice.
   */
  async createFulfillment(input: CreateFulfillmentInput): Promise<FulfillmentResult> {
    const order = await this.getOrder(input.orderId);
    const existing = order.fulfillments.filter((f) => f.status === 'success').at(-1);
    if (order.fulfillment_status === 'fulfilled' && existing) return { id: existing.id, status: existing.status, trackingNumber: existing.tracking_number ?? null, created: false };
    const open = (await this.getFulfillmentOrders(order.id)).filter((fo) => (fo.status === 'open' || fo.status === 'in_progress') && fo.line_items.some((l) => l.fulfillable_quantity > 0));
    if (open.length === 0) {
      if (existing) return { id: existing.id, status: existing.status, trackingNumber: existing.tracking_number ?? null, created: false };
      throw new RejectedRequestError('shopify', `order ${order.name} has no open fulfillment order to fulfil`, [], { order: order.id, cancelled_at: order.cancelled_at }, this.info('POST', '/graphql.json'));
    }
    const tracking = input.trackingInfo;
    const fulfillment = {
      lineItemsByFulfillmentOrder: open.map((fo) => ({ fulfillmentOrderId: toGid('FulfillmentOrder', fo.id) })),
      notifyCustomer: input.notifyCustomer ?? false,
      ...(tracking ? { trackingInfo: { ...(tracking.number ? { number: tracking.number } : {}), ...(tracking.url ? { url: tracking.url } : {}), ...(tracking.company ? { company: tracking.company } : {}) } } : {}),
    };
    const data = await this.graphql('fulfillmentCreate', FULFILLMENT_CREATE, { fulfillment }, fulfillmentCreateSchema);
    const payload = data.fulfillmentCreate;
    if (payload.userErrors.length > 0 || !payload.fulfillment) throw this.userError('fulfillmentCreate', payload.userErrors);
    // GraphQL says SUCCESS where REST says success; callers see the REST spelling either way.
    return { id: legacyId(payload.fulfillment.id), status: payload.fulfillment.status.toLowerCase(), trackingNumber: payload.fulfillment.trackingInfo[0]?.number ?? null, created: true };
  }

  // Products and variants

  async listProducts(options: PageOptions & { sinceId?: string; updatedAtMin?: Date; ids?: string[] } = {}): Promise<Page<ShopifyProduct>> {
    const query = options.cursor
      ? { limit: options.limit, page_info: options.cursor }
      : { limit: options.limit, since_id: options.sinceId, updated_at_min: options.updatedAtMin?.toISOString(), ids: options.ids?.map(legacyId).join(',') };
    const result = await this.rest('GET', '/products.json', envelope('products', productSchema.array()), undefined, query);
    return { items: result.data.products, nextCursor: nextPageInfo(headerValue(result.headers, 'link')) };
  }

  async getProduct(productId: string): Promise<ShopifyProduct> {
    return (await this.rest('GET', `/products/${legacyId(productId)}.json`, envelope('product', productSchema))).data.product;
  }

  /** The product exactly as Shopify sends it (ids kept exact as strings), variants included, for the product mapping. */
  async getProductPayload(productId: string): Promise<unknown> {
    return (await this.rest('GET', `/products/${legacyId(productId)}.json`, z.object({ product: z.looseObject({ id: z.union([z.string(), z.number()]) }) }))).data.product;
  }

  /** Variants whose SKU is one of `skus` (exact match), with their inventory item ids. */
  async findVariantsBySku(skus: readonly string[]): Promise<VariantBySku[]> {
    const unique = [...new Set(skus)];
    const found: VariantBySku[] = [];
    for (let i = 0; i < unique.length; i += SKUS_PER_QUERY) {
      const chunk = unique.slice(i, i + SKUS_PER_QUERY);
      const data = await this.graphql('productVariants', PRODUCT_VARIANTS_BY_SKU, { first: Math.min(250, chunk.length * 2), query: chunk.map(skuTerm).join(' OR ') }, productVariantsSchema);
      for (const node of data.productVariants.nodes) {
        // Shopify's search is not exact (tokenised); keep exact matches only.
        if (node.sku === null || !chunk.includes(node.sku)) continue;
        found.push({ sku: node.sku, variantId: legacyId(node.id), inventoryItemId: legacyId(node.inventoryItem.id), productId: node.product ? legacyId(node.product.id) : undefined });
      }
    }
    return found;
  }

  // Inventory

  async listLocations(): Promise<ShopifyLocation[]> {
    return (await this.rest('GET', '/locations.json', envelope('locations', locationSchema.array()))).data.locations;
  }

  async getInventoryLevels(filter: { inventoryItemIds?: string[]; locationIds?: string[] }): Promise<ShopifyInventoryLevel[]> {
    const query = { inventory_item_ids: filter.inventoryItemIds?.map(legacyId).join(','), location_ids: filter.locationIds?.map(legacyId).join(','), limit: 250 };
    return (await this.rest('GET', '/inventory_levels.json', envelope('inventory_levels', inventoryLevelSchema.array()), undefined, query)).data.inventory_levels;
  }

  /**
   * Sets `available` absolutely with compare-and-swap (`inventorySetQuantities`). Every quantity
   * carries `changeFromQuantity` — the quantity the caller expects Shopify to hold, or an explicit
   * null to skip the check — as API 2026-04 requires; `compareQuantity`/`ignoreCompareQuantity` are
   * removed there (shopify.dev changelog "New compare and swap syntax for the
   * inventorySetQuantities mutation", 2025-12-12). A stale value throws ShopifyUserError with code
   * `CHANGE_FROM_QUANTITY_STALE`. The same `idempotencyKey` must be reused when retrying the same
   * change (mandatory from 2026-04); reused with other input it is `IDEMPOTENCY_KEY_PARAMETER_MISMATCH`.
   */
  async setInventoryQuantities(quantities: readonly InventoryQuantityInput[], idempotencyKey: string, options: { reason?: string; referenceDocumentUri?: string } = {}): Promise<InventorySetResult> {
    const input = {
      name: 'available',
      reason: options.reason ?? 'correction',
      ...(options.referenceDocumentUri ? { referenceDocumentUri: options.referenceDocumentUri } : {}),
      quantities: quantities.map((q) => ({
        inventoryItemId: toGid('InventoryItem', q.inventoryItemId),
        locationId: toGid('Location', q.locationId),
        quantity: q.quantity,
        // Always present: JSON keeps an explicit null, which is Shopify's opt-out.
        changeFromQuantity: q.changeFromQuantity,
      })),
    };
    const data = await this.graphql('inventorySetQuantities', INVENTORY_SET_QUANTITIES, { input, idempotencyKey }, inventorySetQuantitiesSchema);
    const payload = data.inventorySetQuantities;
    if (payload.userErrors.length > 0 || !payload.inventoryAdjustmentGroup) throw this.userError('inventorySetQuantities', payload.userErrors);
    return {
      changes: payload.inventoryAdjustmentGroup.changes.map((c) => ({ inventoryItemId: legacyId(c.item.id), locationId: legacyId(c.location.id), delta: c.delta, quantityAfterChange: c.quantityAfterChange ?? null })),
    };
  }

  // Webhooks

  async listWebhooks(): Promise<ShopifyWebhook[]> {
    return (await this.rest('GET', '/webhooks.json', envelope('webhooks', webhookSchema.array()))).data.webhooks;
  }

  async createWebhook(input: { topic: string; address: string }): Promise<ShopifyWebhook> {
    return (await this.rest('POST', '/webhooks.json', envelope('webhook', webhookSchema), { webhook: { topic: input.topic, address: input.address, format: 'json' } })).data.webhook;
  }

  async deleteWebhook(webhookId: string): Promise<void> {
    await this.rest('DELETE', `/webhooks/${legacyId(webhookId)}.json`, z.unknown());
  }

  // Plumbing

  private async rest<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown, query?: Record<string, string | number | undefined>) {
    const result = await this.http.request({ method, path: `/admin/api/${this.version}${path}`, headers: this.authHeader(), schema, ...(body === undefined ? {} : { body }), ...(query ? { query } : {}) });
    const limit = /^(\d+)\/(\d+)$/.exec(headerValue(result.headers, 'x-shopify-shop-api-call-limit') ?? '');
    if (limit) this.reading.rest = { used: Number(limit[1]), limit: Number(limit[2]) };
    return result;
  }

  private async graphql<S extends z.ZodType>(operation: string, query: string, variables: Record<string, unknown>, schema: S): Promise<z.output<S>> {
    const path = '/graphql.json';
    const result = await this.http.request({ method: 'POST', path: `/admin/api/${this.version}${path}`, headers: this.authHeader(), body: { query, variables }, schema: graphqlEnvelopeSchema });
    const body = result.data;
    const cost = body.extensions?.cost;
    if (cost) this.reading.graphql = cost.throttleStatus;
    const info = { ...this.info('POST', path), status: result.status };
    if (body.errors && body.errors.length > 0) {
      if (body.errors.some((e) => e.extensions?.code === 'THROTTLED')) throw throttledError(cost, info);
      throw new ShopifyGraphqlError(operation, body.errors.map((e) => ({ message: e.message, code: e.extensions?.code })), info);
    }
    const parsed = schema.safeParse(body.data);
    if (!parsed.success) {
      const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      throw new ResponseShapeError('shopify', issues, info);
    }
    return parsed.data;
  }

  private userError(operation: string, errors: Array<{ field?: string[] | null | undefined; message: string; code?: string | null | undefined }>): ShopifyUserError {
    const details = errors.length ? errors : [{ message: 'no result and no userErrors' }];
    return new ShopifyUserError(operation, details.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null })), this.info('POST', '/graphql.json'));
  }

  private authHeader(): Record<string, string> {
    return { 'X-Shopify-Access-Token': this.token() };
  }

  private info(method: string, path: string): RequestInfo {
    return { method, url: redactUrl(`${this.baseUrl}/admin/api/${this.version}${path}`) };
  }
}
