import { z } from 'zod';
import { HttpCore } from '../http';
import { pacerFor } from '../http/pacer';
import { rackbeatErrorMessage, rackbeatRejection } from './errors';
import { rawUrlEncode } from './paths';
import { iteratePages, type Query, toQuery } from './paging';
import {
  convertToInvoiceSchema,
  customerGroupSchema,
  customerInvoiceSchema,
  customerSchema,
  envelope,
  lotSchema,
  orderLineSchema,
  orderSchema,
  type Page,
  pageOf,
  paymentTermSchema,
  productGroupSchema,
  productSchema,
  selfSchema,
  shipmentSchema,
  webhookSchema,
} from './schemas';
import type {
  CustomerInput,
  CustomerListQuery,
  InvoiceListQuery,
  ListQuery,
  OrderInput,
  OrderLineInput,
  OrderLineUpdate,
  OrderListQuery,
  OrderUpdate,
  ProductInput,
  ProductListQuery,
  ProductUpdate,
  RackbeatClientConfig,
  RackbeatItem,
  RackbeatOrderLine,
  RackbeatWebhook,
  RegisteredWebhook,
  ShipmentListQuery,
  WebhookInput,
  WriteOptions,
} from './types';

/** Lists answer 206 Partial Content; a client that accepts only 200 breaks (devdocs `pagination`). */
const LIST_STATUSES = [200, 206];
/** Page size when walking a whole list; the official SDK's `all()` uses 200. */
const ITERATE_PAGE_LIMIT = 200;
const anyBody = z.unknown();


/** Typed client for the Rackbeat API: one method per operation, no retries (Temporal retries). */
export class RackbeatClient {
  private readonly http: HttpCore;

