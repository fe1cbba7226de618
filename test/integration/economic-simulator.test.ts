import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { economicOrderBody } from '../helpers/economic';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { createSandbox } from '../../src/sandbox/server';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

// Not in contract mode: these tests exercise the simulator's own rules, including live-API
// tolerances the published schemas contradict (lowercase `sendBy: "ean"`, recorded). Contract
// mode is covered in economic-contract.test.ts and on by default in every test harness.
const sandbox = createSandbox();
let baseUrl = '';
const AUTH = { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...AUTH, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
}
const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => call(method, `/economic${path}`, body, headers);
const state = async (): Promise<Json> => (await call('GET', '/_sandbox/economic/state')).body;

function order(other = 'SHOP-1', overrides: Json = {}): Json {
  return { ...economicOrderBody(other), ...overrides };
}

/** The `errors` tree reduced to `path → codes`, to compare whole validation answers. */
function codes(errors: unknown, path = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (Array.isArray(errors)) {
    for (const e of errors as Json[]) Object.assign(out, codes(e, `${path}[${e.arrayIndex as number}]`));
    return out;
  }
  for (const [key, value] of Object.entries((errors ?? {}) as Json)) {
    if (key === 'arrayIndex') continue;
    if (key === 'errors') out[path] = (value as Json[]).map((e) => e.errorCode as string);
    else Object.assign(out, codes(value, path ? `${path}.${key}` : key));
  }
  return out;
}

before(async () => {
  baseUrl = await sandbox.listen(0);
});
after(() => sandbox.close());
beforeEach(async () => {
  await call('POST', '/_sandbox/reset', { system: 'economic' });
  await call('POST', '/_sandbox/seed', { system: 'economic' });
});

describe('e-conomic simulator: validation', () => {
  it('lists every missing required property of an order in the request shape', async () => {
    const res = await api('POST', '/orders/drafts', {});
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body).sort(), ['developerHint', 'errors', 'httpStatusCode', 'logId', 'logTime', 'message']);
    assert.equal(res.body.httpStatusCode, 400);
    assert.deepEqual(codes(res.body.errors), { date: ['E00100'], currency: ['E00100'], paymentTerms: ['E00100'], customer: ['E00100'], layout: ['E00100'], recipient: ['E00100'] });
    const noName = await api('POST', '/orders/drafts', order('x', { recipient: {} }));
    assert.deepEqual(codes(noName.body.errors), { 'recipient.name': ['E00100'], 'recipient.vatZone': ['E00100'] });
  });

  it('refuses values longer than the schema allows', async () => {
    const res = await api('POST', '/orders/drafts', order('R'.repeat(251), { notes: { heading: 'h'.repeat(251) } }));
    assert.deepEqual(codes(res.body.errors), { 'notes.heading': ['E00200'], 'references.other': ['E00200'] });
    assert.equal((await api('POST', '/orders/drafts', order('R'.repeat(250)))).status, 201);
    const product = await api('POST', '/products', { productNumber: 'P'.repeat(26), name: 'x', productGroup: { productGroupNumber: 1 } });
    assert.deepEqual(codes(product.body.errors), { productNumber: ['E00200'] });
  });

  it('allows at most 2 decimals on quantities and prices (E04740)', async () => {
    const lines = [
      { product: { productNumber: 'TSHIRT-M' }, description: 'a', quantity: 1.25, unitNetPrice: 10.5 },
      { product: { productNumber: 'TSHIRT-M' }, description: 'b', quantity: 1.234, unitNetPrice: 10.001, discountPercentage: 0.125 },
    ];
    const res = await api('POST', '/orders/drafts', order('x', { lines }));
    assert.equal(res.status, 400);
    assert.deepEqual(codes(res.body.errors), { 'lines[1].quantity': ['E04740'], 'lines[1].unitNetPrice': ['E04740'], 'lines[1].discountPercentage': ['E04740'] });
    assert.deepEqual(((res.body.errors as Json).lines as Json[])[0]?.unitNetPrice, { errors: [{ errorCode: 'E04740', message: "Property 'unitNetPrice' may have at most 2 decimals.", value: 10.001, developerHint: "Property 'unitNetPrice' may have at most 2 decimals." }] });
  });

  it('needs a quantity with a product (E04730), an identifier on the product (E04500) and existing references (E06000)', async () => {
    const lines = [{ product: { productNumber: 'TSHIRT-M' }, description: 'a' }, { product: {}, quantity: 1 }, { product: { productNumber: 'NOPE' }, description: 'c', quantity: 1 }];
    const res = await api('POST', '/orders/drafts', order('x', { customer: { customerNumber: 999 }, currency: 'XXX', lines }));
    assert.deepEqual(codes(res.body.errors), {
      currency: ['E06000'],
      'customer.customerNumber': ['E06000'],
      'lines[0].quantity': ['E04730'],
      'lines[1].product': ['E04500'],
      'lines[2].product.productNumber': ['E06000'],
    });
    assert.deepEqual((await state()).orders, []);
  });

  it('accepts references by self link', async () => {
    const res = await api('POST', '/orders/drafts', order('x', { customer: { self: `${baseUrl}/economic/customers/2` }, lines: [{ product: { self: `${baseUrl}/economic/products/HOODIE-L` }, description: 'h', quantity: 1 }] }));
    assert.equal(res.status, 201);
    assert.deepEqual([(res.body.customer as Json).customerNumber, ((res.body.lines as Json[])[0]?.product as Json).productNumber, (res.body.lines as Json[])[0]?.unitNetPrice], [2, 'HOODIE-L', 250]);
  });
});

