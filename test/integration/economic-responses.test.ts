import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { createSandbox } from '../../src/sandbox/server';
import { economicOrderBody } from '../helpers/economic';
import { economicContractSettings } from '../helpers/economic-contract';

/**
 * The simulator's answers carry every field of e-conomic's recorded real responses
 * (traels-it/economic-rest `test/fixtures/json/`, in `../shared/fixtures/economic/responses`)
 * with the same JSON type, recursively. Each recorded response is reproduced by the request that
 * produced it, on a resource made to hold the same optional fields.
 */
const RESPONSES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'economic', 'responses');
const skip = existsSync(RESPONSES) ? false : 'shared fixtures absent: ../shared/fixtures/economic/responses is not checked out next to the repo';

type Json = Record<string, unknown>;

/**
 * Recorded fields that are not the simulator's to add: the data of the recorded account (a
 * collection of documents made with contacts, projects, sales people, …) or typos in the fixture.
 */
const IGNORED: Record<string, string[]> = {
  // 28 draft invoices of a real account, with references to its contacts, employees and projects.
  'invoices_0.json': ['$.collection[].recipient.', '$.collection[].deliveryLocation', '$.collection[].delivery', '$.collection[].notes', '$.collection[].references.', '$.collection[].project'],
  // The fixture's keys are misspelt ("nam e", "unitNumber ") and one `self` is not a URL.
  'units.json': ['$.collection[].nam e', '$.collection[].unitNumber ', '$.collection[].self: string'],
};

/** `path: type` for every leaf and container; array elements merge under `[]`. Strings carry their format. */
export function shapeOf(value: unknown, path = '$', into = new Set<string>()): Set<string> {
  if (value === null) return into; // a null says nothing about the type; absent and null both pass
  if (Array.isArray(value)) {
    into.add(`${path}: array`);
    for (const element of value) shapeOf(element, `${path}[]`, into);
  } else if (typeof value === 'object') {
    into.add(`${path}: object`);
    for (const [key, child] of Object.entries(value)) shapeOf(child, `${path}.${key}`, into);
  } else if (typeof value === 'string') {
    into.add(`${path}: ${stringFormat(value)}`);
  } else {
    into.add(`${path}: ${typeof value}`);
  }
  return into;
}

function stringFormat(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'string(date)';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(value)) return 'string(date-time)';
  if (/^https?:\/\//.test(value)) return 'string(uri)';
  return 'string';
}

/** What the recorded response has that the simulator's lacks (or has with another type). */
function missing(recorded: unknown, simulated: unknown): string[] {
  const have = shapeOf(simulated);
  return [...shapeOf(recorded)].filter((entry) => !have.has(entry));
}

function recorded(file: string): unknown {
  return JSON.parse(readFileSync(join(RESPONSES, file), 'utf8'));
}

