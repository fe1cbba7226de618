import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OrderLineInput, RackbeatClient } from '../../src/connectors/rackbeat';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { draft03ToDraft07 } from '../../src/sandbox/economic/contract';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import { economicOrderBody } from '../helpers/economic';
import { economicSchemasAvailable } from '../helpers/economic-contract';
import { cancelInRackbeat, editBookedLine, type LifecycleHarness, shipOrder, signalWebshopBooked, startLifecycleHarness } from '../helpers/lifecycle';

/**
 * Every e-conomic write rackbridge makes, in every order-lifecycle setting, validated by the
 * simulator's contract mode against e-conomic's published schemas (`../shared/fixtures/economic/schemas`).
 */
const skip = economicSchemasAvailable ? false : 'shared fixtures absent: ../shared/fixtures/economic/schemas is not checked out next to the repo, so there is nothing to check the e-conomic contract against';

/**
 * Endpoints rackbridge writes to for which the fixtures hold no published schema, and the
 * published schema of the same body they are checked against instead (docs/connectors/economic.md).
 */
const WITHOUT_PUBLISHED_SCHEMA = {
  'customers.customerNumber.put.schema.json': 'customers.post.schema.json',
  'products.productNumber.put.schema.json': 'products.post.schema.json',
  'invoices.drafts.draftInvoiceNumber.put.schema.json': 'invoices.drafts.post.schema.json',
  'orders.sent.post.schema.json': 'orders.drafts.orderNumber.put.schema.json',
};

/** Every write endpoint rackbridge uses, by published schema name; the flows below must reach each. */
const WRITE_ENDPOINTS = [
  'customers.post.schema.json',
  'customers.customerNumber.put.schema.json',
  'products.post.schema.json',
  'products.productNumber.put.schema.json',
  'orders.drafts.post.schema.json',
  'orders.drafts.orderNumber.put.schema.json',
  'orders.sent.post.schema.json',
  'invoices.drafts.post.schema.json',
  'invoices.drafts.draftInvoiceNumber.put.schema.json',
  'invoices.booked.post.schema.json',
  'journals.journalNumber.vouchers.post.schema.json',
];

async function newBookedOrder(rackbeat: RackbeatClient, lines: OrderLineInput[] = [{ item_id: 'CHAIR-01', quantity: 2 }], customer = 1): Promise<number> {
  const order = await rackbeat.createOrder({ customer_id: customer, lines });
  await rackbeat.bookOrder(order.number);
  return order.number;
}

