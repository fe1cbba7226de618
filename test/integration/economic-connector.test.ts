import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EconomicClient, hasInventoryModule, type OrderInput } from '../../src/connectors/economic';
import { eq } from '../../src/connectors/economic/filter';
import { AuthError, NotFoundError, RateLimitedError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';
import { economicOrderBody } from '../helpers/economic';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { createSandbox } from '../../src/sandbox/server';
import { economicContractSettings } from '../helpers/economic-contract';

const sandbox = createSandbox({ economic: economicContractSettings() });
let baseUrl = '';
let client: EconomicClient;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function requests(): Promise<{ method: string; path: string; query: Record<string, string>; status: number | string; idempotencyKey?: string }[]> {
  return ((await control('GET', '/_sandbox/requests?system=economic')) as { requests: never[] }).requests;
}

function order(other: string, overrides: Partial<OrderInput> = {}): OrderInput {
  return { ...economicOrderBody(other), ...overrides };
}

before(async () => {
  baseUrl = await sandbox.listen(0);
  const { appSecretToken, agreementGrantToken } = SANDBOX_CREDENTIALS.economic;
  client = new EconomicClient({ baseUrl: `${baseUrl}/economic`, appSecretToken, agreementGrantToken, timeoutMs: 5000 });
});
after(() => sandbox.close());
beforeEach(async () => {
  await control('POST', '/_sandbox/reset', { system: 'economic' });
  await control('POST', '/_sandbox/seed', { system: 'economic' });
});

describe('EconomicClient against the simulator', () => {
  it('reads the agreement and tells whether it has the inventory module', async () => {
    const self = await client.getSelf();
    assert.equal(self.agreementNumber, SANDBOX_CREDENTIALS.economic.agreementNumber);
    assert.equal(hasInventoryModule(self), false);
    await control('PUT', '/_sandbox/economic/agreement', { inventoryModule: true });
    assert.equal(hasInventoryModule(await client.getSelf()), true);
  });

  it('gets and lists master data', async () => {
    assert.equal((await client.getPaymentTerms(1)).name, 'Netto 8 dage');
    assert.deepEqual((await client.listPaymentTerms()).items.map((p) => [p.paymentTermsNumber, p.paymentTermsType]), [[1, 'net'], [2, 'invoiceMonth'], [3, 'paidInCash'], [7, 'dueDate']]);
    assert.equal((await client.getLayout(20)).layoutNumber, 20);
    assert.deepEqual((await client.listLayouts()).items.map((l) => l.layoutNumber), [19, 20, 21]);
    assert.equal((await client.getVatZone(4)).name, 'Domestic exempt VAT');
    assert.deepEqual((await client.listVatZones()).items.map((z) => z.name), ['Domestic', 'EU', 'Abroad', 'Domestic exempt VAT']);
    assert.equal((await client.getUnit(1)).name, 'stk.');
    assert.equal((await client.listUnits()).items.length, 3);
    assert.equal((await client.getProductGroup(2)).name, 'Varer u/moms');
    assert.equal((await client.listProductGroups()).items.length, 4);
  });

  it('follows nextPage until it is absent', async () => {
    const zones = await client.listAll((o) => client.listVatZones(o), { pageSize: 1 });
    assert.deepEqual(zones.map((z) => z.vatZoneNumber), [1, 2, 3, 4]);
    const log = (await requests()).filter((r) => r.path === '/vat-zones');
    assert.deepEqual(log.map((r) => r.query), [0, 1, 2, 3].map((n) => ({ skippages: String(n), pagesize: '1' })));
  });

  it('creates, reads, lists and replaces customers', async () => {
    const created = await client.createCustomer({ name: 'Ny Kunde ApS', currency: 'DKK', customerGroup: { customerGroupNumber: 1 }, vatZone: { vatZoneNumber: 1 }, paymentTerms: { paymentTermsNumber: 1 }, email: 'ny@kunde.example' }, 'cust-1');
    assert.equal(created.fromCache, false);
    assert.equal(created.value.customerNumber, 3);
    assert.equal((await client.getCustomer(3)).email, 'ny@kunde.example');
    const found = await client.listCustomers({ filter: eq('email', 'NY@kunde.example') });
    assert.deepEqual(found.items.map((c) => c.customerNumber), [3]);
    const replaced = await client.replaceCustomer(3, { name: 'Ny Kunde A/S', currency: 'DKK', customerGroup: { customerGroupNumber: 1 }, vatZone: { vatZoneNumber: 1 }, paymentTerms: { paymentTermsNumber: 2 } }, 'cust-2');
    assert.equal(replaced.value.name, 'Ny Kunde A/S');
    assert.equal(replaced.value.email, undefined);
  });

  it('escapes product numbers in paths', async () => {
    const number = 'Awe Prod_Disc5% x';
    const created = await client.createProduct({ productNumber: number, name: 'Awesome', productGroup: { productGroupNumber: 1 }, salesPrice: 99.95 }, 'prod-1');
    assert.equal(created.value.productNumber, number);
    assert.equal((await client.getProduct(number)).salesPrice, 99.95);
    const replaced = await client.replaceProduct(number, { productNumber: number, name: 'Awesome 2', productGroup: { productGroupNumber: 1 } }, 'prod-2');
    assert.equal(replaced.value.name, 'Awesome 2');
    assert.ok((await client.listProducts()).items.some((p) => p.productNumber === number));
    const paths = (await requests()).filter((r) => r.path.startsWith('/products/')).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, ['GET /products/Awe_9_Prod_8_Disc5_3__9_x', 'PUT /products/Awe_9_Prod_8_Disc5_3__9_x']);
  });

  it('runs an order from draft to sent to a booked invoice, and finds it by reference in every state', async () => {
    const draft = (await client.createDraftOrder(order('SHOP-1001'), 'o-1')).value;
    assert.equal(draft.orderNumber, 1);
    assert.deepEqual((await client.findOrdersByReference('SHOP-1001')).map((m) => [m.state, m.order.orderNumber]), [['drafts', 1]]);
    const replaced = await client.replaceDraftOrder(1, order('SHOP-1001', { lines: [{ product: { productNumber: 'TSHIRT-M' }, description: 'T-shirt, medium', quantity: 3, unitNetPrice: 100 }] }), 'o-2');
    assert.equal(replaced.value.netAmount, 300);
    assert.deepEqual((await client.listOrders('drafts', { filter: eq('references.other', 'SHOP-1001') })).items.map((o) => o.orderNumber), [1]);
    const full = await client.getOrder('drafts', 1);
    const sent = await client.registerOrderAsSent(1, order('SHOP-1001', { lines: full.lines?.map((l) => ({ product: { productNumber: l.product?.productNumber ?? '' }, description: l.description ?? '', quantity: l.quantity ?? 0, unitNetPrice: l.unitNetPrice ?? 0 })) ?? [] }), 'o-3');
    assert.equal(sent.value.grossAmount, 375);
    assert.deepEqual((await client.listOrders('sent')).items.map((o) => o.orderNumber), [1]);
    assert.deepEqual((await client.findOrdersByReference('SHOP-1001')).map((m) => m.state), ['sent']);

    const template = await client.getUpgradeInstructions(1, 'sent');
    assert.equal(template.draftInvoice.references?.other, 'SHOP-1001');
    const invoice = (await client.createDraftInvoice(template.draftInvoice, 'i-1')).value;
    assert.equal((await client.getOrder('archived', 1)).orderNumber, 1);
    assert.deepEqual((await client.findOrdersByReference('SHOP-1001')).map((m) => m.state), ['archived']);
    assert.deepEqual((await client.listDraftInvoices({ filter: eq('references.other', 'SHOP-1001') })).items.map((d) => d.draftInvoiceNumber), [invoice.draftInvoiceNumber]);

    const booked = await client.bookInvoice({ draftInvoiceNumber: invoice.draftInvoiceNumber, sendBy: 'Email' }, 'b-1');
    assert.deepEqual([booked.value.bookedInvoiceNumber, booked.value.orderNumber, booked.value.grossAmount, booked.value.remainder], [1, 1, 375, 375]);
    assert.equal(booked.value.pdf?.download, `${baseUrl}/economic/invoices/booked/1/pdf`);
    assert.equal((await client.getBookedInvoice(1)).remainder, 375);
    assert.deepEqual((await client.listBookedInvoices({ filter: eq('references.other', 'SHOP-1001') })).items.map((b) => b.bookedInvoiceNumber), [1]);
    await assert.rejects(client.getDraftInvoice(invoice.draftInvoiceNumber), NotFoundError);
  });

  it('creates, reads, replaces and deletes draft invoices', async () => {
    const created = (await client.createDraftInvoice(order('INV-1'), 'd-1')).value;
    assert.equal((await client.getDraftInvoice(created.draftInvoiceNumber)).references?.other, 'INV-1');
    const replaced = await client.replaceDraftInvoice(created.draftInvoiceNumber, order('INV-1b'), 'd-2');
    assert.equal(replaced.value.references?.other, 'INV-1b');
    const deleted = await client.deleteDraftInvoice(created.draftInvoiceNumber, 'd-3');
    assert.equal(deleted.fromCache, false);
    assert.deepEqual((await client.listDraftInvoices()).items, []);
  });

  it('deletes a draft order once; a second delete with a new key is a NotFoundError', async () => {
    await client.createDraftOrder(order('DEL-1'), 'o-1');
    assert.deepEqual(await client.deleteDraftOrder(1, 'del-1'), { value: undefined, fromCache: false });
    assert.deepEqual(await client.deleteDraftOrder(1, 'del-1'), { value: undefined, fromCache: true });
    await assert.rejects(client.deleteDraftOrder(1, 'del-2'), NotFoundError);
  });

  it('lists journals and creates a customer payment voucher', async () => {
    const journals = await client.listJournals();
    const payments = journals.items.find((j) => j.settings?.entryTypeRestrictedTo === 'customerPayment');
    assert.equal(payments?.settings?.contraAccounts?.customerPayments?.accountNumber, 5820);
    const invoice = (await client.createDraftInvoice(order('PAY-1'), 'd-1')).value;
    await client.bookInvoice({ draftInvoiceNumber: invoice.draftInvoiceNumber }, 'b-1');
    const result = await client.createCustomerPaymentVoucher(2, { accountingYear: '2026', entries: [{ customer: { customerNumber: 1 }, customerInvoice: 1, amount: -250, date: '2026-03-05', text: 'PAY-1' }] }, 'v-1');
    assert.equal(result.value.length, 1);
    assert.equal(result.value[0]?.voucherNumber, 50001);
    assert.equal(result.value[0]?.entries.customerPayments?.[0]?.customerInvoice, 1);
    assert.equal((await client.getBookedInvoice(1)).remainder, 250);
  });
});