describe('e-conomic simulator: orders', () => {
  it('computes totals with 25 % domestic VAT and none on VAT-exempt product groups', async () => {
    await api('POST', '/products', { productNumber: 'BOOK', name: 'Book', productGroup: { productGroupNumber: 2 }, salesPrice: 50 });
    const lines = [
      { product: { productNumber: 'TSHIRT-M' }, description: 't', quantity: 2, unitNetPrice: 100, discountPercentage: 10 },
      { product: { productNumber: 'BOOK' }, description: 'b', quantity: 1, unitNetPrice: 50 },
    ];
    const res = await api('POST', '/orders/drafts', order('x', { lines }));
    assert.deepEqual([res.body.netAmount, res.body.vatAmount, res.body.grossAmount], [230, 45, 275]);
    const eu = await api('POST', '/orders/drafts', order('y', { recipient: { name: 'EU', vatZone: { vatZoneNumber: 2 } }, lines }));
    assert.deepEqual([eu.body.netAmount, eu.body.vatAmount, eu.body.grossAmount], [230, 0, 230]);
  });

  it('moves an order draft → sent → archived and refuses edits of a sent order', async () => {
    const created = await api('POST', '/orders/drafts', order());
    assert.deepEqual([created.status, created.body.orderNumber, created.headers.get('location')], [201, 1, `${baseUrl}/economic/orders/drafts/1`]);
    const replaced = await api('PUT', '/orders/drafts/1', order('SHOP-1', { notes: { heading: 'replaced' }, lines: [] }));
    assert.deepEqual([replaced.status, replaced.body.lines, replaced.body.netAmount, (replaced.body.notes as Json).heading], [200, [], 0, 'replaced']);
    assert.equal((await api('POST', '/orders/sent', { ...order(), orderNumber: 1 })).status, 201);
    assert.equal((await api('PUT', '/orders/drafts/1', order())).status, 404);
    assert.equal((await api('PUT', '/orders/sent/1', order())).status, 405);
    assert.equal((await api('POST', '/orders/sent', { ...order(), orderNumber: 1 })).status, 400);
    assert.equal((await api('DELETE', '/orders/sent/1')).status, 204);
    assert.equal((await api('GET', '/orders/archived/1')).status, 200);
    assert.equal((await api('DELETE', '/orders/sent/1')).status, 404);
    assert.deepEqual((await state()).orders, [{ orderNumber: 1, state: 'archived', references: { other: 'SHOP-1' } }]);
  });

  it('deletes a draft with 204 and answers 404 on the second delete', async () => {
    await api('POST', '/orders/drafts', order());
    assert.equal((await api('DELETE', '/orders/drafts/1')).status, 204);
    assert.equal((await api('DELETE', '/orders/drafts/1')).status, 404);
    assert.deepEqual((await state()).orders, []);
  });

  it('reopens a sent order when its document is posted back to drafts', async () => {
    await api('POST', '/orders/drafts', order());
    await api('POST', '/orders/sent', { ...order(), orderNumber: 1 });
    const reopened = await api('POST', '/orders/drafts', { ...order(), orderNumber: 1 });
    assert.deepEqual([reopened.status, reopened.body.orderNumber], [201, 1]);
    assert.deepEqual((await state()).orders, [{ orderNumber: 1, state: 'drafts', references: { other: 'SHOP-1' } }]);
  });

  it('refuses order writes on an agreement with the inventory module, but not reads or invoices', async () => {
    await api('POST', '/orders/drafts', order());
    await call('PUT', '/_sandbox/economic/agreement', { inventoryModule: true });
    const self = await api('GET', '/self');
    assert.ok((self.body.modules as Json[]).some((m) => m.moduleNumber === 15 && m.name === 'Lager'));
    for (const [method, path, body] of [['POST', '/orders/drafts', order()], ['PUT', '/orders/drafts/1', order()], ['DELETE', '/orders/drafts/1', undefined], ['POST', '/orders/sent', { ...order(), orderNumber: 1 }]] as const) {
      const res = await api(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.match(res.body.message as string, /inventory module/);
    }
    assert.equal((await api('GET', '/orders/drafts/1')).status, 200);
    assert.equal((await api('POST', '/invoices/drafts', order())).status, 201);
    assert.deepEqual((await state()).orders, [{ orderNumber: 1, state: 'drafts', references: { other: 'SHOP-1' } }]);
  });
});

describe('e-conomic simulator: invoices', () => {
  async function invoiceFromSentOrder(other: string): Promise<number> {
    const o = await api('POST', '/orders/drafts', order(other));
    await api('POST', '/orders/sent', { ...order(other), orderNumber: o.body.orderNumber });
    const template = await api('GET', `/orders/sent/${o.body.orderNumber as number}/templates/upgrade-instructions/draftInvoice`);
    const draft = await api('POST', '/invoices/drafts', template.body.draftInvoice);
    return draft.body.draftInvoiceNumber as number;
  }

  it('upgrades a sent order to a draft invoice, archives the order, and books in sequence with remainder = gross', async () => {
    const template = await (async () => {
      await api('POST', '/orders/drafts', order('SHOP-7'));
      await api('POST', '/orders/sent', { ...order('SHOP-7'), orderNumber: 1 });
      return (await api('GET', '/orders/sent/1/templates/upgrade-instructions/draftInvoice')).body.draftInvoice as Json;
    })();
    assert.deepEqual([template.orderNumber, (template.references as Json).other, (template.customer as Json).customerNumber, (template.lines as Json[]).length], [1, 'SHOP-7', 1, 1]);
    const first = (await api('POST', '/invoices/drafts', template)).body.draftInvoiceNumber as number;
    assert.deepEqual((await state()).orders, [{ orderNumber: 1, state: 'archived', references: { other: 'SHOP-7' } }]);
    const second = await invoiceFromSentOrder('SHOP-8');
    const b1 = await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: first } });
    const b2 = await api('POST', '/invoices/booked', { draftInvoice: { self: `${baseUrl}/economic/invoices/drafts/${second}` } });
    assert.deepEqual([b1.status, b1.body.bookedInvoiceNumber, b1.body.orderNumber, b1.body.grossAmount, b1.body.remainder], [201, 1, 1, 250, 250]);
    assert.deepEqual([b2.body.bookedInvoiceNumber, b2.body.orderNumber], [2, 2]);
    assert.equal((b1.body.pdf as Json).download, `${baseUrl}/economic/invoices/booked/1/pdf`);
    assert.deepEqual(((b1.body.lines as Json[])[0] as Json).vatRate, 25);
    assert.equal((await api('GET', `/invoices/drafts/${first}`)).status, 404);
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: first } })).status, 400);
    assert.deepEqual((await state()).bookedInvoices, [
      { bookedInvoiceNumber: 1, orderNumber: 1, grossAmount: 250, remainder: 250 },
      { bookedInvoiceNumber: 2, orderNumber: 2, grossAmount: 250, remainder: 250 },
    ]);
  });

  it('books with a requested number once and refuses it when used', async () => {
    const a = (await api('POST', '/invoices/drafts', order('A'))).body.draftInvoiceNumber;
    const b = (await api('POST', '/invoices/drafts', order('B'))).body.draftInvoiceNumber;
    const c = (await api('POST', '/invoices/drafts', order('C'))).body.draftInvoiceNumber;
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: a }, bookWithNumber: 100 })).body.bookedInvoiceNumber, 100);
    const conflict = await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: b }, bookWithNumber: 100 });
    assert.deepEqual([conflict.status, codes(conflict.body.errors)], [400, { bookWithNumber: ['E00400'] }]);
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: c } })).body.bookedInvoiceNumber, 1);
    assert.deepEqual(((await state()).draftInvoices as Json[]).map((d) => d.draftInvoiceNumber), [b]);
  });

  it('sends by Email only with a customer e-mail, and by EAN (either casing) only with a 13-digit EAN', async () => {
    const noEmail = (await api('POST', '/invoices/drafts', order('E', { customer: { customerNumber: 2 } }))).body.draftInvoiceNumber;
    const refused = await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: noEmail }, sendBy: 'Email' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.message as string, /no e-mail address/);
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: noEmail }, sendBy: 'email' })).status, 400);
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: noEmail }, sendBy: 'ean' })).status, 201);
    const withEmail = (await api('POST', '/invoices/drafts', order('F'))).body.draftInvoiceNumber;
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: withEmail }, sendBy: 'EAN' })).status, 400);
    assert.equal((await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: withEmail }, sendBy: 'Email' })).status, 201);
    assert.deepEqual((await state()).sentInvoices, [
      { bookedInvoiceNumber: 1, sentBy: 'EAN', to: '5798000363007' },
      { bookedInvoiceNumber: 2, sentBy: 'Email', to: 'faktura@toj.example' },
    ]);
  });

  it('records a payment voucher without reducing the invoice remainder', async () => {
    const draft = await invoiceFromSentOrder('P');
    await api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: draft } });
    const res = await api('POST', '/journals/2/vouchers', { accountingYear: { year: '2026' }, entries: { customerPayments: [{ customer: { customerNumber: 1 }, customerInvoice: 1, amount: -250, date: '2026-03-05' }] } });
    assert.equal(res.status, 201);
    assert.ok(Array.isArray(res.body));
    assert.equal((await api('GET', '/invoices/booked/1')).body.remainder, 250);
    const bad = await api('POST', '/journals/2/vouchers', { accountingYear: { year: '1999' }, entries: { customerPayments: [{ customerInvoice: 9, amount: 1.005 }] } });
    assert.deepEqual(codes(bad.body.errors), {
      'accountingYear.year': ['E06000'],
      'entries.customerPayments[0].amount': ['E04740'],
      'entries.customerPayments[0].date': ['E00100'],
      'entries.customerPayments[0].customer': ['E00100'],
      'entries.customerPayments[0].customerInvoice': ['E06000'],
    });
    assert.equal(((await state()).vouchers as Json[]).length, 1);
  });
});