  constructor(config: RackbeatClientConfig) {
    const name = config.consumerName ?? 'rackbridge';
    const contact = config.consumerContact ?? 'unconfigured@rackbridge.invalid';
    const pace = config.requestsPerMinute ?? 0;
    this.http = new HttpCore({
      system: 'rackbeat',
      baseUrl: config.baseUrl,
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
      // Headers the official SDK sends (laravel-client config/rackbeat.php, src/API.php).
      headers: {
        Authorization: `Bearer ${config.apiToken}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'API-Version': 'latest',
        'Consumer-Name': name,
        'Consumer-Contact': contact,
        'User-Agent': `${name} (${contact})`,
      },
      toRejection: rackbeatRejection,
      errorMessage: rackbeatErrorMessage,
      ...(pace > 0 ? { pacer: pacerFor(config.apiToken, pace, 60_000) } : {}),
    });
  }

  /** `GET /self`: the account (`user_account.id`) behind the token; a cheap credentials check. */
  async getSelf() {
    return this.read('/self', selfSchema);
  }

  // Orders

  async listOrders(query: OrderListQuery = {}) {
    return this.list('/orders', 'orders', orderSchema, query);
  }

  iterateOrders(query: Omit<OrderListQuery, 'page'> = {}) {
    return iteratePages((page) => this.listOrders({ limit: ITERATE_PAGE_LIMIT, ...query, page }));
  }

  async getOrder(number: number | string) {
    return this.read(orderPath(number), envelope('order', orderSchema));
  }

  /** `POST /orders`. Whether the result is booked is not documented: check `is_booked` and book if needed. */
  async createOrder(input: OrderInput, options: WriteOptions = {}) {
    return this.write('POST', '/orders', envelope('order', orderSchema), input, options);
  }

  /** `POST /orders/drafts`: an unbooked order. */
  async createDraftOrder(input: OrderInput, options: WriteOptions = {}) {
    return this.write('POST', '/orders/drafts', envelope('order', orderSchema), input, options);
  }

  async updateOrder(number: number | string, update: OrderUpdate, options: WriteOptions = {}) {
    return this.write('PUT', orderPath(number), envelope('order', orderSchema), update, options);
  }

  // No cancelOrder: no source has a cancel route or a writable `is_cancelled` (rackbeat-verified §3.1).

  /** `POST /orders/{n}/book` without e-mail (laravel-client `OrderResource::bookOrder`). */
  async bookOrder(number: number | string, options: WriteOptions = {}) {
    return this.write('POST', `${orderPath(number)}/book`, envelope('order', orderSchema), { mail: { send: false } }, options);
  }

  /** `POST /orders/{n}/reopen` (laravel-rackbeat `Order::reopen`): a booked order becomes a draft whose lines can change. */
  async reopenOrder(number: number | string, options: WriteOptions = {}) {
    return this.write('POST', `${orderPath(number)}/reopen`, envelope('order', orderSchema), undefined, options);
  }

  async deleteOrder(number: number | string, options: WriteOptions = {}): Promise<void> {
    await this.write('DELETE', orderPath(number), anyBody, undefined, options);
  }

  // Order lines

  async listOrderLines(number: number | string, query: ListQuery = {}) {
    return this.list(`${orderPath(number)}/lines`, 'order_lines', orderLineSchema, query);
  }

  async addOrderLine(number: number | string, line: OrderLineInput, options: WriteOptions = {}) {
    return this.write('POST', `${orderPath(number)}/lines`, envelope('order_line', orderLineSchema), line, options);
  }

  async updateOrderLine(number: number | string, lineId: number, update: OrderLineUpdate, options: WriteOptions = {}) {
    return this.write('PUT', `${orderPath(number)}/lines/${lineId}`, envelope('order_line', orderLineSchema), update, options);
  }

  async deleteOrderLine(number: number | string, lineId: number, options: WriteOptions = {}): Promise<void> {
    await this.write('DELETE', `${orderPath(number)}/lines/${lineId}`, anyBody, undefined, options);
  }

  // Shipments

  /** `POST /orders/{n}/create-shipment`; the order must be booked and not shipped. */
  async createShipment(number: number | string, options: WriteOptions = {}) {
    return this.write('POST', `${orderPath(number)}/create-shipment`, envelope('order_shipment', shipmentSchema), undefined, options);
  }

  async listOrderShipments(number: number | string, query: ShipmentListQuery = {}) {
    return this.list(`${orderPath(number)}/shipments`, 'order_shipments', shipmentSchema, query);
  }

  async listShipments(query: ShipmentListQuery = {}) {
    return this.list('/order-shipments', 'order_shipments', shipmentSchema, query);
  }

  /** `POST /orders/shipments/{id}/mark-shipped` with `{"pick": true}` (laravel-rackbeat `OrderShipment`). */
  async markShipmentShipped(shipmentId: number, options: WriteOptions = {}) {
    return this.write('POST', `/orders/shipments/${shipmentId}/mark-shipped`, envelope('order_shipment', shipmentSchema), { pick: true }, options);
  }

  /** `POST /orders/{n}/convert-to-invoice?book=`: keeps the order ↔ invoice link (devdocs advice). */
  async convertToInvoice(number: number | string, input: { book: boolean }, options: WriteOptions = {}): Promise<{ invoiceId: number }> {
    const body = await this.write('POST', `${orderPath(number)}/convert-to-invoice`, convertToInvoiceSchema, undefined, options, { book: input.book });
    return { invoiceId: body.invoice_id };
  }

  // Customer invoices

  async getCustomerInvoice(number: number | string) {
    return this.read(`/customer-invoices/${rawUrlEncode(String(number))}`, envelope('customer_invoice', customerInvoiceSchema));
  }

  async listCustomerInvoices(query: InvoiceListQuery = {}) {
    return this.list('/customer-invoices', 'customer_invoices', customerInvoiceSchema, query);
  }

  iterateCustomerInvoices(query: Omit<InvoiceListQuery, 'page'> = {}) {
    return iteratePages((page) => this.listCustomerInvoices({ limit: ITERATE_PAGE_LIMIT, ...query, page }));
  }

  /** Books without e-mail; `suppress_webhooks` goes in the body too, as laravel-rackbeat sends it. */
  async bookCustomerInvoice(number: number | string, options: WriteOptions = {}) {
    const body = { mail: { send: false }, ...(options.suppressWebhooks ? { suppress_webhooks: true } : {}) };
    return this.write('POST', `/customer-invoices/${rawUrlEncode(String(number))}/book`, envelope('customer_invoice', customerInvoiceSchema), body, options);
  }

  // Customers

  async getCustomer(number: number | string) {
    return this.read(`/customers/${rawUrlEncode(String(number))}`, envelope('customer', customerSchema));
  }

  async listCustomers(query: CustomerListQuery = {}) {
    return this.list('/customers', 'customers', customerSchema, query);
  }

  iterateCustomers(query: Omit<CustomerListQuery, 'page'> = {}) {
    return iteratePages((page) => this.listCustomers({ limit: ITERATE_PAGE_LIMIT, ...query, page }));
  }

  async createCustomer(input: CustomerInput, options: WriteOptions = {}) {
    return this.write('POST', '/customers', envelope('customer', customerSchema), input, options);
  }

  async updateCustomer(number: number | string, update: Partial<CustomerInput>, options: WriteOptions = {}) {
    return this.write('PUT', `/customers/${rawUrlEncode(String(number))}`, envelope('customer', customerSchema), update, options);
  }

  /** Refused while orders use the customer. */
  async deleteCustomer(number: number | string, options: WriteOptions = {}): Promise<void> {
    await this.write('DELETE', `/customers/${rawUrlEncode(String(number))}`, anyBody, undefined, options);
  }

  // Products

  /** Product numbers may contain `/` or `#`; they are rawurlencoded into the path. */
  async getProduct(number: string) {
    return this.read(productPath(number), envelope('product', productSchema));
  }

  async listProducts(query: ProductListQuery = {}) {
    return this.list('/products', 'products', productSchema, query);
  }

  iterateProducts(query: Omit<ProductListQuery, 'page'> = {}) {
    return iteratePages((page) => this.listProducts({ limit: ITERATE_PAGE_LIMIT, ...query, page }));
  }

  async createProduct(input: ProductInput, options: WriteOptions = {}) {
    return this.write('POST', '/products', envelope('product', productSchema), input, options);
  }

  async updateProduct(number: string, update: ProductUpdate, options: WriteOptions = {}) {
    return this.write('PUT', productPath(number), envelope('product', productSchema), update, options);
  }

  /** Refused once stock is registered on the product (helpdesk ht-07001). */
  async deleteProduct(number: string, options: WriteOptions = {}): Promise<void> {
    await this.write('DELETE', productPath(number), anyBody, undefined, options);
  }

  /** `GET /lots/{n}`: a BOM. The `/lots` resource is VERIFIED (laravel-client `ItemFilters`); its read shape is not. */
  async getLot(number: string) {
    return this.read(`/lots/${rawUrlEncode(number)}`, envelope('lot', lotSchema));
  }

  /** The item an order or invoice line refers to: `/lots/{n}` for a BOM line, `/products/{n}` otherwise. */
  async getLineItem(line: Pick<RackbeatOrderLine, 'child_type' | 'item'>): Promise<RackbeatItem> {
    return line.child_type === 'lot' ? this.getLot(line.item.number) : this.getProduct(line.item.number);
  }

  // Customer groups, product groups and payment terms

  /**
   * `GET /customer-groups/{n}`. The route is UNKNOWN upstream (named after the VERIFIED
   * `/product-groups`); callers treat a 404 as "could not check", not as a missing group.
   */
  async getCustomerGroup(number: number) {
    return this.read(`/customer-groups/${number}`, envelope('customer_group', customerGroupSchema));
  }

  /** `GET /customer-groups` (route UNKNOWN upstream, as `getCustomerGroup`). */
  async listCustomerGroups(query: ListQuery = {}) {
    return this.list('/customer-groups', 'customer_groups', customerGroupSchema, query);
  }


  async getProductGroup(number: number) {
    return this.read(`/product-groups/${number}`, envelope('product_group', productGroupSchema));
  }

  async listProductGroups(query: ListQuery = {}) {
    return this.list('/product-groups', 'product_groups', productGroupSchema, query);
  }

  async getPaymentTerm(number: number) {
    return this.read(`/payment-terms/${number}`, envelope('payment_term', paymentTermSchema));
  }

  async listPaymentTerms(query: ListQuery = {}) {
    return this.list('/payment-terms', 'payment_terms', paymentTermSchema, query);
  }

  // Webhooks

  async listWebhooks(query: ListQuery & { event?: string } = {}) {
    return this.list('/webhooks', 'webhooks', webhookSchema.omit({ token: true }), query);
  }

  iterateWebhooks(query: Omit<ListQuery, 'page'> = {}) {
    return iteratePages((page) => this.listWebhooks({ limit: ITERATE_PAGE_LIMIT, ...query, page }));
  }

  async getWebhook(id: number | string) {
    return this.read(`/webhooks/${rawUrlEncode(String(id))}`, envelope('webhook', webhookSchema.omit({ token: true })));
  }

  /** `POST /webhooks`. Rackbeat updates an existing webhook with the same event and URL. */
  async createWebhook(input: WebhookInput): Promise<RegisteredWebhook> {
    const { token, ...webhook } = await this.write('POST', '/webhooks', envelope('webhook', webhookSchema), { is_active: true, ...input }, {});
    return token === undefined ? { webhook, created: false } : { webhook, token, created: true };
  }

  async updateWebhook(id: number | string, update: Partial<WebhookInput>): Promise<RackbeatWebhook> {
    return this.write('PUT', `/webhooks/${rawUrlEncode(String(id))}`, envelope('webhook', webhookSchema.omit({ token: true })), update, {});
  }

  async deleteWebhook(id: number | string): Promise<void> {
    await this.write('DELETE', `/webhooks/${rawUrlEncode(String(id))}`, anyBody, undefined, {});
  }

  /**
   * Idempotent registration in one request: Rackbeat itself turns a repeated event + URL into
   * an update, and only a creation returns the token, so `created` is "a token came back".
   * Callers keep the token from the first call; a later call cannot recover it.
   */
  async registerWebhook(event: string, url: string): Promise<RegisteredWebhook> {
    return this.createWebhook({ event, url, is_active: true });
  }

  /**
   * One page of `number` + `updated_at` of a list, for the poller: only those two fields asked
   * for (`fields=`, devdocs `filtering`) and only they are read, so the rest of each document may
   * have any shape. Numbers are returned as strings (orders, invoices and customers are integers).
   */
  async listChangeStamps(resource: ChangeStampResource, query: ListQuery = {}): Promise<Page<ChangeStamp>> {
    const { path, key } = CHANGE_STAMP_LISTS[resource];
    return this.list(path, key, changeStampSchema, { ...query, fields: 'number,updated_at' });
  }

  // Plumbing

  private async read<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return (await this.http.request({ method: 'GET', path, schema })).data;
  }

  private async list<S extends z.ZodType>(path: string, key: string, item: S, query: ListQuery): Promise<Page<z.output<S>>> {
    return (await this.http.request({ method: 'GET', path, query: toQuery(query), okStatuses: LIST_STATUSES, schema: pageOf(key, item) })).data;
  }

  private async write<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    body: unknown,
    options: WriteOptions,
    query: Query = {},
  ): Promise<z.output<S>> {
    const fullQuery = options.suppressWebhooks ? { ...query, suppress_webhooks: true } : query;
    return (await this.http.request({ method, path, query: fullQuery, body, schema })).data;
  }
}

export type ChangeStampResource = 'order' | 'customer_invoice' | 'customer' | 'product';
export interface ChangeStamp {
  number: string;
  updatedAt: string | undefined;
}

const CHANGE_STAMP_LISTS: Record<ChangeStampResource, { path: string; key: string }> = {
  order: { path: '/orders', key: 'orders' },
  customer_invoice: { path: '/customer-invoices', key: 'customer_invoices' },
  customer: { path: '/customers', key: 'customers' },
  product: { path: '/products', key: 'products' },
};

const changeStampSchema = z
  .object({ number: z.union([z.number(), z.string()]), updated_at: z.string().nullable().optional() })
  .transform((row): ChangeStamp => ({ number: String(row.number), updatedAt: row.updated_at ?? undefined }));

function orderPath(number: number | string): string {
  return `/orders/${rawUrlEncode(String(number))}`;
}

function productPath(number: string): string {
  return `/products/${rawUrlEncode(number)}`;
}
