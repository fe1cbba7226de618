import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { customerInvoiceSchema, customerSchema } from '../../src/connectors/rackbeat/schemas';
import {
  creditNoteLine,
  documentLabel,
  grossOfLines,
  invoiceSource,
  isCreditNote,
  isSameDocument,
  mapNetvisorDocument,
  type NetvisorDocumentContext,
  preflightNetvisorDocument,
} from '../../src/domain/netvisor';

const TODAY = '2026-03-02';
const customer = customerSchema.parse({ number: 5, name: 'Oy Pohjola Kaluste Ab', payment_terms: { number: 2, name: 'Netto 14 dage', maturity_days: 14 } });
const shelf = { child_id: 'HYLLY-80', child_type: 'product', name: 'Hylly 80 cm', discount_percentage: 0, vat_percentage: 25.5 };

/** A booked Rackbeat customer invoice as the connector reads it; 3 × 49.90 + 25.5 % VAT = 187.87. */
function invoice(fields: { number?: number; lines?: Record<string, unknown>[]; total_total?: number | undefined }) {
  return customerInvoiceSchema.parse({
    number: fields.number ?? 5001,
    customer: { number: 5, name: 'Oy Pohjola Kaluste Ab' },
    currency: 'EUR',
    heading: null,
    their_reference: null,
    vat_zone: 'domestic',
    payment_terms: { number: 2, name: 'Netto 14 dage', maturity_days: 14 },
    lines: fields.lines ?? [{ ...shelf, quantity: 3, line_price: 49.9 }],
    ...('total_total' in fields ? { total_total: fields.total_total } : { total_total: 187.87 }),
    is_booked: true,
    invoice_date: TODAY,
    due_date: '2026-03-16',
  });
}

const map = (inv: ReturnType<typeof invoice>) => mapNetvisorDocument(invoiceSource(inv, customer, TODAY), { invoiceStatus: 'open' });
const lineSigns = (inv: ReturnType<typeof invoice>) => map(inv).lines.map((l) => [l.productCode, l.quantity, l.unitPrice]);