describe('e-conomic simulator: idempotency', () => {
  it('replays a write with the same key from cache for one hour, without a second write', async () => {
    const first = await api('POST', '/orders/drafts', order(), { 'Idempotency-Key': 'k-1' });
    const again = await api('POST', '/orders/drafts', order('other body'), { 'Idempotency-Key': 'k-1' });
    assert.equal(first.headers.get('x-resultfromcache'), null);
    assert.equal(again.headers.get('x-resultfromcache'), 'true');
    assert.deepEqual([again.status, again.body], [201, first.body]);
    assert.equal(((await state()).orders as Json[]).length, 1);
    await call('POST', '/_sandbox/economic/clock', { advanceMs: 60 * 60 * 1000 });
    const expired = await api('POST', '/orders/drafts', order(), { 'Idempotency-Key': 'k-1' });
    assert.deepEqual([expired.headers.get('x-resultfromcache'), expired.body.orderNumber], [null, 2]);
    const log = (await call('GET', '/_sandbox/requests?system=economic&method=POST')).body.requests as Json[];
    assert.deepEqual(log.map((r) => [r.path, r.status, r.idempotencyKey]), [['/orders/drafts', 201, 'k-1'], ['/orders/drafts', 201, 'k-1'], ['/orders/drafts', 201, 'k-1']]);
  });

  it('does not cache rejected writes, so a corrected retry with the same key succeeds', async () => {
    assert.equal((await api('POST', '/orders/drafts', order('x', { currency: 'XXX' }), { 'Idempotency-Key': 'k-2' })).status, 400);
    const fixed = await api('POST', '/orders/drafts', order(), { 'Idempotency-Key': 'k-2' });
    assert.deepEqual([fixed.status, fixed.headers.get('x-resultfromcache')], [201, null]);
  });

  it('replays a DELETE with the same key instead of answering 404', async () => {
    await api('POST', '/orders/drafts', order());
    assert.equal((await api('DELETE', '/orders/drafts/1', undefined, { 'Idempotency-Key': 'd-1' })).status, 204);
    const replay = await api('DELETE', '/orders/drafts/1', undefined, { 'Idempotency-Key': 'd-1' });
    assert.deepEqual([replay.status, replay.headers.get('x-resultfromcache')], [204, 'true']);
  });
});

