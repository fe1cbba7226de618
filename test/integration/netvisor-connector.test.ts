import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AuthError, NotFoundError, RateLimitedError, UpstreamUnavailableError } from '../../src/connectors/http';
import { NetvisorClient, NetvisorTransientError, type SalesDocumentInput } from '../../src/connectors/netvisor';
import { useNetvisorSandbox } from '../helpers/netvisor';

const { config, control } = useNetvisorSandbox();
let client: NetvisorClient;

interface Logged { method: string; path: string; query: Record<string, string>; body: unknown; status: number | string; at: string }
async function requests(): Promise<Logged[]> {
  return ((await control('GET', '/_sandbox/requests?system=netvisor')) as { requests: Logged[] }).requests;
}

const doc = (overrides: Partial<SalesDocumentInput> = {}): SalesDocumentInput => ({
  number: '1001',
  date: '2026-03-01',
  amount: 0,
  status: 'open',
  customerCode: '1001',
  paymentTermNetDays: 14,
  lines: [{ productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY', quantity: 2 }],
  ...overrides,
});

// In beforeEach: a top-level `before` here may run before the helper's has set the sandbox URL.
beforeEach(() => {
  client ??= new NetvisorClient(config());
});

describe('NetvisorClient sales documents', () => {
  it('adds an invoice, sends it as XML to salesinvoice.nv?method=add, and reads it back', async () => {
    const key = await client.addInvoice(doc());
    const [logged] = await requests();
    assert.equal(logged?.method, 'POST');
    assert.equal(logged?.path, '/salesinvoice.nv');
    assert.deepEqual(logged?.query, { method: 'add' });
    assert.match(String(logged?.body), /^<root><salesinvoice><salesinvoicenumber>1001<\/salesinvoicenumber>/);
    assert.deepEqual(await client.getInvoice(key), {
      netvisorKey: key,
      number: '1001',
      date: '2026-03-01',
      // Not sent: Netvisor derives it from the payment term, and getsalesinvoice.nv always answers one (recorded samples).
      dueDate: '2026-03-15',
      amount: 125.25,
      status: 'open',
      customerName: 'Oy Asiakas Ab',
      paymentTermNetDays: 14,
      lines: [{ productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY', quantity: 2 }],
    });
  });

  it('adds an order and reads it from getorder.nv and the preinvoice list', async () => {
    const key = await client.addOrder(doc({ number: '501', status: 'undelivered' }));
    const order = await client.getOrder(key);
    assert.equal(order.number, '501');
    assert.equal(order.status, 'undelivered');
    assert.deepEqual((await client.listOrders()).map((o) => o.number), ['500', '501']);
    await assert.rejects(client.getInvoice(key), NotFoundError);
  });

  it('lists invoices, filters by number and reports a missing invoice as NotFoundError', async () => {
    await client.addInvoice(doc());
    assert.deepEqual((await client.listInvoices()).map((d) => [d.number, d.sum, d.customerCode]), [['1000', 62.62, '1001'], ['1001', 125.25, '1001']]);
    assert.deepEqual((await client.listInvoices({ invoiceNumber: '1001' })).map((d) => d.number), ['1001']);
    assert.deepEqual(await client.listInvoices({ invoiceNumber: '999' }), []);
    await assert.rejects(client.getInvoice('99999'), NotFoundError);
  });

  it('reads the largest used invoice and order numbers', async () => {
    assert.equal(await client.getLargestInvoiceNumber(), 1000);
    assert.equal(await client.getLargestOrderNumber(), 500);
    await control('PUT', '/_sandbox/netvisor/numbers', { invoice: 4200, order: 800 });
    assert.equal(await client.getLargestInvoiceNumber(), 4200);
    assert.equal(await client.getLargestOrderNumber(), 800);
  });
});

describe('NetvisorClient master data', () => {
  it('adds, edits, gets and lists customers', async () => {
    const key = await client.addCustomer({ code: '2001', businessId: '2345678-9', name: 'Uusi Oy', city: 'Tampere', country: 'FI', isActive: true, defaultPaymentTermKey: '2' });
    await client.editCustomer(key, { name: 'Uusi Oy Ab', city: 'Turku' });
    assert.deepEqual(await client.getCustomer(key), { netvisorKey: key, code: '2001', businessId: '2345678-9', name: 'Uusi Oy Ab', city: 'Turku', country: 'FI', isActive: true, defaultPaymentTerm: '2' });
    assert.deepEqual((await client.listCustomers({ codes: ['2001', '1002'] })).map((c) => c.code), ['1002', '2001']);
    assert.deepEqual((await client.listCustomers({ keyword: 'uusi' })).map((c) => [c.name, c.businessId]), [['Uusi Oy Ab', '2345678-9']]);
  });

  it('refuses a default payment term that is not a paymenttermlist.nv key (net days are not a key)', async () => {
    await assert.rejects(client.addCustomer({ code: '2002', name: 'Termiton Oy', defaultPaymentTermKey: '21' }), /Payment term not found/);
  });

  it('turns getcustomer.nv FAILED "not found" into NotFoundError', async () => {
    await assert.rejects(client.getCustomer('424242'), NotFoundError);
  });

  it('adds, edits, gets and lists products', async () => {
    const key = await client.addProduct({ code: 'P-300', group: 'Tuotteet', name: 'Lamppu', unitPrice: 19.9, unitPriceType: 'net', unit: 'kpl', isActive: true, isSalesProduct: true, defaultVatPercentage: 25.5 });
    await client.editProduct(key, { group: 'Valaisimet', name: 'Pöytälamppu', unitPrice: 24.5, unitPriceType: 'net', isActive: true, isSalesProduct: true });
    assert.deepEqual(await client.getProduct(key), { netvisorKey: key, code: 'P-300', group: 'Valaisimet', name: 'Pöytälamppu', unitPrice: 24.5, unit: 'kpl', isActive: true, isSalesProduct: true, defaultVatPercentage: 25.5 });
    assert.equal((await client.getProductByCode('P-300')).netvisorKey, key);
    assert.deepEqual((await client.listProducts({ keyword: 'lamppu' })).map((p) => [p.code, p.unitPrice]), [['P-300', 24.5]]);
    await assert.rejects(client.getProductByCode('NOPE'), NotFoundError);
  });

  it('reads VAT codes with their percentages and the accounting period state', async () => {
    await control('PUT', '/_sandbox/netvisor/vat-codes', { codes: { KOMY: [25.5, 14], EUMY: [0] } });
    assert.deepEqual(await client.listVatCodes(), [
      { code: 'KOMY', name: 'Kotimaan myynti', percentages: [25.5, 14] },
      { code: 'EUMY', name: 'EU-myynti', percentages: [0] },
    ]);
    await control('PUT', '/_sandbox/netvisor/periods', { accountingLockDate: '2026-02-28', vatLockDate: null, fiscalYears: [{ name: '2026', begin: '2026-01-01', end: '2026-12-31' }] });
    const periods = await client.getAccountingPeriods();
    assert.equal(periods.accountingLockDate, '2026-02-28');
    assert.equal(periods.vatLockDate, undefined);
    assert.deepEqual(periods.fiscalYears.map((y) => [y.name, y.begin, y.end]), [['2026', '2026-01-01', '2026-12-31']]);
  });
});

describe('NetvisorClient transport', () => {
  it('maps an injected 503 to a retryable UpstreamUnavailableError', async () => {
    await control('POST', '/_sandbox/faults', { system: 'netvisor', kind: 'status', status: 503, match: { path: 'customerlist' } });
    const err = await client.listCustomers().catch((e: unknown) => e);
    assert.ok(err instanceof UpstreamUnavailableError);
    assert.equal(err.retryable, true);
    assert.equal(err.request?.status, 503);
  });

  it('maps an injected 429 to RateLimitedError with the Retry-After delay', async () => {
    await control('POST', '/_sandbox/faults', { system: 'netvisor', kind: 'rate-limit', retryAfterSeconds: 7 });
    const err = await client.listProducts().catch((e: unknown) => e);
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.retryAfterMs, 7000);
    assert.deepEqual(((await control('GET', '/_sandbox/faults')) as { pending: unknown[] }).pending, []);
  });

  it('reports a lost response after the write as retryable, and the lookup by number finds the invoice', async () => {
    await control('POST', '/_sandbox/faults', { system: 'netvisor', kind: 'drop', match: { method: 'POST' } });
    const err = await client.addInvoice(doc()).catch((e: unknown) => e);
    assert.ok(err instanceof UpstreamUnavailableError);
    assert.deepEqual((await client.listInvoices({ invoiceNumber: '1001' })).map((d) => d.number), ['1001']);
  });

  it('maps wrong keys to AuthError', async () => {
    const wrong = new NetvisorClient(config({ customerKey: 'wrong' }));
    const err = await wrong.listCustomers().catch((e: unknown) => e);
    assert.ok(err instanceof AuthError);
    assert.equal(err.retryable, false);
    assert.doesNotMatch(err.message, /wrong/);
  });

  it('maps a reused transaction id to a retryable REQUEST_NOT_UNIQUE error', async () => {
    const fixed = new NetvisorClient(config({ transactionId: () => 'always-the-same' }));
    await fixed.listCustomers();
    const err = await fixed.listCustomers().catch((e: unknown) => e);
    assert.ok(err instanceof NetvisorTransientError);
    assert.equal(err.category, 'REQUEST_NOT_UNIQUE');
    assert.equal(err.retryable, true);
  });

  it('sends one request at a time per company, even from two client instances', async () => {
    await control('POST', '/_sandbox/faults', { system: 'netvisor', kind: 'latency', latencyMs: 300, match: { path: 'customerlist' } });
    const other = new NetvisorClient(config());
    await Promise.all([client.listCustomers(), other.listProducts()]);
    const [first, second] = await requests();
    assert.equal(first?.path, '/customerlist.nv');
    assert.equal(second?.path, '/productlist.nv');
    assert.ok(Date.parse(second.at) - Date.parse(first.at) >= 290, 'the second request waited for the first answer');
  });
});