describe('e-conomic simulator responses carry every field of the recorded real ones, with the same types', { skip }, () => {
  const sandbox = createSandbox({ economic: economicContractSettings(), rateLimits: { economic: { limit: 0, windowMs: 1000 } } });
  let base = '';
  const headers = { 'X-AppSecretToken': SANDBOX_CREDENTIALS.economic.appSecretToken, 'X-AgreementGrantToken': SANDBOX_CREDENTIALS.economic.agreementGrantToken, 'Content-Type': 'application/json' };
  async function api(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await fetch(`${base}/economic${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json = (await res.json()) as Json;
    if (res.status >= 400 && !path.includes('999999')) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }
  const customerBody = (extra: Json = {}): Json => ({ name: 'Horsens Kommune', currency: 'DKK', customerGroup: { customerGroupNumber: 1 }, paymentTerms: { paymentTermsNumber: 1 }, vatZone: { vatZoneNumber: 1 }, ...extra });
  const fullCustomer = customerBody({ layout: { layoutNumber: 20 }, country: 'Danmark', email: 'faktura@horsens.example', barred: true, address: 'High road 32', city: 'Horsens', zip: '8700', telephoneAndFaxNumber: '7629 2929' });
  /** A document holding the optional fields the recorded ones have: a full recipient, a line with a departmental distribution. */
  const order = (other: string, extra: Json = {}): Json => {
    const body = economicOrderBody(other);
    return {
      ...body,
      recipient: { ...body.recipient, address: 'street', zip: '110058', city: 'Delhi', country: 'India', nemHandelType: 'ean', cvr: '12345678' },
      lines: body.lines.map((l) => ({ ...l, departmentalDistribution: { departmentalDistributionNumber: 1, distributionType: 'department' } })),
      ...extra,
    };
  };
  async function withInventoryModule<T>(read: () => Promise<T>): Promise<T> {
    await fetch(`${base}/_sandbox/economic/agreement`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ inventoryModule: true }) });
    try {
      return await read();
    } finally {
      await fetch(`${base}/_sandbox/economic/agreement`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ inventoryModule: false }) });
    }
  }
  async function sentOrder(other: string, extra: Json = {}): Promise<number> {
    const draft = await api('POST', '/orders/drafts', order(other, extra));
    await api('POST', '/orders/sent', { ...draft });
    return draft.orderNumber as number;
  }
  async function invoiceFromSentOrder(other: string): Promise<number> {
    const n = await sentOrder(other);
    const template = await api('GET', `/orders/sent/${n}/templates/upgrade-instructions/draftInvoice`);
    return (await api('POST', '/invoices/drafts', template.draftInvoice)).draftInvoiceNumber as number;
  }

  const cases: [file: string, produce: () => Promise<unknown>][] = [
    ['self.json', () => api('GET', '/self')],
    ['404.json', () => api('GET', '/customers/999999')],
    ['create_customer.json', () => api('POST', '/customers', customerBody())],
    ['customer.json', async () => api('GET', `/customers/${(await api('POST', '/customers', fullCustomer)).customerNumber as number}`)],
    ['update_customer.json', async () => {
      const created = await api('POST', '/customers', customerBody());
      return api('PUT', `/customers/${created.customerNumber as number}`, { ...customerBody(), name: 'A new name', customerNumber: created.customerNumber });
    }],
    // The recorded agreement has the inventory module (self.json): products carry `inventory`.
    ['product.json', async () => {
      await api('POST', '/products', { productNumber: '01CF8D2E-A6A6-4', name: 'fudge', costPrice: 0, recommendedPrice: 0, salesPrice: 0, barred: true, productGroup: { productGroupNumber: 1 }, unit: { unitNumber: 3 } });
      return withInventoryModule(() => api('GET', '/products/01CF8D2E-A6A6-4'));
    }],
    ['products_0.json', async () => {
      await api('POST', '/products', { productNumber: 'SCAN-1', name: 'Scanner', salesPrice: 10, description: 'Håndscanner', barCode: '5701234000017', productGroup: { productGroupNumber: 1 }, departmentalDistribution: { departmentalDistributionNumber: 1, distributionType: 'department' } });
      return withInventoryModule(() => api('GET', '/products'));
    }],
    ['orders_drafts_one.json', async () => api('GET', `/orders/drafts/${(await api('POST', '/orders/drafts', order('one'))).orderNumber as number}`)],
    ['orders_drafts_one_97.json', async () => api('GET', `/orders/drafts/${(await api('POST', '/orders/drafts', order('97', { delivery: { address: 'Peter\nCookievej 7', zip: '8000', city: 'Aarhus C', country: 'Danmark' } }))).orderNumber as number}`)],
    ['orders_drafts.json', () => api('GET', '/orders/drafts')],
    ['orders_sent_one.json', async () => api('GET', `/orders/sent/${await sentOrder('sent')}`)],
    ['orders_sent.json', () => api('GET', '/orders/sent')],
    ['orders_archived_one.json', async () => {
      const n = await sentOrder('archived');
      const template = await api('GET', `/orders/sent/${n}/templates/upgrade-instructions/draftInvoice`);
      await api('POST', '/invoices/drafts', template.draftInvoice);
      return api('GET', `/orders/archived/${n}`);
    }],
    ['orders_archived.json', () => api('GET', '/orders/archived')],
    ['create_draft_invoice.json', () => api('POST', '/invoices/drafts', order('draft'))],
    ['invoice.json', async () => api('GET', `/invoices/drafts/${(await api('POST', '/invoices/drafts', order('draft-get'))).draftInvoiceNumber as number}`)],
    ['invoices_0.json', () => api('GET', '/invoices/drafts')],
    ['invoice_book.json', async () => {
      const draft = await api('POST', '/invoices/drafts', order('book', { delivery: { address: 'Vej 1', zip: '8000', city: 'Aarhus C', country: 'Danmark', deliveryDate: '2026-03-04' } }));
      return api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: draft.draftInvoiceNumber } });
    }],
    ['invoice_book_with_number.json', async () => {
      const draft = await api('POST', '/invoices/drafts', order('book-number'));
      return api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: draft.draftInvoiceNumber }, bookWithNumber: 5000 });
    }],
    ['create_booked_invoice.json', async () => api('POST', '/invoices/booked', { draftInvoice: { draftInvoiceNumber: await invoiceFromSentOrder('booked') } })],
    ['vat_zones.json', () => api('GET', '/vat-zones')],
    ['payment_terms.json', () => api('GET', '/payment-terms')],
    ['layouts.json', () => api('GET', '/layouts')],
    ['product_groups.json', () => api('GET', '/product-groups')],
    ['units.json', () => api('GET', '/units')],
    ['journals_0.json', () => api('GET', '/journals')],
  ];

  before(async () => {
    base = await sandbox.listen(0);
  });
  after(async () => {
    await sandbox.close();
  });

  for (const [file, produce] of cases) {
    it(file, async () => {
      const ignored = IGNORED[file] ?? [];
      const lacking = missing(recorded(file), await produce()).filter((entry) => !ignored.some((prefix) => entry.startsWith(prefix)));
      assert.deepEqual(lacking, [], `fields of ${file} the simulator's answer lacks or types differently`);
    });
  }
});

describe('shapeOf', () => {
  it('tells a missing field, a changed type and a changed string format apart from extra fields', () => {
    const real = { a: 1, b: { c: 'x', d: '2019-01-22T16:03:55Z' }, lines: [{ q: 1 }, { q: 2, unit: { n: 1 } }], gone: null };
    assert.deepEqual(missing(real, { a: 1, b: { c: 'y', d: '2026-01-01T00:00:00Z' }, lines: [{ q: 1, unit: { n: 3 } }], extra: true }), []);
    assert.deepEqual(missing(real, { a: '1', b: { d: '2026-01-01' }, lines: [{ q: 1 }] }), ['$.a: number', '$.b.c: string', '$.b.d: string(date-time)', '$.lines[].unit: object', '$.lines[].unit.n: number']);
  });
});