describe('e-conomic simulator: collections and filters', () => {
  it('finds documents by references.other with escaped values, case-insensitively', async () => {
    await api('POST', '/orders/drafts', order('Shop (1), $5*'));
    await api('POST', '/orders/drafts', order('SHOP-2'));
    const q = (filter: string): Promise<Answer> => api('GET', `/orders/drafts?filter=${encodeURIComponent(filter)}`);
    const numbers = async (filter: string): Promise<unknown[]> => ((await q(filter)).body.collection as Json[]).map((o) => o.orderNumber);
    assert.deepEqual(await numbers('references.other$eq:shop $(1$)$, $$5$*'), [1]);
    assert.deepEqual(await numbers('references.other$like:shop-*'), [2]);
    assert.deepEqual(await numbers('references.other$like:HOP'), [1, 2]);
    assert.deepEqual(await numbers('(references.other$eq:SHOP-2$or:orderNumber$eq:1)$and:orderNumber$gt:1'), [2]);
    assert.deepEqual(await numbers('orderNumber$in:[1,3]'), [1]);
    assert.equal((await q('references.other$in:[1]')).status, 400);
    const notFilterable = await q('grossAmount$gt:1');
    assert.deepEqual([notFilterable.status, notFilterable.body.httpStatusCode], [400, 400]);
    assert.match(notFilterable.body.message as string, /grossAmount/);
  });

  it('pages with skippages/pagesize and leaves nextPage out on the last page', async () => {
    const first = await api('GET', '/vat-zones?skippages=0&pagesize=3');
    const p1 = first.body.pagination as Json;
    assert.deepEqual((first.body.collection as Json[]).map((z) => z.vatZoneNumber), [1, 2, 3]);
    assert.deepEqual(p1, {
      maxPageSizeAllowed: 1000, skipPages: 0, pageSize: 3, results: 4, resultsWithoutFilter: 4,
      firstPage: `${baseUrl}/economic/vat-zones?skippages=0&pagesize=3`,
      nextPage: `${baseUrl}/economic/vat-zones?skippages=1&pagesize=3`,
      lastPage: `${baseUrl}/economic/vat-zones?skippages=1&pagesize=3`,
    });
    const last = await api('GET', '/vat-zones?skippages=1&pagesize=3');
    assert.deepEqual((last.body.collection as Json[]).map((z) => z.vatZoneNumber), [4]);
    assert.equal((last.body.pagination as Json).nextPage, undefined);
    assert.equal(last.body.self, `${baseUrl}/economic/vat-zones?skippages=1&pagesize=3`);
    assert.equal((await api('GET', '/vat-zones?pagesize=1001')).status, 400);
  });

  it('finds a product by its escaped number', async () => {
    await api('POST', '/products', { productNumber: 'A/B_C 5%', name: 'odd', productGroup: { productGroupNumber: 1 } });
    const res = await api('GET', '/products/A_6_B_8_C_9_5_3_');
    assert.deepEqual([res.status, res.body.productNumber, res.body.self], [200, 'A/B_C 5%', `${baseUrl}/economic/products/A_6_B_8_C_9_5_3_`]);
  });
});

