import type { Method } from 'axios';
import type { z } from 'zod';
import { headerValue, HttpCore } from '../http';
import { errorMessage, toRejection } from './errors';
import { escapePathId } from './escape';
import { eq } from './filter';
import * as s from './schemas';
import type * as t from './types';

const MAX_PAGE_SIZE = 1000;
const ORDER_STATES: readonly t.OrderState[] = ['drafts', 'sent', 'archived'];

/**
 * Client for e-conomic's legacy REST API (restapi.e-conomic.com). One method per operation;
 * every write takes an `idempotencyKey` (derive it from the workflow id and step) and reports
 * whether the answer was replayed from e-conomic's one-hour idempotency cache.
 */
export class EconomicClient {
  private readonly http: HttpCore;

  constructor(config: t.EconomicClientConfig) {
    this.http = new HttpCore({
      system: 'economic',
      baseUrl: config.baseUrl,
      headers: { 'X-AppSecretToken': config.appSecretToken, 'X-AgreementGrantToken': config.agreementGrantToken },
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
      toRejection,
      errorMessage,
    });
  }

  getSelf(): Promise<t.Self> {
    return this.get('/self', s.selfSchema);
  }

  getCustomer(customerNumber: number): Promise<t.Customer> {
    return this.get(`/customers/${customerNumber}`, s.customerSchema);
  }
  listCustomers(options?: t.ListOptions): Promise<t.Page<t.Customer>> {
    return this.list('/customers', s.customerSchema, options);
  }
  createCustomer(input: t.CustomerInput, idempotencyKey: string): Promise<t.WriteResult<t.Customer>> {
    return this.write('POST', '/customers', input, s.customerSchema, idempotencyKey);
  }
  /** PUT replaces the whole customer. */
  replaceCustomer(customerNumber: number, input: t.CustomerInput, idempotencyKey: string): Promise<t.WriteResult<t.Customer>> {
    return this.write('PUT', `/customers/${customerNumber}`, { ...input, customerNumber }, s.customerSchema, idempotencyKey);
  }

  /** Product numbers are escaped for the path (`_` first, then `_N_` codes, then URL encoding). */
  getProduct(productNumber: string): Promise<t.Product> {
    return this.get(`/products/${escapePathId(productNumber)}`, s.productSchema);
  }
  listProducts(options?: t.ListOptions): Promise<t.Page<t.Product>> {
    return this.list('/products', s.productSchema, options);
  }
  createProduct(input: t.ProductInput, idempotencyKey: string): Promise<t.WriteResult<t.Product>> {
    return this.write('POST', '/products', input, s.productSchema, idempotencyKey);
  }
  replaceProduct(productNumber: string, input: t.ProductInput, idempotencyKey: string): Promise<t.WriteResult<t.Product>> {
    return this.write('PUT', `/products/${escapePathId(productNumber)}`, { ...input, productNumber }, s.productSchema, idempotencyKey);
  }

  getPaymentTerms(n: number): Promise<t.PaymentTerms> {
    return this.get(`/payment-terms/${n}`, s.paymentTermsSchema);
  }
  listPaymentTerms(options?: t.ListOptions): Promise<t.Page<t.PaymentTerms>> {
    return this.list('/payment-terms', s.paymentTermsSchema, options);
  }
  getLayout(n: number): Promise<t.Layout> {
    return this.get(`/layouts/${n}`, s.layoutSchema);
  }
  listLayouts(options?: t.ListOptions): Promise<t.Page<t.Layout>> {
    return this.list('/layouts', s.layoutSchema, options);
  }
  getVatZone(n: number): Promise<t.VatZone> {
    return this.get(`/vat-zones/${n}`, s.vatZoneSchema);
  }
  listVatZones(options?: t.ListOptions): Promise<t.Page<t.VatZone>> {
    return this.list('/vat-zones', s.vatZoneSchema, options);
  }
  getUnit(n: number): Promise<t.Unit> {
    return this.get(`/units/${n}`, s.unitSchema);
  }
  listUnits(options?: t.ListOptions): Promise<t.Page<t.Unit>> {
    return this.list('/units', s.unitSchema, options);
  }
  getProductGroup(n: number): Promise<t.ProductGroup> {
    return this.get(`/product-groups/${n}`, s.productGroupSchema);
  }
  listProductGroups(options?: t.ListOptions): Promise<t.Page<t.ProductGroup>> {
    return this.list('/product-groups', s.productGroupSchema, options);
  }

