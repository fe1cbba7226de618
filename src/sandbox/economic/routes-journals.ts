import type { FastifyInstance } from 'fastify';
import { collection } from './collection';
import { ERROR_CODES, notFound } from './errors';
import { idFromSelf } from './paths';
import { FILTERABLE, numberParam, type RouteDeps } from './routes-common';
import type { Doc, StoredVoucher } from './store';
import { Checker, isObject } from './validation';

/**
 * Journals and draft vouchers. A customer payment voucher is only a draft entry: the booked
 * invoice's `remainder` does not change (the legacy REST cannot book journals).
 */
export function registerJournalRoutes(app: FastifyInstance, { store, present }: RouteDeps): void {
  const showJournal = (doc: Doc): Doc => {
    const n = doc.journalNumber as number;
    const settings = doc.settings as Doc;
    const contra = (settings.contraAccounts as Doc | undefined)?.customerPayments as Doc | undefined;
    return {
      ...doc,
      settings: contra ? { ...settings, contraAccounts: { customerPayments: { ...contra, self: present.link('accounts', contra.accountNumber as number) } } } : settings,
      vouchers: present.link('journals', n, 'vouchers'),
      entries: present.link('journals', n, 'entries'),
      templates: { financeVoucher: present.link('journals', n, 'templates', 'financeVoucher'), manualCustomerInvoice: present.link('journals', n, 'templates', 'manualCustomerInvoice'), self: present.link('journals', n, 'templates') },
      self: present.link('journals', n),
    };
  };
  app.get('/journals', async (request) =>
    collection(request, [...store.journals.values()], { url: present.link('journals'), filterable: FILTERABLE.none, present: showJournal }),
  );
  app.get('/journals/:journalNumber', async (request) => {
    const doc = store.journals.get(numberParam(request, 'journalNumber'));
    if (!doc) throw notFound();
    return showJournal(doc);
  });

  /** The draft vouchers of a journal (restdocs: GET /journals-experimental/:journalNumber/vouchers). */
  app.get('/journals/:journalNumber/vouchers', async (request) => {
    const journalNumber = numberParam(request, 'journalNumber');
    if (!store.journals.has(journalNumber)) throw notFound();
    const vouchers = store.vouchers.filter((v) => v.journalNumber === journalNumber);
    return collection(request, vouchers as unknown as Doc[], { url: present.link('journals', journalNumber, 'vouchers'), filterable: FILTERABLE.none, present: (v) => showVoucher(v as unknown as StoredVoucher) });
  });

  app.post('/journals/:journalNumber/vouchers', async (request, reply) => {
    const journalNumber = numberParam(request, 'journalNumber');
    const journal = store.journals.get(journalNumber);
    if (!journal) throw notFound();
    const vouchers = Array.isArray(request.body) ? (request.body as unknown[]) : [request.body];
    const c = new Checker(store);
    vouchers.forEach((voucher, i) => checkVoucher(c, voucher, vouchers.length > 1 || Array.isArray(request.body) ? [i] : []));
    c.issues.throwIfAny();
    const contra = ((journal.settings as Doc).contraAccounts as Doc | undefined)?.customerPayments as Doc | undefined;
    const stored = (vouchers as Doc[]).map((v) => {
      const entries = ((v.entries as Doc).customerPayments as Doc[]).map((entry) => ({
        ...entry,
        ...(entry.contraAccount === undefined && contra ? { contraAccount: { accountNumber: contra.accountNumber } } : {}),
        entryType: 'customerPayment',
      }));
      return store.addVoucher(journalNumber, yearOf(v), (v.voucherNumber as number | undefined) ?? undefined, entries);
    });
    return reply.code(201).send(stored.map((v) => showVoucher(v)));
  });

  const showVoucher = (v: StoredVoucher): Doc => {
    const voucherSelf = present.link('journals', v.journalNumber, 'vouchers', `${v.year}-${v.voucherNumber}`);
    return {
      accountingYear: { year: v.year, self: present.link('accounting-years', v.year) },
      journal: { journalNumber: v.journalNumber, self: present.link('journals', v.journalNumber) },
      entries: {
        customerPayments: v.entries.map((e) => ({ ...e, journal: { journalNumber: v.journalNumber }, voucher: { voucherNumber: v.voucherNumber, self: voucherSelf }, remainder: e.amount, remainderInDefaultCurrency: e.amount })),
      },
      voucherNumber: v.voucherNumber,
      self: voucherSelf,
    };
  };
}

function yearOf(voucher: Doc): string {
  const year = voucher.accountingYear as Doc;
  return typeof year.year === 'string' ? year.year : idFromSelf(String(year.self));
}

function checkVoucher(c: Checker, voucher: unknown, at: (string | number)[]): void {
  if (!isObject(voucher)) {
    c.invalid(at, 'A voucher must be a JSON object.', voucher);
    return;
  }
  const year = c.object(voucher, 'accountingYear', at, true);
  if (year) {
    const value = typeof year.year === 'string' ? year.year : typeof year.self === 'string' ? idFromSelf(year.self) : undefined;
    if (value === undefined) c.issues.add([...at, 'accountingYear'], ERROR_CODES.noIdentifier, 'The accountingYear has neither year nor self.', year);
    else if (!c.store.accountingYears.has(value)) c.issues.add([...at, 'accountingYear', 'year'], ERROR_CODES.notFoundReference, 'The accounting year does not exist.', value);
  }
  c.number(voucher, 'voucherNumber', at, { integer: true, min: 1, max: 999_999_999 });
  const entries = c.object(voucher, 'entries', at, true);
  if (!entries) return;
  const payments = entries.customerPayments;
  const others = Object.keys(entries).filter((k) => k !== 'customerPayments');
  if (others.length) c.invalid([...at, 'entries'], `The simulator supports customerPayments only (got ${others.join(', ')}).`, others);
  if (!Array.isArray(payments) || payments.length === 0) {
    c.issues.add([...at, 'entries', 'customerPayments'], ERROR_CODES.required, 'At least one customer payment entry is required.', payments);
    return;
  }
  payments.forEach((entry: unknown, i) => {
    const path = [...at, 'entries', 'customerPayments', i];
    if (!isObject(entry)) {
      c.invalid(path, 'An entry must be an object.', entry);
      return;
    }
    c.number(entry, 'amount', path, { required: true, maxDecimal: 2 });
    c.date(entry, 'date', path, true);
    c.string(entry, 'text', path, { max: 250 });
    c.number(entry, 'exchangeRate', path, { maxDecimal: 6 });
    const customer = c.numRef(entry, 'customer', path, { key: 'customerNumber', exists: (n) => c.store.customers.has(n) });
    if (entry.customer === undefined && entry.contraAccount === undefined) {
      c.issues.add([...path, 'customer'], ERROR_CODES.required, 'A customer payment needs customer or contraAccount.', null);
    }
    const invoice = c.number(entry, 'customerInvoice', path, { integer: true, min: 1 });
    if (invoice !== undefined) {
      const booked = c.store.bookedInvoices.get(invoice);
      if (!booked) c.issues.add([...path, 'customerInvoice'], ERROR_CODES.notFoundReference, 'The booked invoice does not exist.', invoice);
      else if (customer !== undefined && (booked.customer as Doc).customerNumber !== customer) {
        c.invalid([...path, 'customerInvoice'], 'The invoice belongs to another customer.', invoice);
      }
    }
  });
}