describe('EconomicClient error mapping', () => {
  it('turns a 400 validation body into a RejectedRequestError with field issues', async () => {
    const bad = order('BAD-1', { lines: [{ product: { productNumber: 'TSHIRT-M' }, description: 'x', quantity: 1, unitNetPrice: 10.005 }] });
    const err = await client.createDraftOrder(bad, 'bad-1').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof RejectedRequestError);
    assert.deepEqual(err.issues, [{ path: 'lines[0].unitNetPrice', message: "Property 'unitNetPrice' may have at most 2 decimals.", code: 'E04740' }]);
  });

  it('maps 404 to NotFoundError and bad tokens to AuthError', async () => {
    await assert.rejects(client.getOrder('drafts', 999), NotFoundError);
    const wrong = new EconomicClient({ baseUrl: `${baseUrl}/economic`, appSecretToken: 'nope', agreementGrantToken: 'nope' });
    await assert.rejects(wrong.getSelf(), (e: unknown) => e instanceof AuthError && /Unauthorized/.test(e.message) && !e.message.includes('nope'));
  });

  it('maps a 429 with Retry-After to RateLimitedError with the wait', async () => {
    await control('POST', '/_sandbox/faults', { system: 'economic', kind: 'rate-limit', match: { method: 'GET', path: '^/self$' }, retryAfterSeconds: 7 });
    await assert.rejects(client.getSelf(), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 7000);
  });

  it('maps the per-token rate limit to RateLimitedError', async () => {
    await control('PUT', '/_sandbox/rate-limits/economic', { limit: 1, windowMs: 60_000 });
    try {
      await client.getSelf();
      await assert.rejects(client.getSelf(), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs !== undefined && e.retryAfterMs > 0);
    } finally {
      await control('PUT', '/_sandbox/rate-limits/economic', { limit: 1000, windowMs: 60_000 });
    }
  });

  it('maps a 5xx to UpstreamUnavailableError', async () => {
    await control('POST', '/_sandbox/faults', { system: 'economic', kind: 'status', status: 503, match: { path: '^/customers/1$' } });
    await assert.rejects(client.getCustomer(1), (e: unknown) => e instanceof UpstreamUnavailableError && e.retryable);
  });

  it('recovers a dropped create through the idempotency key: one document, replayed from cache', async () => {
    await control('POST', '/_sandbox/faults', { system: 'economic', kind: 'drop', match: { method: 'POST', path: '^/orders/drafts$' } });
    await assert.rejects(client.createDraftOrder(order('DROP-1'), 'order:conn:77:create'), UpstreamUnavailableError);
    const retried = await client.createDraftOrder(order('DROP-1'), 'order:conn:77:create');
    assert.equal(retried.fromCache, true);
    assert.equal(retried.value.orderNumber, 1);
    assert.equal(retried.value.references?.other, 'DROP-1');
    const state = (await control('GET', '/_sandbox/economic/state')) as { orders: unknown[] };
    assert.deepEqual(state.orders, [{ orderNumber: 1, state: 'drafts', references: { other: 'DROP-1' } }]);
    const posts = (await requests()).filter((r) => r.method === 'POST').map((r) => [r.path, r.status, r.idempotencyKey]);
    assert.deepEqual(posts, [['/orders/drafts', 'dropped', 'order:conn:77:create'], ['/orders/drafts', 201, 'order:conn:77:create']]);
    assert.deepEqual(((await control('GET', '/_sandbox/faults')) as { pending: unknown[] }).pending, []);
  });
});