  /** Collections of orders do not include lines; get one order for its lines. */
  listOrders(state: t.OrderState, options?: t.ListOptions): Promise<t.Page<t.Order>> {
    return this.list(`/orders/${state}`, s.orderSchema, options);
  }
  getOrder(state: t.OrderState, orderNumber: number): Promise<t.Order> {
    return this.get(`/orders/${state}/${orderNumber}`, s.orderSchema);
  }
  createDraftOrder(input: t.OrderInput, idempotencyKey: string): Promise<t.WriteResult<t.Order>> {
    return this.write('POST', '/orders/drafts', input, s.orderSchema, idempotencyKey);
  }
  /** PUT replaces the whole draft: send every line, not only the changed ones. */
  replaceDraftOrder(orderNumber: number, input: t.OrderInput, idempotencyKey: string): Promise<t.WriteResult<t.Order>> {
    return this.write('PUT', `/orders/drafts/${orderNumber}`, { ...input, orderNumber }, s.orderSchema, idempotencyKey);
  }
  /** A second delete answers 404 (NotFoundError) unless the same idempotency key replays the first. */
  deleteDraftOrder(orderNumber: number, idempotencyKey: string): Promise<t.WriteResult<undefined>> {
    return this.remove(`/orders/drafts/${orderNumber}`, idempotencyKey);
  }
  /** Registers the order as sent (POST /orders/sent with the full document); it is locked afterwards. */
  registerOrderAsSent(orderNumber: number, input: t.OrderInput, idempotencyKey: string): Promise<t.WriteResult<t.Order>> {
    return this.write('POST', '/orders/sent', { ...input, orderNumber }, s.orderSchema, idempotencyKey);
  }

  /** Looks an order up by `references.other` in drafts, sent and archived (all pages). */
  async findOrdersByReference(other: string): Promise<t.OrderMatch[]> {
    const matches: t.OrderMatch[] = [];
    for (const state of ORDER_STATES) {
      for await (const order of this.iterate((o) => this.listOrders(state, o), { filter: eq('references.other', other) })) matches.push({ state, order });
    }
    return matches;
  }

  /** The draft invoice e-conomic builds from an order; POST `.draftInvoice` to create it. */
  getUpgradeInstructions(orderNumber: number, state: 'drafts' | 'sent'): Promise<t.UpgradeInstructions> {
    return this.get(`/orders/${state}/${orderNumber}/templates/upgrade-instructions/draftInvoice`, s.upgradeInstructionsSchema);
  }

  createDraftInvoice(input: t.SalesDocumentInput | t.DraftInvoiceTemplate, idempotencyKey: string): Promise<t.WriteResult<t.DraftInvoice>> {
    return this.write('POST', '/invoices/drafts', input, s.draftInvoiceSchema, idempotencyKey);
  }
  getDraftInvoice(n: number): Promise<t.DraftInvoice> {
    return this.get(`/invoices/drafts/${n}`, s.draftInvoiceSchema);
  }
  listDraftInvoices(options?: t.ListOptions): Promise<t.Page<t.DraftInvoice>> {
    return this.list('/invoices/drafts', s.draftInvoiceSchema, options);
  }
  replaceDraftInvoice(n: number, input: t.SalesDocumentInput, idempotencyKey: string): Promise<t.WriteResult<t.DraftInvoice>> {
    return this.write('PUT', `/invoices/drafts/${n}`, { ...input, draftInvoiceNumber: n }, s.draftInvoiceSchema, idempotencyKey);
  }
  deleteDraftInvoice(n: number, idempotencyKey: string): Promise<t.WriteResult<undefined>> {
    return this.remove(`/invoices/drafts/${n}`, idempotencyKey);
  }