describe('e-conomic simulator: protocol', () => {
  it('answers 401 without valid tokens and allows the demo tokens for GET only', async () => {
    const none = await fetch(`${baseUrl}/economic/self`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as Json).httpStatusCode, 401);
    const demo = { 'X-AppSecretToken': 'demo', 'X-AgreementGrantToken': 'demo' };
    assert.equal((await call('GET', '/economic/customers', undefined, demo)).status, 200);
    assert.equal((await call('POST', '/economic/orders/drafts', order(), demo)).status, 403);
    assert.deepEqual((await state()).orders, []);
  });

  it('answers 415 to a write that is not JSON and 400 to malformed JSON, in e-conomic shape', async () => {
    const media = await api('POST', '/orders/drafts', 'date=2026-01-01', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([media.status, media.body.httpStatusCode], [415, 415]);
    const malformed = await api('POST', '/orders/drafts', '{"date":', { 'Content-Type': 'application/json' });
    assert.deepEqual([malformed.status, malformed.body.httpStatusCode, typeof malformed.body.logId], [400, 400, 'string']);
    const log = (await call('GET', '/_sandbox/requests?system=economic&method=POST')).body.requests as Json[];
    assert.deepEqual(log.map((r) => r.status), [415]);
  });

  it('answers unknown paths with the recorded 404 body', async () => {
    const res = await api('GET', '/no-such-thing');
    assert.deepEqual([res.status, res.body.message, res.body.httpStatusCode], [404, 'Resource not found.', 404]);
  });
});
