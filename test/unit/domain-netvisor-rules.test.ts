import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountingPeriodState } from '../../src/connectors/netvisor';
import {
  checkDocumentPeriod,
  checkNumberSeries,
  checkPaymentTerm,
  checkProductName,
  checkVatPercentages,
  DEFAULT_REJECTED_NAME_CHARACTERS,
  NETVISOR_HOLD_CODES,
  netvisorHolds,
  rejectedCharactersIn,
} from '../../src/domain/netvisor';

const kontant = { number: 4, name: 'Kontant Kunde', payment_terms: null, payment_terms_id: null };
const withTerms = { number: 1, name: 'Nordisk Cykel ApS', payment_terms_id: 1 };
const PAYMENT_SUFFIX = 'in Rackbeat, because Netvisor refuses orders and invoices without a payment term.';

describe('Netvisor seed rule: payment term', () => {
  const cases = [
    { name: 'a customer without payment terms is held', customer: kontant, document: undefined, expected: { code: 'PAYMENT_TERM_MISSING', message: `Set payment terms on customer 4 (Kontant Kunde) ${PAYMENT_SUFFIX}` } },
    { name: 'a customer with payment_terms_id passes', customer: withTerms, document: undefined, expected: undefined },
    { name: 'a customer with a payment_terms object passes', customer: { number: 2, payment_terms: { number: 2 } }, document: undefined, expected: undefined },
    { name: 'a document of a customer without terms and without its own terms is held', customer: kontant, document: { kind: 'invoice' as const, number: 5001, payment_terms: null }, expected: { code: 'PAYMENT_TERM_MISSING', message: `Set payment terms on invoice 5001 or on its customer 4 (Kontant Kunde) ${PAYMENT_SUFFIX}` } },
    { name: "a document's own terms win over the customer's missing ones", customer: kontant, document: { kind: 'order' as const, number: 1001, payment_terms: { number: 3 } }, expected: undefined },
    { name: "a document without terms falls back to the customer's", customer: withTerms, document: { kind: 'order' as const, number: 1002 }, expected: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(checkPaymentTerm(c.customer, c.document), c.expected));
});

describe('Netvisor seed rule: VAT percentages', () => {
  const table = [
    { percentages: [25.5, 14, 10, 0] },
    { percentages: [0] },
  ];
  test('percentages Netvisor has pass, whichever VAT code carries them', () => {
    assert.equal(checkVatPercentages([25.5, 0, 14, 10], table, 'product group 1 (Varer)'), undefined);
  });
  test('the old general rate 24 is held and names the rates Netvisor has', () => {
    assert.deepEqual(checkVatPercentages([24, 0], table, 'product group 1 (Varer)'), {
      code: 'VAT_PERCENTAGE_UNKNOWN',
      message: "Change the VAT percentage 24 % of product group 1 (Varer) in Rackbeat to rates Netvisor has (25.5, 14, 10, 0), or add it to Netvisor's VAT table.",
    });
  });
  test('several missing percentages are listed once each, lowest first', () => {
    assert.deepEqual(checkVatPercentages([25, 12, 25], [{ percentages: [0] }], 'product group 9 (Import)'), {
      code: 'VAT_PERCENTAGE_UNKNOWN',
      message: "Change the VAT percentages 12 %, 25 % of product group 9 (Import) in Rackbeat to a rate Netvisor has (0), or add them to Netvisor's VAT table.",
    });
  });
  test('an empty Netvisor VAT table holds every percentage', () => {
    assert.equal(checkVatPercentages([0], [], 'line 1 of invoice 5001')?.message, "Change the VAT percentage 0 % of line 1 of invoice 5001 in Rackbeat to rates Netvisor has (none), or add it to Netvisor's VAT table.");
  });
});

describe('Netvisor seed rule: product name characters', () => {
  test('the default list is / * & #', () => assert.deepEqual(DEFAULT_REJECTED_NAME_CHARACTERS, ['/', '*', '&', '#']));
  const cases = [
    { name: 'Hylly 120 cm', list: undefined, found: [] },
    { name: 'Skrue 4/40', list: undefined, found: ['/'] },
    { name: 'Salt & Pepper #2 *new*', list: undefined, found: ['*', '&', '#'] },
    { name: 'Kabel <5m>', list: undefined, found: [] },
    { name: 'Kabel <5m>', list: ['<', '>'], found: ['<', '>'] },
    { name: 'Skrue 4/40', list: ['<'], found: [] },
  ];
  for (const c of cases) {
    test(`'${c.name}' with ${c.list ? `the list ${c.list.join('')}` : 'the default list'} has ${c.found.length ? c.found.join(' ') : 'no rejected characters'}`, () => {
      assert.deepEqual(rejectedCharactersIn(c.name, c.list), c.found);
      assert.equal(checkProductName('SKU-1', c.name, c.list)?.code, c.found.length ? 'PRODUCT_NAME_CHARACTERS' : undefined);
    });
  }
  test('the message names the characters, the product and the system to fix', () => {
    assert.deepEqual(checkProductName('DESK/120', 'Bord 120/80', ['/', '#']), {
      code: 'PRODUCT_NAME_CHARACTERS',
      message: "Remove '/' from the name 'Bord 120/80' of product 'DESK/120' in Rackbeat, because Netvisor rejects that character in product names.",
    });
    assert.equal(checkProductName('X', 'A & B #1')?.message, "Remove '&', '#' from the name 'A & B #1' of product 'X' in Rackbeat, because Netvisor rejects those characters in product names.");
  });
});

describe('Netvisor seed rule: accounting period', () => {
  const state: AccountingPeriodState = {
    accountingLockDate: '2026-03-31',
    vatLockDate: '2026-05-31',
    fiscalYears: [{ netvisorKey: '1', name: '2026', begin: '2026-01-01', end: '2026-12-31' }],
  };
  const cases = [
    { date: '2026-06-01', expected: undefined },
    { date: '2026-03-31', expected: { code: 'PERIOD_CLOSED', message: 'Open the accounting period of 2026-03-31 in Netvisor (bookkeeping is locked up to 2026-03-31) so invoice 5001 can be imported.' } },
    { date: '2026-05-31', expected: { code: 'VAT_LOCKED', message: 'Lift the VAT lock in Netvisor (VAT is locked up to 2026-05-31) or date invoice 5001 later in Rackbeat, because Netvisor imports nothing dated 2026-05-31 into a locked VAT period.' } },
    { date: '2027-01-01', expected: { code: 'FISCAL_YEAR_MISSING', message: 'Establish a fiscal year covering 2027-01-01 in Netvisor so invoice 5001 can be imported.' } },
  ];
  for (const c of cases) {
    test(`a document dated ${c.date} is ${c.expected ? `held as ${c.expected.code}` : 'accepted'}`, () => assert.deepEqual(checkDocumentPeriod(state, c.date, 'invoice 5001'), c.expected));
  }
});

describe('Netvisor seed rule: number series', () => {
  const cases = [
    { next: 1001, largest: 1000, kind: 'invoice' as const, held: false },
    { next: 1000, largest: 1000, kind: 'invoice' as const, held: true },
    { next: 1, largest: 0, kind: 'order' as const, held: false },
    { next: 501, largest: 9000, kind: 'order' as const, held: true },
  ];
  for (const c of cases) {
    test(`Rackbeat's next ${c.kind} ${c.next} against Netvisor's largest ${c.largest} ${c.held ? 'overlaps' : 'does not overlap'}`, () => {
      assert.deepEqual(checkNumberSeries(c.next, c.largest, c.kind), c.held ? netvisorHolds.numberSeriesOverlap(c.kind, c.next, c.largest) : undefined);
    });
  }
  test('the overlap message says where to move the series', () => {
    assert.deepEqual(checkNumberSeries(5002, 9000, 'invoice'), {
      code: 'NUMBER_SERIES_OVERLAP',
      message: "Set Rackbeat's invoice number series to continue above 9000, Netvisor's largest invoice number, because invoice 5002 and later would overlap and Netvisor refuses them.",
    });
  });
});

describe('Netvisor hold catalogue', () => {
  test('every message is one sentence naming Rackbeat or Netvisor and uses a catalogued code', () => {
    const holds = [
      netvisorHolds.netvisorAuth('acme-fi', 'AUTHENTICATION_FAILED :: wrong MAC'),
      netvisorHolds.rackbeatAuth('acme-fi', '401 Unauthenticated'),
      netvisorHolds.netvisorUnreachable('https://isvapi.netvisor.fi', 'ECONNREFUSED'),
      netvisorHolds.rackbeatUnreachable('https://app.rackbeat.com/api', 'ETIMEDOUT'),
      netvisorHolds.numberSeriesUnverified('order', 500),
      netvisorHolds.customerDetailsDiffer(1001, [{ field: 'city', rackbeat: 'Turku', netvisor: 'Lappeenranta' }]),
    ];
    for (const hold of holds) {
      assert.ok((NETVISOR_HOLD_CODES as readonly string[]).includes(hold.code), hold.code);
      assert.match(hold.message, /^[A-Z][^\n]*\.$/);
      assert.match(hold.message, /Rackbeat|Netvisor/);
    }
    assert.equal(holds[0]?.message, "Correct the Netvisor customer id and key, partner id and key or organisation id of connection 'acme-fi' in its environment variables, because Netvisor refused them (AUTHENTICATION_FAILED :: wrong MAC).");
    assert.equal(holds[1]?.message, "Replace the Rackbeat API token of connection 'acme-fi' (its apiTokenEnv variable) with a valid one, because Rackbeat refused it (401 Unauthenticated).");
  });
});
