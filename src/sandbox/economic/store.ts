import { badRequest, httpError, notFound } from './errors';

export type Doc = Record<string, unknown>;
export type OrderState = 'drafts' | 'sent' | 'archived';

export interface StoredOrder {
  state: OrderState;
  doc: Doc;
}

export interface StoredDraftInvoice {
  doc: Doc;
  /** The order the draft was upgraded from; booked invoices show it as `orderNumber`. */
  orderNumber?: number;
}

export interface StoredVoucher {
  journalNumber: number;
  year: string;
  voucherNumber: number;
  entries: Doc[];
}

export type SentBy = 'Email' | 'EAN';

/**
 * In-memory state of one e-conomic agreement. Every transition the real API refuses is refused
 * here (editing a sent order, booking a booked invoice, reusing a booked number).
 */
export class EconomicStore {
  agreement = { inventoryModule: false };
  /** Added to the wall clock, so tests can move past the idempotency window. */
  clockOffsetMs = 0;
  self: Doc = {};
  readonly customers = new Map<number, Doc>();
  readonly products = new Map<string, Doc>();
  readonly paymentTerms = new Map<number, Doc>();
  readonly layouts = new Map<number, Doc>();
  readonly vatZones = new Map<number, Doc>();
  readonly units = new Map<number, Doc>();
  readonly productGroups = new Map<number, Doc>();
  readonly customerGroups = new Map<number, Doc>();
  readonly journals = new Map<number, Doc>();
  readonly accountingYears = new Set<string>();
  readonly currencies = new Set<string>();
  readonly orders = new Map<number, StoredOrder>();
  readonly draftInvoices = new Map<number, StoredDraftInvoice>();
  readonly bookedInvoices = new Map<number, Doc>();
  readonly sentInvoices: { bookedInvoiceNumber: number; sentBy: SentBy; to: string }[] = [];
  readonly vouchers: StoredVoucher[] = [];
  private next = { order: 1, draftInvoice: 1, booked: 1, journalEntry: 1 };

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  reset(): void {
    for (const map of [this.customers, this.products, this.paymentTerms, this.layouts, this.vatZones, this.units, this.productGroups, this.customerGroups, this.journals, this.orders, this.draftInvoices, this.bookedInvoices]) {
      map.clear();
    }
    this.accountingYears.clear();
    this.currencies.clear();
    this.sentInvoices.length = 0;
    this.vouchers.length = 0;
    this.agreement = { inventoryModule: false };
    this.clockOffsetMs = 0;
    this.next = { order: 1, draftInvoice: 1, booked: 1, journalEntry: 1 };
  }

  createCustomer(doc: Doc): number {
    const wanted = doc.customerNumber as number | undefined;
    if (wanted !== undefined && this.customers.has(wanted)) throw badRequest(`Customer number ${wanted} is already in use.`, 'Omit customerNumber to get the next free number.');
    const number = wanted ?? Math.max(0, ...this.customers.keys()) + 1;
    this.customers.set(number, { ...doc, customerNumber: number, lastUpdated: this.timestamp() });
    return number;
  }

  replaceCustomer(number: number, doc: Doc): void {
    if (!this.customers.has(number)) throw notFound();
    this.customers.set(number, { ...doc, customerNumber: number, lastUpdated: this.timestamp() });
  }

  createProduct(doc: Doc): string {
    const number = doc.productNumber as string;
    if (this.products.has(number)) throw badRequest(`Product number '${number}' is already in use.`, 'Use PUT /products/:productNumber to change an existing product.');
    this.products.set(number, { ...doc, lastUpdated: this.timestamp() });
    return number;
  }

  replaceProduct(number: string, doc: Doc): void {
    if (!this.products.has(number)) throw notFound();
    this.products.set(number, { ...doc, productNumber: number, lastUpdated: this.timestamp() });
  }

  order(state: OrderState, number: number): Doc {
    const stored = this.orders.get(number);
    if (!stored || stored.state !== state) throw notFound();
    return stored.doc;
  }

  /** POST /orders/drafts. A sent order's number moves it back to drafts (the documented undo). */
  createDraftOrder(doc: Doc, wanted: number | undefined): number {
    if (wanted !== undefined) {
      const existing = this.orders.get(wanted);
      if (existing && existing.state !== 'sent') throw badRequest(`Order ${wanted} already exists as ${existing.state === 'drafts' ? 'a draft' : 'an archived order'}.`, 'Use PUT /orders/drafts/:orderNumber to change a draft.');
    }
    const number = wanted ?? this.nextOrderNumber();
    this.orders.set(number, { state: 'drafts', doc: this.stamp(doc, 'orderNumber', number) });
    return number;
  }