  /** Books a draft (which then disappears); `sendBy` e-mails or e-invoices it after booking. */
  bookInvoice(input: t.BookInvoiceInput, idempotencyKey: string): Promise<t.WriteResult<t.BookedInvoice>> {
    const body = {
      draftInvoice: { draftInvoiceNumber: input.draftInvoiceNumber },
      ...(input.sendBy === undefined ? {} : { sendBy: input.sendBy }),
      ...(input.bookWithNumber === undefined ? {} : { bookWithNumber: input.bookWithNumber }),
    };
    return this.write('POST', '/invoices/booked', body, s.bookedInvoiceSchema, idempotencyKey);
  }
  getBookedInvoice(n: number): Promise<t.BookedInvoice> {
    return this.get(`/invoices/booked/${n}`, s.bookedInvoiceSchema);
  }
  listBookedInvoices(options?: t.ListOptions): Promise<t.Page<t.BookedInvoice>> {
    return this.list('/invoices/booked', s.bookedInvoiceSchema, options);
  }

  listJournals(options?: t.ListOptions): Promise<t.Page<t.Journal>> {
    return this.list('/journals', s.journalSchema, options);
  }
  /**
   * The journal's vouchers not yet booked, with their entries by type (restdocs.e-conomic.com,
   * GET /journals-experimental/:journalNumber/vouchers; the current API serves it under /journals).
   */
  listJournalVouchers(journalNumber: number, options?: t.ListOptions): Promise<t.Page<t.Voucher>> {
    return this.list(`/journals/${journalNumber}/vouchers`, s.voucherSchema, options);
  }
  /** A draft customer-payment voucher; it settles nothing until a bookkeeper books the journal. */
  createCustomerPaymentVoucher(journalNumber: number, input: t.CustomerPaymentVoucherInput, idempotencyKey: string): Promise<t.WriteResult<t.Voucher[]>> {
    const body = {
      accountingYear: { year: input.accountingYear },
      journal: { journalNumber },
      ...(input.voucherNumber === undefined ? {} : { voucherNumber: input.voucherNumber }),
      entries: { customerPayments: input.entries },
    };
    return this.write('POST', `/journals/${journalNumber}/vouchers`, body, s.vouchersSchema, idempotencyKey);
  }

  /** Every item of a collection, page by page, until `nextPage` is absent. */
  async *iterate<T>(list: (options: t.ListOptions) => Promise<t.Page<T>>, options: Omit<t.ListOptions, 'skipPages'> = {}): AsyncGenerator<T> {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    for (let skipPages = 0; ; skipPages++) {
      const page = await list({ ...options, pageSize, skipPages });
      yield* page.items;
      if (!page.hasNextPage || page.items.length === 0) return;
    }
  }

  async listAll<T>(list: (options: t.ListOptions) => Promise<t.Page<T>>, options: Omit<t.ListOptions, 'skipPages'> = {}): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this.iterate(list, options)) items.push(item);
    return items;
  }

  private async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return (await this.http.request({ method: 'GET', path, schema })).data;
  }

  private async list<S extends z.ZodType>(path: string, item: S, options: t.ListOptions = {}): Promise<t.Page<z.output<S>>> {
    const query = { filter: options.filter, skippages: options.skipPages, pagesize: options.pageSize, sort: options.sort };
    const { data } = await this.http.request({ method: 'GET', path, query, schema: s.collectionSchema(item) });
    return { items: data.collection, pagination: data.pagination, hasNextPage: data.pagination.nextPage !== undefined };
  }

  private async write<S extends z.ZodType>(method: Method, path: string, body: unknown, schema: S, idempotencyKey: string): Promise<t.WriteResult<z.output<S>>> {
    const result = await this.http.request({ method, path, body, schema, headers: { 'Idempotency-Key': idempotencyKey } });
    return { value: result.data, fromCache: headerValue(result.headers, 'x-resultfromcache')?.toLowerCase() === 'true' };
  }

  private async remove(path: string, idempotencyKey: string): Promise<t.WriteResult<undefined>> {
    const result = await this.http.request({ method: 'DELETE', path, schema: s.emptySchema, headers: { 'Idempotency-Key': idempotencyKey } });
    return { value: undefined, fromCache: headerValue(result.headers, 'x-resultfromcache')?.toLowerCase() === 'true' };
  }
}

/** Agreements with e-conomic's inventory module (15, "Lager") cannot write orders through the API. */
export const INVENTORY_MODULE_NUMBER = 15;

export function hasInventoryModule(self: Pick<t.Self, 'modules'>): boolean {
  return self.modules.some((m) => m.moduleNumber === INVENTORY_MODULE_NUMBER);
}
