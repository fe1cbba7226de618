import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { NetvisorClient, type SalesDocumentSummary } from '../../src/connectors/netvisor';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { formatPreview } from '../../src/preview/document-preview';
import { previewNetvisorDocument } from '../../src/preview/netvisor-document';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { customerWorkflowId, productWorkflowId } from '../../src/workflows/master-data/contract';
import { netvisorDocumentWorkflowId } from '../../src/workflows/netvisor/contract';
import { type LifecycleHarness, shipOrder, startLifecycleHarness } from '../helpers/lifecycle';
import { netvisorConnection } from '../helpers/netvisor-connection';
import { type LoggedPost, netvisorDtdProblems, skipNetvisorDtd } from '../helpers/netvisor-dtd';
import { eventually } from '../helpers/temporal';
import { transferWatcher } from '../helpers/transfers';

const CONN = 'fi';

describe('Rackbeat → Netvisor transfers (real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  let netvisor: NetvisorClient;
  let url: string;

  const conn = () => h.conn(CONN);
  const nvControl = (method: string, path: string, body?: unknown) => conn().control(method, `/netvisor${path}`, body);
  const watcher = () => transferWatcher(h.temporal.env.client);
  const status = (workflowId: string) => watcher().status(workflowId);
  const waitFor = (workflowId: string, check: (s: TransferStatus) => boolean, what: string) => watcher().waitFor(workflowId, check, what);
  const held = (id: string, code: string) => waitFor(id, (s) => s.stage === 'HELD' && s.heldReason === code, `held with ${code}`);
  const done = (id: string) => waitFor(id, (s) => s.stage === 'DONE', 'done');
  const retry = (id: string) => h.temporal.env.client.workflow.getHandle(id).signal('retry');
  const invoicesIn = async (number: number): Promise<SalesDocumentSummary[]> => (await netvisor.listInvoices({ invoiceNumber: String(number) })).filter((d) => d.number === String(number));
  /** Sales-invoice POSTs since the last reset; with a number, only those carrying that invoice (a transfer of an earlier test may still be finishing). */
  const invoicePosts = async (number?: number): Promise<number> => {
    const { requests } = await conn().control<{ requests: { method: string; path: string; body: unknown }[] }>('GET', '/requests?system=netvisor');
    const carries = (body: unknown) => number === undefined || (typeof body === 'string' && new RegExp(`<salesinvoicenumber>${number}</salesinvoicenumber>`, 'i').test(body));
    return requests.filter((r) => r.method === 'POST' && r.path.startsWith('/salesinvoice.nv') && carries(r.body)).length;
  };

  /** A warehouse user: order, book, ship, invoice and book the invoice in Rackbeat. Returns the invoice number. */
  const bookedInvoice = async (customer: number, lines: { item_id: string; quantity: number }[]): Promise<number> => {
    const rackbeat = conn().rackbeat;
    const order = await rackbeat.createOrder({ customer_id: customer, lines });
    await rackbeat.bookOrder(order.number);
    await shipOrder(rackbeat, order.number);
    const { invoiceId } = await rackbeat.convertToInvoice(order.number, { book: true });
    return invoiceId;
  };
  const invoiceId = (n: number) => netvisorDocumentWorkflowId('invoice', CONN, n);
  /** The merchant credits an invoice in Rackbeat (rackbridge's connector never does). Returns the credit note's number. */
  const creditInRackbeat = async (invoice: number): Promise<number> => {
    const res = await fetch(`${conn().connection.rackbeat.baseUrl}/customer-invoices/${invoice}/create-creditnote`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_CREDENTIALS.rackbeat.apiToken}`, Accept: 'application/json' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as { customer_invoice: { number: number } }).customer_invoice.number;
  };

  before(async () => {
    h = await startLifecycleHarness([{ id: CONN, customise: netvisorConnection({ propagateDeletions: true }) }]);
    url = conn().connection.netvisor!.baseUrl;
    netvisor = new NetvisorClient({ baseUrl: url, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5000 });
  });
  after(() => h.close());
  /** Every Netvisor POST the real flows sent, kept across the resets for the DTD check at the end. */
  const sentPosts: LoggedPost[] = [];
  const collectPosts = async () => {
    const { requests } = await conn().control<{ requests: { method: string; path: string; body: unknown }[] }>('GET', '/requests?system=netvisor&method=POST');
    sentPosts.push(...requests.map((r) => ({ path: r.path, body: r.body })));
  };
  beforeEach(async () => {
    await collectPosts();
    await conn().control('POST', '/reset', { system: 'netvisor' });
    await conn().control('POST', '/seed', { system: 'netvisor' });
  });

  test('a booked Rackbeat invoice reaches Netvisor once, correct to the cent, with its customer and product', async () => {
    const number = await bookedInvoice(5, [{ item_id: 'HYLLY-80', quantity: 3 }]);
    const rbInvoice = await conn().rackbeat.getCustomerInvoice(number);
    const status = await done(invoiceId(number));
    assert.deepEqual(status.targetRefs, [`netvisor:invoice:${number}`]);

    const [summary] = await invoicesIn(number);
    assert.ok(summary, 'the invoice is in Netvisor');
    assert.equal(summary.sum, rbInvoice.total_total);
    assert.equal(summary.sum, 187.87, '3 × 49.90 net + 25.5 % VAT');
    assert.equal(summary.customerCode, '5');
    const sent = await netvisor.getInvoice(summary.netvisorKey);
    assert.deepEqual(
      sent.lines.map((l) => [l.productCode, l.productName, l.unitPrice, l.vatPercentage, l.quantity]),
      [['HYLLY-80', 'Hylly 80 cm', 49.9, 25.5, 3]],
    );
    assert.equal(sent.paymentTermNetDays, 14, "the customer's Rackbeat terms (Netto 14 dage)");
    const customers = await netvisor.listCustomers({ codes: ['5'] });
    assert.deepEqual(customers.map((c) => [c.code, c.name, c.businessId]), [['5', 'Oy Pohjola Kaluste Ab', '2652453-8']]);
    assert.equal((await netvisor.getProductByCode('HYLLY-80')).unitPrice, 49.9);

    // The same delivery again, after the transfer finished, starts a new run that finds the invoice.
    await h.temporal.env.client.workflow.signalWithStart('netvisorInvoice', {
      workflowId: invoiceId(number),
      taskQueue: 'rackbridge',
      args: [{ connectionId: CONN, number, settings: conn().connection.netvisor!.settings }],
      signal: 'entityEvent',
      signalArgs: [{ deliveryId: 'redelivered', event: 'customer_invoice.booked', receivedAt: new Date().toISOString() }],
    });
    await waitFor(invoiceId(number), (s) => s.stage === 'DONE' && s.steps.some((st) => /already in Netvisor/.test(st.detail ?? '')), 'found the earlier invoice');
    assert.equal((await invoicesIn(number)).length, 1);
  });

  for (const shape of ['negative-quantities', 'negative-prices'] as const) {
    test(`a Rackbeat credit note (${shape}) becomes exactly one unmatched Netvisor credit note, found by the poll, to the cent`, async () => {
      await conn().control('PUT', '/rackbeat/settings', { creditNoteAmounts: shape });
      try {
        const number = await bookedInvoice(5, [{ item_id: 'HYLLY-80', quantity: 2 }, { item_id: 'BOOK-DK', quantity: 2 }]);
        await done(invoiceId(number));
        const rbInvoice = await conn().rackbeat.getCustomerInvoice(number);
        assert.equal(rbInvoice.total_total, 225.25, '2 × 49.90 + 25.5 % VAT, 2 × 50.00 at 0 %');

        // No credit-note event is attested: the poller lists it among /customer-invoices.
        const credit = await creditInRackbeat(number);
        const status = await done(invoiceId(credit));
        const detail = status.steps.map((s) => s.detail ?? '').join(' | ');
        assert.match(detail, new RegExp(`sent credit note ${credit} to Netvisor \\(key \\d+, -225\\.25 EUR\\)`), detail);
        assert.match(detail, new RegExp(`Netvisor does not match credit note ${credit} to an invoice .*: match it in Netvisor by hand`), detail);

        const [summary] = await invoicesIn(credit);
        assert.ok(summary, 'the credit note is in Netvisor');
        assert.equal(summary.sum, -rbInvoice.total_total, "minus the credited invoice's total, to the cent");
        assert.equal(summary.customerCode, '5');
        const sent = await netvisor.getInvoice(summary.netvisorKey);
        assert.equal(sent.amount, -225.25);
        assert.deepEqual(
          sent.lines.map((l) => [l.productCode, l.quantity, l.unitPrice, l.vatPercentage]),
          [['HYLLY-80', -2, 49.9, 25.5], ['BOOK-DK', -2, 50, 0]],
          'quantities negative, unit prices positive (P5)',
        );

        // Another poll and another wake: the lookup by number finds the credit note, nothing more is sent.
        await conn().poll();
        await h.temporal.env.client.workflow.signalWithStart('netvisorInvoice', {
          workflowId: invoiceId(credit),
          taskQueue: 'rackbridge',
          args: [{ connectionId: CONN, number: credit, settings: conn().connection.netvisor!.settings }],
          signal: 'entityEvent',
          signalArgs: [{ deliveryId: `redelivered-${credit}`, event: 'customer_invoice.booked', receivedAt: new Date().toISOString() }],
        });
        await waitFor(invoiceId(credit), (s) => s.stage === 'DONE' && s.steps.some((st) => /credit note \d+ is already in Netvisor.*match it in Netvisor by hand/.test(st.detail ?? '')), 'found the earlier credit note');
        assert.equal((await invoicesIn(credit)).length, 1);
        assert.equal((await invoicesIn(number)).length, 1, 'the credited invoice is untouched');
        assert.equal(await invoicePosts(), 2, 'one invoice, one credit note');

        // `transfers preview` and backfill's dry run name it a credit note: transferred, and (gone from Netvisor) as it would be sent.
        const deps = { connection: conn().connection, rackbeat: conn().rackbeat, netvisor, date: new Date().toISOString().slice(0, 10) };
        const seen = await previewNetvisorDocument(deps, 'invoice', String(credit));
        assert.equal(seen.verdict, 'transferred');
        assert.match(seen.detail, /^already transferred: credit note \d+ is already in Netvisor/);
        await nvControl('DELETE', `/documents/invoice/${credit}`);
        const printed = formatPreview(await previewNetvisorDocument(deps, 'invoice', String(credit)), { documents: true });
        assert.match(printed, new RegExp(`^credit note ${credit} \\(\\d{4}-\\d{2}-\\d{2}\\)  NEW  new: rackbridge would send a Netvisor credit note .*: match it in Netvisor by hand`), printed);
        assert.match(printed, /<salesinvoiceamount iso4217currencycode="EUR">-225,25<\/salesinvoiceamount>/, printed);
        assert.match(printed, /<productunitprice type="net">49,90<\/productunitprice>.*<salesinvoiceproductlinequantity>-2<\/salesinvoiceproductlinequantity>/s, printed);
      } finally {
        await conn().control('PUT', '/rackbeat/settings', { creditNoteAmounts: 'negative-quantities' });
      }
    });
  }

  test('a response lost after Netvisor stored the invoice leaves exactly one invoice', async () => {
    await conn().control('POST', '/faults', { system: 'netvisor', kind: 'drop', match: { method: 'POST', path: '^/salesinvoice\\.nv' }, count: 1 });
    const number = await bookedInvoice(5, [{ item_id: 'HYLLY-80', quantity: 1 }]);
    const status = await done(invoiceId(number));
    assert.ok(status.steps.some((s) => /already in Netvisor/.test(s.detail ?? '')), JSON.stringify(status.steps));
    assert.equal((await invoicesIn(number)).length, 1);
    assert.equal(await invoicePosts(), 1, 'the retry looked the number up instead of sending again');
  });

  test('Netvisor answering DUPLICATE_DATA (its list lagged behind our lost add) leaves exactly one invoice', async () => {
    // The add commits but its answer is lost; the retry's lookup misses the new invoice, so it adds again and gets DUPLICATE_DATA.
    await conn().control('POST', '/faults', { system: 'netvisor', kind: 'drop', match: { method: 'POST', path: '^/salesinvoice\\.nv' }, count: 1 });
    // Both reads before the add (the lookup, then the largest number) miss it.
    await nvControl('PUT', '/list-lag', { count: 2 });
    const number = await bookedInvoice(5, [{ item_id: 'HYLLY-80', quantity: 2 }]);
    const status = await done(invoiceId(number));
    assert.ok(status.steps.some((s) => /already in Netvisor/.test(s.detail ?? '')), JSON.stringify(status.steps));
    assert.equal(await invoicePosts(), 2, 'the second add was answered DUPLICATE_DATA');
    assert.equal((await invoicesIn(number)).length, 1);
  });

  const rules: { code: string; customer: number; lines: { item_id: string; quantity: number }[]; breakIt?: () => Promise<void>; fix: (invoice: number) => Promise<void> }[] = [
    {
      code: 'PAYMENT_TERM_MISSING',
      customer: 4,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      // A change in Rackbeat wakes the held transfer by itself (customer.updated).
      fix: async () => void (await conn().rackbeat.updateCustomer(4, { payment_terms_id: 2 })),
    },
    {
      code: 'VAT_PERCENTAGE_UNKNOWN',
      customer: 5,
      lines: [{ item_id: 'CHAIR-01', quantity: 1 }],
      fix: async (n) => {
        await nvControl('PUT', '/vat-codes', { codes: { KOMY: [25.5, 25, 14, 10, 0], EUMY: [0], EUUM: [0], NONE: [0] } });
        await retry(invoiceId(n));
      },
    },
    {
      code: 'PRODUCT_NAME_CHARACTERS',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 2 }],
      breakIt: async () => void (await conn().rackbeat.updateProduct('HYLLY-80', { name: 'Hylly 80/120 cm' })),
      fix: async () => void (await conn().rackbeat.updateProduct('HYLLY-80', { name: 'Hylly 80 cm' })),
    },
    {
      code: 'PERIOD_CLOSED',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      breakIt: async () => void (await nvControl('PUT', '/periods', { accountingLockDate: '2030-12-31' })),
      fix: async (n) => {
        await nvControl('PUT', '/periods', { accountingLockDate: '2025-12-31' });
        await retry(invoiceId(n));
      },
    },
    {
      code: 'FISCAL_YEAR_MISSING',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      breakIt: async () => void (await nvControl('PUT', '/periods', { fiscalYears: [{ name: '2025', begin: '2025-01-01', end: '2025-12-31' }] })),
      fix: async (n) => {
        const year = new Date().getUTCFullYear();
        await nvControl('PUT', '/periods', { fiscalYears: [{ name: String(year), begin: `${year}-01-01`, end: `${year}-12-31` }] });
        await retry(invoiceId(n));
      },
    },
    {
      code: 'VAT_LOCKED',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      breakIt: async () => void (await nvControl('PUT', '/periods', { vatLockDate: '2030-12-31' })),
      fix: async (n) => {
        await nvControl('PUT', '/periods', { vatLockDate: null });
        await retry(invoiceId(n));
      },
    },
    {
      code: 'NUMBER_SERIES_OVERLAP',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      breakIt: async () => void (await nvControl('PUT', '/numbers', { invoice: 90_000 })),
      fix: async (n) => {
        await nvControl('DELETE', '/documents/invoice/90000');
        await retry(invoiceId(n));
      },
    },
    {
      code: 'CUSTOMER_DETAILS_DIFFER',
      customer: 5,
      lines: [{ item_id: 'HYLLY-80', quantity: 1 }],
      breakIt: async () => void (await netvisor.addCustomer({ code: '5', name: 'Oy Pohjola Kaluste Ab', businessId: '2652453-8', city: 'Oulu', country: 'FI' })),
      // The customer sync sees the same business id and brings Netvisor's card in line; the held invoice wakes on the same change.
      fix: async () => void (await conn().rackbeat.updateCustomer(5, { contact_phone: '+358 40 123 4567' })),
    },
  ];

  for (const rule of rules) {
    test(`${rule.code}: held with nothing sent, then transferred exactly once after the fix`, async () => {
      await rule.breakIt?.();
      const number = await bookedInvoice(rule.customer, rule.lines);
      const status = await held(invoiceId(number), rule.code);
      assert.ok(status.heldMessage && status.heldMessage.length > 20, 'a sentence saying what to fix');
      assert.equal(await invoicePosts(number), 0, 'nothing reached Netvisor');
      await watcher().listedAsHeld(invoiceId(number), conn().connection, 'customer');
      await rule.fix(number);
      await done(invoiceId(number));
      assert.equal((await invoicesIn(number)).length, 1);
      assert.equal(await invoicePosts(number), 1);
    });
  }

  test('customers and products follow Rackbeat; a name Netvisor refuses holds; deletion deactivates', async () => {
    const rackbeat = conn().rackbeat;
    await rackbeat.updateCustomer(5, { address_city: 'Espoo' });
    const card = await eventually(async () => {
      const [summary] = await netvisor.listCustomers({ codes: ['5'] });
      return summary && (await netvisor.getCustomer(summary.netvisorKey));
    }, 'customer 5 to reach Netvisor');
    assert.deepEqual([card.name, card.city, card.businessId], ['Oy Pohjola Kaluste Ab', 'Espoo', '2652453-8']);
    assert.equal((await status(customerWorkflowId(CONN, 5))).stage, 'DONE');

    await rackbeat.createProduct({ number: 'PÖYTÄ-1', name: 'Pöytä & tuoli', group: 4, sales_price: 120 });
    await held(productWorkflowId(CONN, 'PÖYTÄ-1'), 'PRODUCT_NAME_CHARACTERS');
    await rackbeat.updateProduct('PÖYTÄ-1', { name: 'Pöytä ja tuoli' });
    await done(productWorkflowId(CONN, 'PÖYTÄ-1'));
    const product = await netvisor.getProductByCode('PÖYTÄ-1');
    assert.deepEqual([product.name, product.unitPrice, product.isActive, product.group], ['Pöytä ja tuoli', 120, true, 'Tuotteet']);

    // A new customer without orders reaches Netvisor too (no customer webhook is attested: the poller finds it).
    // Its deletion is not propagated: Rackbeat attests no customer.deleted event (docs/connectors/rackbeat.md).
    const leaving = await rackbeat.createCustomer({ customer_group_id: 1, name: 'Lähtevä Oy', payment_terms_id: 2, address_city: 'Oulu', address_country: 'FI' });
    const [summary] = await eventually(async () => {
      const found = await netvisor.listCustomers({ codes: [String(leaving.number)] });
      return found.length ? found : undefined;
    }, 'the new customer in Netvisor');
    assert.equal((await netvisor.getCustomer(summary!.netvisorKey)).isActive, true);

    await rackbeat.deleteProduct('PÖYTÄ-1');
    await waitFor(productWorkflowId(CONN, 'PÖYTÄ-1'), (s) => s.stage === 'DONE' && s.steps.some((st) => /deactivated/.test(st.detail ?? '')), 'deactivated');
    assert.equal((await netvisor.getProductByCode('PÖYTÄ-1')).isActive, false);
  });

  // Runs last: node:test runs a describe's tests in order.
  test('every Netvisor document these flows sent validates against the published DTDs (xmllint)', { skip: skipNetvisorDtd }, async () => {
    await collectPosts();
    const resources = new Set(sentPosts.map((p) => p.path.replace(/^\//, '').split('?')[0]!.toLowerCase()));
    assert.ok(resources.has('salesinvoice.nv') && resources.has('customer.nv') && resources.has('product.nv'), `the flows sent ${[...resources].join(', ')}`);
    assert.deepEqual(netvisorDtdProblems(sentPosts), []);
  });
});
