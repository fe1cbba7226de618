import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BookedInvoice } from '../../src/connectors/economic/types';
import { creditNoteReference, economicSendBy, holdFromEconomicRejection, mapCreditNote, mapCustomerPayment, orderReference } from '../../src/domain/economic';

const booked: BookedInvoice = {
  bookedInvoiceNumber: 20011,
  orderNumber: 148,
  date: '2026-06-05',
  dueDate: '2026-06-13',
  currency: 'DKK',
  exchangeRate: 100,
  netAmount: 3598,
  grossAmount: 4497.5,
  vatAmount: 899.5,
  remainder: 4497.5,
  paymentTerms: { paymentTermsNumber: 1, paymentTermsType: 'net', self: 'https://restapi.e-conomic.com/payment-terms/1' },
  customer: { customerNumber: 1, self: 'https://restapi.e-conomic.com/customers/1' },
  recipient: { name: 'Nordisk Cykel ApS', address: 'Vesterbrogade 10', zip: '1620', city: 'København V', country: 'DK', vatZone: { vatZoneNumber: 1 } },
  layout: { layoutNumber: 19 },
  notes: { heading: 'Webshop order #5001' },
  references: { other: 'rackbeat:acme:order:1042' },
  lines: [
    { lineNumber: 1, sortKey: 1, description: 'Kontorstol Basic', product: { productNumber: 'CHAIR-01' }, unit: { unitNumber: 1 }, quantity: 2, unitNetPrice: 799, discountPercentage: 0, unitCostPrice: 420, totalNetAmount: 1598, vatRate: 25 },
    { lineNumber: 2, sortKey: 2, description: 'Fragt uden produkt', quantity: 0, unitNetPrice: 0 },
    { lineNumber: 3, sortKey: 3, description: 'Hævesænkebord 120 cm', product: { productNumber: 'DESK/120' }, quantity: 0.8, unitNetPrice: 2499.5, discountPercentage: 12.5 },
  ],
  self: 'https://restapi.e-conomic.com/invoices/booked/20011',
};

describe('references', () => {
  it('name the connection and the Rackbeat order, differently for orders and credit notes', () => {
    assert.deepEqual([orderReference('acme', 1042), creditNoteReference('acme', '1042')], ['rackbeat:acme:order:1042', 'rackbeat:acme:credit:1042']);
  });
});

describe('mapCreditNote', () => {
  it('credits a booked invoice with the same parties and every quantity negated', () => {
    assert.deepEqual(mapCreditNote(booked, { connectionId: 'acme', rackbeatOrderNumber: 1042, date: '2026-06-20' }), {
      date: '2026-06-20',
      currency: 'DKK',
      exchangeRate: 100,
      customer: { customerNumber: 1 },
      layout: { layoutNumber: 19 },
      paymentTerms: { paymentTermsNumber: 1 },
      recipient: { name: 'Nordisk Cykel ApS', vatZone: { vatZoneNumber: 1 }, address: 'Vesterbrogade 10', zip: '1620', city: 'København V', country: 'DK' },
      notes: { heading: 'Webshop order #5001', textLine1: 'Credit note for invoice 20011' },
      references: { other: 'rackbeat:acme:credit:1042' },
      lines: [
        { lineNumber: 1, sortKey: 1, description: 'Kontorstol Basic', product: { productNumber: 'CHAIR-01' }, unit: { unitNumber: 1 }, quantity: -2, unitNetPrice: 799, discountPercentage: 0, unitCostPrice: 420 },
        { lineNumber: 2, sortKey: 2, description: 'Fragt uden produkt', quantity: 0, unitNetPrice: 0 },
        { lineNumber: 3, sortKey: 3, description: 'Hævesænkebord 120 cm', product: { productNumber: 'DESK/120' }, quantity: -0.8, unitNetPrice: 2499.5, discountPercentage: 12.5 },
      ],
    });
  });

  it('sets a due date only for payment terms of type dueDate', () => {
    const dueDateTerms = { ...booked, paymentTerms: { paymentTermsNumber: 7, paymentTermsType: 'dueDate' } };
    const input = { connectionId: 'acme', rackbeatOrderNumber: 1042, date: '2026-06-20' };
    assert.equal(mapCreditNote(dueDateTerms, input).dueDate, '2026-06-20');
    assert.equal('dueDate' in mapCreditNote(booked, input), false);
  });

  it('refuses to credit an invoice without lines', () => {
    assert.throws(() => mapCreditNote({ ...booked, lines: [] }, { connectionId: 'acme', rackbeatOrderNumber: 1042, date: '2026-06-20' }), /no lines to credit/);
  });
});

describe('mapCustomerPayment', () => {
  it('credits the customer with the gross amount, linked to the invoice, in the year of the payment date', () => {
    assert.deepEqual(mapCustomerPayment(booked, { date: '2027-01-02', text: 'Shopify payment #5001' }), {
      accountingYear: '2027',
      entries: [{ amount: -4497.5, date: '2027-01-02', customer: { customerNumber: 1 }, customerInvoice: 20011, currency: { code: 'DKK' }, text: 'Shopify payment #5001' }],
    });
  });

  it('books against a given contra account', () => {
    const entry = mapCustomerPayment(booked, { date: '2026-06-06', text: 'x', contraAccountNumber: 5820 }).entries[0];
    assert.deepEqual(entry?.contraAccount, { accountNumber: 5820 });
  });
});

describe('economicSendBy', () => {
  const cases = [['none', undefined], ['email', 'Email'], ['ean', 'EAN']] as const;
  for (const [setting, expected] of cases) {
    it(`sends ${String(expected)} for the setting ${setting}`, () => assert.equal(economicSendBy(setting), expected));
  }
});

describe('holdFromEconomicRejection', () => {
  it('names every failing field with its code', () => {
    const hold = holdFromEconomicRejection({
      step: 'the draft invoice for order 1042',
      message: 'Validation error. (logId abc)',
      issues: [
        { path: 'lines[0].unitNetPrice', message: 'Max 2 decimals.', code: 'E04740' },
        { path: 'recipient.vatZone', message: 'VAT zone not found.', code: 'E06000' },
        { path: 'notes.heading', message: 'Too long' },
      ],
    });
    assert.deepEqual(hold, {
      code: 'ECONOMIC_REJECTED',
      message: "e-conomic rejected the draft invoice for order 1042 because lines[0].unitNetPrice: Max 2 decimals (E04740), recipient.vatZone: VAT zone not found (E06000), notes.heading: Too long; correct this in Rackbeat or in the connection's e-conomic mapping, then send a retry.",
    });
  });

  it("falls back to e-conomic's message when it names no field", () => {
    const hold = holdFromEconomicRejection({ step: 'the order for order 1042', message: 'Customer is barred. (logId 8d79)', issues: [] });
    assert.equal(hold.message, "e-conomic rejected the order for order 1042 because Customer is barred (logId 8d79); correct this in Rackbeat or in the connection's e-conomic mapping, then send a retry.");
  });

  it('names five fields and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: `lines[${i}].quantity`, message: 'Quantity required', code: 'E04730' }));
    const { message } = holdFromEconomicRejection({ step: 'the order', message: 'x', issues });
    assert.match(message, /lines\[4\]\.quantity: Quantity required \(E04730\) and 2 more;/);
    assert.doesNotMatch(message, /lines\[5\]/);
  });
});
