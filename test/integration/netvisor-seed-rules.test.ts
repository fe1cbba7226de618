import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { RejectedRequestError } from '../../src/connectors/http';
import { NetvisorClient, NetvisorRejectedError, type SalesDocumentInput } from '../../src/connectors/netvisor';
import { useNetvisorSandbox } from '../helpers/netvisor';

const { config, control } = useNetvisorSandbox();
let client: NetvisorClient;

async function documentNumbers(): Promise<string[]> {
  const state = (await control('GET', '/_sandbox/netvisor/state')) as { documents: { number: string }[] };
  return state.documents.map((d) => d.number);
}

const line = { productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY' as const, quantity: 1 };
const doc = (overrides: Partial<SalesDocumentInput> = {}): SalesDocumentInput => ({
  number: '1001',
  date: '2026-03-01',
  amount: 0,
  status: 'open',
  customerCode: '1001',
  paymentTermNetDays: 14,
  lines: [line],
  ...overrides,
});

/** Expects a non-retryable rejection with this category and text, and that nothing new was stored. */
async function expectRejected(promise: Promise<unknown>, category: string, text: RegExp): Promise<void> {
  const before = await documentNumbers();
  const err = await promise.catch((e: unknown) => e);
  assert.ok(err instanceof NetvisorRejectedError, `expected NetvisorRejectedError, got ${String(err)}`);
  assert.ok(err instanceof RejectedRequestError);
  assert.equal(err.retryable, false);
  assert.equal(err.category, category);
  assert.match(err.netvisorMessage, text);
  assert.deepEqual(await documentNumbers(), before);
}

// In beforeEach: a top-level `before` here may run before the helper's has set the sandbox URL.
beforeEach(() => {
  client ??= new NetvisorClient(config());
});

describe('Netvisor seed rules through the connector', () => {
  it('refuses an invoice without a payment term with INVALID_DATA', async () => {
    const { paymentTermNetDays: _omit, ...withoutTerm } = doc();
    await expectRejected(client.addInvoice(withoutTerm), 'INVALID_DATA', /Payment term is missing/);
  });

  it("accepts the customer's default term only when the customer has one", async () => {
    const { paymentTermNetDays: _omit, ...withoutTerm } = doc();
    await expectRejected(client.addInvoice({ ...withoutTerm, customerCode: '1002', paymentTerm: 'customerdefault' }), 'INVALID_DATA', /Payment term is missing/);
    const key = await client.addInvoice({ ...withoutTerm, paymentTerm: 'customerdefault' });
    assert.equal((await client.getInvoice(key)).paymentTermNetDays, 14);
  });

  it('refuses a VAT percentage Netvisor does not have for the code', async () => {
    await expectRejected(client.addInvoice(doc({ lines: [{ ...line, vatPercentage: 24 }] })), 'INVALID_DATA', /VAT percentage '24' does not exist for VAT code KOMY/);
    await control('PUT', '/_sandbox/netvisor/vat-codes', { codes: { KOMY: [25.5, 24, 14, 10, 0] } });
    assert.ok(await client.addInvoice(doc({ lines: [{ ...line, vatPercentage: 24 }] })));
  });

  it('refuses a product default VAT percentage that exists under no code', async () => {
    const product = { code: 'P-9', group: 'G', name: 'Vero', unitPrice: 1, unitPriceType: 'net' as const, isActive: true, isSalesProduct: true, defaultVatPercentage: 22 };
    await expectRejected(client.addProduct(product), 'INVALID_DATA', /VAT percentage '22' does not exist/);
  });

  it('refuses special characters in product names on products and invoice lines, from a configurable list', async () => {
    const product = { code: 'P-9', group: 'G', name: 'Hylly 80/120', unitPrice: 1, unitPriceType: 'net' as const, isActive: true, isSalesProduct: true };
    await expectRejected(client.addProduct(product), 'INVALID_DATA', /not allowed: \//);
    await expectRejected(client.addInvoice(doc({ lines: [{ ...line, productName: 'Hylly & teline #2' }] })), 'INVALID_DATA', /not allowed: & #/);
    await control('PUT', '/_sandbox/netvisor/product-name-characters', { characters: ['#'] });
    assert.ok(await client.addProduct(product));
  });

  it('refuses a date in a locked accounting period, a VAT-locked period and one without a fiscal year with PERIOD_LOCK', async () => {
    await expectRejected(client.addInvoice(doc({ date: '2025-11-30' })), 'PERIOD_LOCK', /accounting period is locked up to 2025-12-31/);
    await control('PUT', '/_sandbox/netvisor/periods', { accountingLockDate: null, vatLockDate: '2026-03-31' });
    await expectRejected(client.addInvoice(doc()), 'PERIOD_LOCK', /VAT period is locked up to 2026-03-31/);
    await expectRejected(client.addInvoice(doc({ date: '2028-01-10' })), 'PERIOD_LOCK', /No fiscal year has been established for 2028-01-10/);
  });

  it('refuses a number below the largest used one as a number series overlap', async () => {
    await control('PUT', '/_sandbox/netvisor/numbers', { invoice: 5000 });
    await expectRejected(client.addInvoice(doc({ number: '4999' })), 'INVALID_DATA', /overlaps the number series: the largest used number is 5000/);
    await expectRejected(client.addOrder(doc({ number: '12', status: 'undelivered' })), 'INVALID_DATA', /largest used number is 500/);
  });

  it('refuses a number that already exists with DUPLICATE_DATA', async () => {
    await expectRejected(client.addInvoice(doc({ number: '1000' })), 'DUPLICATE_DATA', /number 1000 already exists/);
    await client.addInvoice(doc({ number: '1001' }));
    await expectRejected(client.addInvoice(doc({ number: '1001' })), 'DUPLICATE_DATA', /number 1001 already exists/);
  });

  it('refuses an unknown customer and an unknown product', async () => {
    await expectRejected(client.addInvoice(doc({ customerCode: '9999' })), 'INVALID_DATA', /Customer not found.*'9999'/);
    await expectRejected(client.addInvoice(doc({ lines: [{ ...line, productCode: 'NOPE' }] })), 'INVALID_DATA', /Product not found .*'NOPE'/);
  });

  it('refuses a second customer with the same customer code with DUPLICATE_DATA', async () => {
    await expectRejected(client.addCustomer({ code: '1001', name: 'Toinen Oy' }), 'DUPLICATE_DATA', /customer code 1001 already exists/);
  });

  it('assigns the next number when none is sent, above the largest used', async () => {
    const { number: _omit, ...withoutNumber } = doc();
    const key = await client.addInvoice(withoutNumber);
    assert.equal((await client.getInvoice(key)).number, '1001');
  });
});