  replaceDraftOrder(number: number, doc: Doc): void {
    this.order('drafts', number);
    this.orders.set(number, { state: 'drafts', doc: this.stamp(doc, 'orderNumber', number) });
  }

  deleteDraftOrder(number: number): void {
    this.order('drafts', number);
    this.orders.delete(number);
  }

  /** POST /orders/sent: the draft becomes a locked sent order. */
  sendOrder(number: number, doc: Doc): void {
    const stored = this.orders.get(number);
    if (!stored || stored.state === 'archived') throw notFound();
    if (stored.state === 'sent') throw badRequest(`Order ${number} is already registered as sent.`, 'Sent orders are locked; POST the order to /orders/drafts to reopen it.');
    this.orders.set(number, { state: 'sent', doc: this.stamp(doc, 'orderNumber', number) });
  }

  /** DELETE /orders/sent/:n archives the order (restdocs: archived = upgraded or deleted sent orders). */
  deleteSentOrder(number: number): void {
    const doc = this.order('sent', number);
    this.orders.set(number, { state: 'archived', doc });
  }

  createDraftInvoice(doc: Doc, orderNumber: number | undefined): number {
    const number = this.next.draftInvoice++;
    this.draftInvoices.set(number, { doc: this.stamp(doc, 'draftInvoiceNumber', number), ...(orderNumber === undefined ? {} : { orderNumber }) });
    const order = orderNumber === undefined ? undefined : this.orders.get(orderNumber);
    if (order?.state === 'sent') order.state = 'archived';
    return number;
  }

  draftInvoice(number: number): StoredDraftInvoice {
    const stored = this.draftInvoices.get(number);
    if (!stored) throw notFound();
    return stored;
  }

  replaceDraftInvoice(number: number, doc: Doc): void {
    const stored = this.draftInvoice(number);
    stored.doc = this.stamp(doc, 'draftInvoiceNumber', number);
  }

  deleteDraftInvoice(number: number): void {
    this.draftInvoice(number);
    this.draftInvoices.delete(number);
  }

  /** Books a draft: the draft disappears and a booked invoice with the next (or requested) number appears. */
  bookDraftInvoice(draftNumber: number, bookWithNumber: number | undefined, extra: Doc): Doc {
    const draft = this.draftInvoice(draftNumber);
    if (bookWithNumber !== undefined && this.bookedInvoices.has(bookWithNumber)) {
      throw httpError(400, `Booked invoice number ${bookWithNumber} is already in use.`, 'Omit bookWithNumber to use the next number in the sequence.', {
        bookWithNumber: { errors: [{ errorCode: 'E00400', message: 'The invoice number is already in use.', value: bookWithNumber, developerHint: 'Choose an unused number.' }] },
      });
    }
    let number = bookWithNumber;
    if (number === undefined) {
      while (this.bookedInvoices.has(this.next.booked)) this.next.booked++;
      number = this.next.booked++;
    }
    const { draftInvoiceNumber: _draft, lastUpdated: _updated, ...rest } = draft.doc;
    const gross = rest.grossAmount as number;
    const booked: Doc = {
      bookedInvoiceNumber: number,
      ...(draft.orderNumber === undefined ? {} : { orderNumber: draft.orderNumber }),
      ...rest,
      remainder: gross,
      remainderInBaseCurrency: rest.grossAmountInBaseCurrency ?? gross,
      ...extra,
    };
    this.draftInvoices.delete(draftNumber);
    this.bookedInvoices.set(number, booked);
    return booked;
  }

  addVoucher(journalNumber: number, year: string, voucherNumber: number | undefined, entries: Doc[]): StoredVoucher {
    const journal = this.journals.get(journalNumber);
    const minimum = ((journal?.settings as Doc | undefined)?.voucherNumbers as Doc | undefined)?.minimumVoucherNumber as number | undefined;
    const used = this.vouchers.filter((v) => v.journalNumber === journalNumber && v.year === year).map((v) => v.voucherNumber);
    const number = voucherNumber ?? Math.max((minimum ?? 1) - 1, ...used) + 1;
    const withEntryNumbers = entries.map((entry) => ({ ...entry, journalEntryNumber: this.next.journalEntry++ }));
    const voucher: StoredVoucher = { journalNumber, year, voucherNumber: number, entries: withEntryNumbers };
    this.vouchers.push(voucher);
    return voucher;
  }

  private nextOrderNumber(): number {
    while (this.orders.has(this.next.order)) this.next.order++;
    return this.next.order++;
  }

  private stamp(doc: Doc, key: string, number: number): Doc {
    return { [key]: number, ...doc, [key]: number, lastUpdated: this.timestamp() };
  }

  private timestamp(): string {
    return `${this.now().toISOString().slice(0, 19)}Z`;
  }
}
