import { NotFoundError, type RequestInfo } from '../http';
import { customerXml, productXml, salesDocumentXml } from './documents';
import { NetvisorRejectedError } from './errors';
import type { AccountingPeriodState } from './periods';
import * as s from './schemas';
import { NetvisorTransport, type Query } from './transport';
import type * as t from './types';
import type * as o from './outputs';
import { toCustomer, toProduct, toSalesDocument } from './outputs';

/** Netvisor returns at most 500 rows per list call (R3). */
export const LIST_PAGE_SIZE = 500;

/**
 * Client for Netvisor's XML web service (`*.nv` resources). One method per operation; writes
 * return the new NetvisorKey. Netvisor has no idempotency key: before re-sending a document after
 * a lost answer, look it up by number (`listInvoices({ invoiceNumber })`).
 */
export class NetvisorClient {
  private readonly http: NetvisorTransport;

  constructor(config: t.NetvisorClientConfig) {
    this.http = new NetvisorTransport(config);
  }

  addInvoice(input: t.SalesDocumentInput): Promise<string> {
    return this.add('salesinvoice.nv', salesDocumentXml(input, 'invoice'));
  }
  addOrder(input: t.SalesDocumentInput): Promise<string> {
    return this.add('salesinvoice.nv', salesDocumentXml(input, 'order'));
  }
  getInvoice(netvisorKey: string): Promise<o.SalesDocument> {
    return this.getDocument('getsalesinvoice.nv', 'salesinvoice', netvisorKey);
  }
  /** Orders are read from `getorder.nv` (P6). */
  getOrder(netvisorKey: string): Promise<o.SalesDocument> {
    return this.getDocument('getorder.nv', 'salesorder', netvisorKey);
  }
  listInvoices(options: t.SalesDocumentListOptions = {}): Promise<o.SalesDocumentSummary[]> {
    return this.listDocuments(undefined, options);
  }
  /** Orders are the `preinvoice` list type of `salesinvoicelist.nv`. */
  listOrders(options: t.SalesDocumentListOptions = {}): Promise<o.SalesDocumentSummary[]> {
    return this.listDocuments('preinvoice', options);
  }
  /** Largest numeric invoice number in Netvisor (0 when none): Rackbeat's series must start above it. */
  getLargestInvoiceNumber(): Promise<number> {
    return this.largestNumber(undefined);
  }
  getLargestOrderNumber(): Promise<number> {
    return this.largestNumber('preinvoice');
  }

  addCustomer(input: t.CustomerInput): Promise<string> {
    return this.add('customer.nv', customerXml(input));
  }
  /** Edit sends only the given fields; an empty element would blank a field, so none are sent. */
  async editCustomer(netvisorKey: string, input: t.CustomerInput): Promise<void> {
    await this.http.post('customer.nv', { method: 'edit', id: netvisorKey }, customerXml(input));
  }
  /** `getcustomer.nv` answers FAILED INVALID_DATA for an unknown id; that becomes NotFoundError. */
  async getCustomer(netvisorKey: string): Promise<o.Customer> {
    const url = this.http.url('getcustomer.nv', { id: netvisorKey });
    try {
      const root = await this.http.get('getcustomer.nv', { id: netvisorKey });
      return toCustomer(netvisorKey, this.http.parse(s.customerSchema, first(root.customer), info(url)));
    } catch (err) {
      if (err instanceof NetvisorRejectedError && /not found/i.test(err.netvisorMessage)) throw new NotFoundError('netvisor', `customer ${netvisorKey}`, info(url));
      throw err;
    }
  }
  async listCustomers(options: t.CustomerListOptions = {}): Promise<o.CustomerSummary[]> {
    const query: Query = { keyword: options.keyword, customercodelist: options.codes?.join(',') };
    const root = await this.http.get('customerlist.nv', query);
    const parsed = this.http.parse(s.customerListSchema, root, info(this.http.url('customerlist.nv', query)));
    return parsed.customerlist.customer.map((c) => ({ netvisorKey: c.netvisorkey, name: c.name, code: c.code ?? '', businessId: c.organisationidentifier ?? '' }));
  }

  addProduct(input: t.ProductInput): Promise<string> {
    return this.add('product.nv', productXml(input));
  }
  async editProduct(netvisorKey: string, input: t.ProductInput): Promise<void> {
    await this.http.post('product.nv', { method: 'edit', id: netvisorKey }, productXml(input));
  }
  getProduct(netvisorKey: string): Promise<o.Product> {
    return this.getProductBy({ id: netvisorKey });
  }
  getProductByCode(code: string): Promise<o.Product> {
    return this.getProductBy({ code });
  }
  async listProducts(options: t.ProductListOptions = {}): Promise<o.ProductSummary[]> {
    const query: Query = { keyword: options.keyword };
    const root = await this.http.get('productlist.nv', query);
    const parsed = this.http.parse(s.productListSchema, root, info(this.http.url('productlist.nv', query)));
    return parsed.productlist.product.map((p) => ({ netvisorKey: p.netvisorkey, code: p.productcode ?? '', name: p.name, unitPrice: p.unitprice }));
  }