describe('an ordinary Rackbeat invoice maps to Netvisor exactly as before credit notes', () => {
  test('every field of the sales invoice', () => {
    const doc = invoiceSource(invoice({}), customer, TODAY);
    assert.equal(doc.creditNote, undefined);
    assert.deepEqual(mapNetvisorDocument(doc, { invoiceStatus: 'open' }), {
      number: '5001',
      date: TODAY,
      dueDate: '2026-03-16',
      amount: 187.87,
      currency: 'EUR',
      status: 'open',
      customerCode: '5',
      privateComment: 'rackbridge: Rackbeat invoice 5001',
      paymentTermNetDays: 14,
      lines: [{ productCode: 'HYLLY-80', productName: 'Hylly 80 cm', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY', quantity: 3 }],
    });
  });

  test('a negative-priced line (a discount) on a positive invoice keeps its price, and a missing total stays 0', () => {
    const lines = [{ ...shelf, quantity: 3, line_price: 49.9 }, { ...shelf, child_id: 'ALE', name: 'Alennus', quantity: 1, line_price: -10 }];
    assert.deepEqual(lineSigns(invoice({ lines, total_total: 175.32 })), [['HYLLY-80', 3, 49.9], ['ALE', 1, -10]]);
    const untotalled = map(invoice({ lines, total_total: undefined }));
    assert.equal(untotalled.amount, 0, 'Netvisor computes it from the lines (P11), as before');
    assert.equal(untotalled.privateComment, 'rackbridge: Rackbeat invoice 5001');
  });
});

describe('a Rackbeat credit note becomes a Netvisor credit note (quantity negative, unit price positive, amount negative)', () => {
  const shapes = {
    'negative quantities, positive prices': [{ ...shelf, quantity: -3, line_price: 49.9 }],
    'positive quantities, negative prices': [{ ...shelf, quantity: 3, line_price: -49.9 }],
  };
  for (const [shape, lines] of Object.entries(shapes)) {
    test(`${shape}: the same Netvisor credit note`, () => {
      const inv = invoice({ number: 5002, lines, total_total: -187.87 });
      const doc = invoiceSource(inv, customer, TODAY);
      assert.equal(doc.creditNote, true);
      const body = mapNetvisorDocument(doc, { invoiceStatus: 'open' });
      assert.equal(body.amount, -187.87);
      assert.deepEqual(body.lines.map((l) => [l.productCode, l.quantity, l.unitPrice, l.vatPercentage, l.vatCode]), [['HYLLY-80', -3, 49.9, 25.5, 'KOMY']]);
      assert.equal(body.privateComment, 'rackbridge: Rackbeat credit note 5002');
      assert.equal(documentLabel(doc), 'credit note 5002');
    });
  }

  test('a mix: each line keeps the sign of quantity × price, with the minus on the quantity', () => {
    const lines = [
      { ...shelf, quantity: -3, line_price: 49.9 },
      { ...shelf, child_id: 'TUOLI', name: 'Tuoli', quantity: 2, line_price: -5 },
      { ...shelf, child_id: 'RAHTI', name: 'Rahti', quantity: 1, line_price: 4 },
      { ...shelf, child_id: 'NOLLA', name: 'Nolla', quantity: 1, line_price: 0 },
    ];
    assert.deepEqual(lineSigns(invoice({ number: 5002, lines, total_total: -195.4 })), [
      ['HYLLY-80', -3, 49.9],
      ['TUOLI', -2, 5],
      ['RAHTI', 1, 4],
      ['NOLLA', -1, 0],
    ]);
  });

  test('without a total, lines worth less than nothing make a credit note whose amount is their gross, VAT per line', () => {
    const inv = invoice({ number: 5002, lines: [{ ...shelf, quantity: 3, line_price: -49.9 }], total_total: undefined });
    const body = map(inv);
    assert.equal(body.amount, -187.87);
    assert.deepEqual(body.lines.map((l) => [l.quantity, l.unitPrice]), [[-3, 49.9]]);
    assert.equal(grossOfLines([{ quantity: 3, unitPrice: 49.9, discountPercentage: 0, vatPercentage: 25.5 }]), 187.87);
  });

  test('the total decides when there is one; the lines only without it', () => {
    const negative = [{ quantity: -1, unitPrice: 10, discountPercentage: 0, vatPercentage: 0 }];
    assert.equal(isCreditNote(-0.01, []), true);
    assert.equal(isCreditNote(0, negative), false);
    assert.equal(isCreditNote(12, negative), false);
    assert.equal(isCreditNote(undefined, negative), true);
    assert.equal(isCreditNote(null, [{ ...negative[0]!, quantity: 1 }]), false);
    assert.deepEqual(creditNoteLine({ quantity: 0, unitPrice: -3 }), { quantity: 0, unitPrice: 3 });
  });

  test('holds name the credit note', () => {
    const doc = invoiceSource(invoice({ number: 5002, lines: [{ ...shelf, quantity: -3, line_price: 49.9 }], total_total: -187.87 }), customer, TODAY);
    const nv: NetvisorDocumentContext = {
      vatTable: [{ code: 'KOMY', percentages: [24, 14, 10, 0] }],
      periods: { fiscalYears: [{ netvisorKey: '1', name: '2026', begin: '2026-01-01', end: '2026-12-31' }] },
      largestNumber: 1000,
      rejectedCharacters: [],
      invoiceStatus: 'open',
    };
    assert.match(preflightNetvisorDocument(doc, nv)?.message ?? '', /credit note 5002 \(VAT code KOMY\)/);
  });
});

describe('isSameDocument with negative sums (the lookup by number after a lost answer)', () => {
  const doc = { customer: { number: 5, name: 'x' }, total: -187.87 };
  test('the same credit note is recognised, to the cent', () => {
    assert.equal(isSameDocument({ customerCode: '5', sum: -187.87 }, doc), true);
    assert.equal(isSameDocument({ customerCode: '5', sum: -187.88 }, doc), false);
    assert.equal(isSameDocument({ customerCode: '5', sum: 187.87 }, doc), false, 'the credited invoice is not its credit note');
    assert.equal(isSameDocument({ customerCode: '6', sum: -187.87 }, doc), false);
  });
});