describe('e-conomic contract: every write body rackbridge sends validates against the published schema', { skip }, () => {
  let h: LifecycleHarness;
  const ids = ['std', 'direct', 'onbook', 'email', 'ean', 'pay'] as const;

  before(async () => {
    h = await startLifecycleHarness([
      { id: 'std' },
      { id: 'direct', settings: { documentType: 'invoice' } },
      { id: 'onbook', settings: { invoiceWhen: 'booked' } },
      { id: 'email', settings: { sendBy: 'email' } },
      { id: 'ean', settings: { sendBy: 'ean' } },
      { id: 'pay', settings: { registerPayment: { journalNumber: 2 } } },
    ]);
  });
  after(async () => {
    await h?.close();
  });

  test('the order lifecycle in each setting, master-data creates and updates, a credit note and a payment voucher', async () => {
    // documentType order: a draft order, changed before shipping (PUT), invoiced after shipping.
    const std = h.conn('std');
    const a = await newBookedOrder(std.rackbeat, [{ item_id: 'CHAIR-01', quantity: 2 }, { item_id: 'LAMP-RED', quantity: 3, discount_percentage: 3.333333 }]);
    await h.waitFor('std', a, 'WAITING', (s) => s.targetRefs.length > 0);
    await editBookedLine(std.rackbeat, a, (await std.rackbeat.getOrder(a)).lines[0]!.id, { quantity: 5 });
    await h.waitFor('std', a, 'WAITING', (s) => s.steps.some((step) => step.detail?.includes('updated') === true));
    await shipOrder(std.rackbeat, a);
    await h.waitFor('std', a, 'DONE');
    // The customer and a product change in Rackbeat: the next order replaces both in e-conomic.
    await std.rackbeat.updateCustomer(1, { name: 'Nordisk Cykel ApS (ny)' });
    await std.rackbeat.updateProduct('CHAIR-01', { name: 'Kontorstol Basic v2' });
    const b = await newBookedOrder(std.rackbeat);
    await h.waitFor('std', b, 'WAITING', (s) => s.targetRefs.length > 0);
    // Cancelled before invoicing: the draft order is deleted (no body).
    await cancelInRackbeat(std, b);
    await h.waitFor('std', b, 'CANCELLED');
    // A customer e-conomic does not have yet is created.
    const fresh = await std.rackbeat.createCustomer({ name: 'Kontrakt ApS', customer_group_id: 1, contact_email: 'bogholderi@kontrakt.example', payment_terms_id: 1, address_street: 'Vestergade 2', address_zipcode: '8000', address_city: 'Aarhus', address_country: 'DK' });
    const fn = await newBookedOrder(std.rackbeat, [{ item_id: 'LAMP-RED', quantity: 1 }], fresh.number);
    await h.waitFor('std', fn, 'WAITING', (s) => s.targetRefs.length > 0);

    // documentType invoice: a draft invoice, changed before shipping (PUT), booked after.
    const direct = h.conn('direct');
    const c = await newBookedOrder(direct.rackbeat, [{ item_id: 'CHAIR-01', quantity: 3, line_price: 99, discount_percentage: 3.367003 }]);
    await h.waitFor('direct', c, 'WAITING', (s) => s.targetRefs.length > 0);
    await editBookedLine(direct.rackbeat, c, (await direct.rackbeat.getOrder(c)).lines[0]!.id, { quantity: 4 });
    await h.waitFor('direct', c, 'WAITING', (s) => s.steps.some((step) => step.detail?.includes('updated') === true));
    await shipOrder(direct.rackbeat, c);
    await h.waitFor('direct', c, 'DONE');

    // invoiceWhen booked, then cancelled: a booked invoice and a booked credit note.
    const onbook = h.conn('onbook');
    const d = await newBookedOrder(onbook.rackbeat);
    await h.waitFor('onbook', d, 'DONE');
    await cancelInRackbeat(onbook, d);
    await h.waitFor('onbook', d, 'CANCELLED');

    // Booking with sendBy Email and EAN.
    const email = h.conn('email');
    const e = await newBookedOrder(email.rackbeat);
    await shipOrder(email.rackbeat, e);
    await h.waitFor('email', e, 'DONE');
    const ean = h.conn('ean');
    await ean.rackbeat.updateCustomer(2, { ean: '5798000363007' });
    const f = await newBookedOrder(ean.rackbeat, [{ item_id: 'CHAIR-01', quantity: 1 }], 2);
    await shipOrder(ean.rackbeat, f);
    await h.waitFor('ean', f, 'DONE');

    // A webshop payment registered as a customer-payment voucher.
    const pay = h.conn('pay');
    const g = await newBookedOrder(pay.rackbeat);
    await signalWebshopBooked(h, 'pay', g, { source: 'woocommerce', shopOrderId: '727', amountCents: 199_750, currency: 'DKK', gateway: 'Direct bank transfer' });
    await shipOrder(pay.rackbeat, g);
    await h.waitFor('pay', g, 'DONE', (s) => s.steps.some((st) => st.name === 'register payment in e-conomic'));

    const writes: LoggedRequest[] = [];
    for (const id of ids) {
      const { requests } = await h.conn(id).control<{ requests: LoggedRequest[] }>('GET', '/requests?system=economic');
      writes.push(...requests.filter((r) => r.method === 'POST' || r.method === 'PUT'));
    }
    const unchecked = writes.filter((r) => r.contract === undefined).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(unchecked, [], 'every write body went through the contract check');
    const noSchema = writes.filter((r) => r.contract?.schema === null).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(noSchema, [], 'every write endpoint has a published schema or a named stand-in');
    const failed = writes.filter((r) => r.contract?.valid === false).map((r) => `${r.method} ${r.path}: ${r.contract?.errors.join('; ')}`);
    assert.deepEqual(failed, [], 'no write body breaks its schema');
    assert.deepEqual(writes.filter((r) => typeof r.status !== 'number' || r.status >= 300).map((r) => `${r.method} ${r.path} ${String(r.status)}`), []);

    const endpoint = (r: LoggedRequest): string => r.contract?.standInFor ?? r.contract?.schema ?? '';
    assert.deepEqual([...new Set(writes.map(endpoint))].sort(), [...WRITE_ENDPOINTS].sort(), 'the flows reach every write endpoint rackbridge uses');
    const standIns = Object.fromEntries(writes.filter((r) => r.contract?.standInFor).map((r) => [r.contract!.standInFor!, r.contract!.schema]));
    assert.deepEqual(standIns, WITHOUT_PUBLISHED_SCHEMA, 'the endpoints without a published schema, listed explicitly');
  });

  test('contract mode refuses a body that breaks the schema, in e-conomic\'s error shape, naming the schema path', async () => {
    const { sandbox } = h.conn('std');
    const body = economicOrderBody('contract-probe');
    const res = await fetch(`${sandbox.url()}/economic/invoices/drafts`, {
      method: 'POST',
      headers: { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, recipient: { vatZone: { vatZoneNumber: 1 } }, lines: [{ ...body.lines[0], discountPercentage: 2.223 }] }),
    });
    assert.equal(res.status, 400);
    const json = (await res.json()) as { httpStatusCode: number; developerHint: string; errors: { recipient: { name: { errors: { errorCode: string }[] } }; lines: { arrayIndex: number; discountPercentage: { errors: { errorCode: string; developerHint: string }[] } }[] } };
    assert.equal(json.httpStatusCode, 400);
    assert.match(json.developerHint, /invoices\.drafts\.post\.schema\.json#\/properties\/lines\/items\/properties\/discountPercentage\/maxDecimal/);
    assert.equal(json.errors.recipient.name.errors[0]?.errorCode, 'E00100');
    assert.equal(json.errors.lines[0]?.discountPercentage.errors[0]?.errorCode, 'E04740');
    assert.equal(json.errors.lines[0]?.discountPercentage.errors[0]?.developerHint, 'invoices.drafts.post.schema.json#/properties/lines/items/properties/discountPercentage/maxDecimal');
    const { requests } = await h.conn('std').control<{ requests: LoggedRequest[] }>('GET', '/requests?system=economic&method=POST&path=/invoices/drafts');
    assert.equal(requests.at(-1)?.contract?.valid, false);
  });
});

describe('draft-03 to draft-07 conversion', () => {
  test('moves required: true to the parent list, turns boolean exclusiveMinimum into a number, reads maxDecimals', () => {
    const converted = draft03ToDraft07({
      $schema: 'http://json-schema.org/draft-03/schema#',
      type: 'object',
      properties: {
        name: { type: 'string', required: true },
        note: { type: 'string', required: false },
        n: { type: 'integer', minimum: 0, exclusiveMinimum: true },
        rate: { type: 'number', maxDecimals: 6 },
        lines: { type: 'array', items: { type: 'object', properties: { q: { type: 'number', required: true, maxDecimal: 2 } } } },
      },
    });
    assert.deepEqual(converted, {
      type: 'object',
      properties: {
        name: { type: 'string' },
        note: { type: 'string' },
        n: { type: 'integer', exclusiveMinimum: 0 },
        rate: { type: 'number', maxDecimal: 6 },
        lines: { type: 'array', items: { type: 'object', properties: { q: { type: 'number', maxDecimal: 2 } }, required: ['q'] } },
      },
      required: ['name'],
    });
  });
});