  /** VAT codes with the percentages Netvisor has for each (`vatcodelist.nv`). */
  async listVatCodes(): Promise<o.VatCodeInfo[]> {
    const root = await this.http.get('vatcodelist.nv');
    const parsed = this.http.parse(s.vatCodeListSchema, root, info(this.http.url('vatcodelist.nv')));
    return parsed.vatcodelist.vatcode.map((v) => ({ code: v.code, name: v.name, percentages: v.vatpercentages.vatpercentage }));
  }

  /** Fiscal years and the accounting / VAT lock dates (`accountingperiodlist.nv`). */
  async getAccountingPeriods(): Promise<AccountingPeriodState> {
    const root = await this.http.get('accountingperiodlist.nv');
    const { accountingperiodlist: list } = this.http.parse(s.periodListSchema, root, info(this.http.url('accountingperiodlist.nv')));
    const lock = list.periodlockinformation;
    return {
      ...(lock?.accountingperiodlockdate ? { accountingLockDate: lock.accountingperiodlockdate } : {}),
      ...(lock?.vatperiodlockdate ? { vatLockDate: lock.vatperiodlockdate } : {}),
      fiscalYears: list.period.map((p) => ({ netvisorKey: p.netvisorkey, name: p.name, begin: p.begindate, end: p.enddate })),
    };
  }

  private async add(resource: string, body: string): Promise<string> {
    const root = await this.http.post(resource, { method: 'add' }, body);
    return this.http.parse(s.insertedSchema, root, info(this.http.url(resource, { method: 'add' }), 'POST')).replies.inserteddataidentifier;
  }

  /** Not found is an OK answer with an empty element (R2 fixtures). */
  private async getDocument(resource: string, element: string, netvisorKey: string): Promise<o.SalesDocument> {
    const query = { netvisorkey: netvisorKey };
    const root = await this.http.get(resource, query);
    const raw = first(root[element]);
    if (raw === undefined || raw === '') throw new NotFoundError('netvisor', `${element} ${netvisorKey}`, info(this.http.url(resource, query)));
    return toSalesDocument(netvisorKey, this.http.parse(s.salesDocumentSchema, raw, info(this.http.url(resource, query))));
  }

  private async listDocuments(listType: string | undefined, options: t.SalesDocumentListOptions): Promise<o.SalesDocumentSummary[]> {
    const query: Query = {
      listtype: listType,
      invoicesabovenetvisorkey: options.aboveNetvisorKey,
      invoicenumber: options.invoiceNumber,
      customercode: options.customerCode,
      begininvoicedate: options.beginDate,
      endinvoicedate: options.endDate,
    };
    const root = await this.http.get('salesinvoicelist.nv', query);
    const parsed = this.http.parse(s.salesListSchema, root, info(this.http.url('salesinvoicelist.nv', query)));
    return parsed.salesinvoicelist.salesinvoice.map((d) => ({
      netvisorKey: d.netvisorkey,
      number: d.invoicenumber,
      date: d.invoicedate,
      status: d.invoicestatus,
      customerCode: d.customercode ?? '',
      customerName: d.customername ?? '',
      sum: d.invoicesum,
      ...(d.opensum === undefined ? {} : { openSum: d.opensum }),
    }));
  }

  /** Pages by NetvisorKey; numbers that are not plain integers (prefixed series) are ignored. */
  private async largestNumber(listType: string | undefined): Promise<number> {
    let largest = 0;
    let above: number | undefined;
    for (;;) {
      const page = await this.listDocuments(listType, above === undefined ? {} : { aboveNetvisorKey: above });
      for (const doc of page) if (/^\d+$/.test(doc.number)) largest = Math.max(largest, Number(doc.number));
      if (page.length < LIST_PAGE_SIZE) return largest;
      above = Math.max(...page.map((d) => Number(d.netvisorKey)));
    }
  }

  private async getProductBy(query: Query): Promise<o.Product> {
    const root = await this.http.get('getproduct.nv', query);
    const raw = first(root.product);
    const url = this.http.url('getproduct.nv', query);
    if (raw === undefined || raw === '') throw new NotFoundError('netvisor', `product ${JSON.stringify(query)}`, info(url));
    return toProduct(this.http.parse(s.productSchema, raw, info(url)));
  }
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

function info(url: string, method: 'GET' | 'POST' = 'GET'): RequestInfo {
  return { method, url };
}


