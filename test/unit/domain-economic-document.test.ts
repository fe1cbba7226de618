import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RackbeatCustomer, RackbeatOrder } from '../../src/connectors/rackbeat/types';
import { DEFAULT_ECONOMIC_MAPPING, documentRevision, mapSalesDocument, PreflightRequiredError } from '../../src/domain/economic';

const customer: RackbeatCustomer = {
  number: 3,
  name: 'Berlin Bikes GmbH',
  contact_email: 'einkauf@berlinbikes.de',
  company_vat: 'DE123456789',
  ean: null,
  currency: 'EUR',
  vat_zone: 'eu',
  payment_terms_id: 3,
  payment_terms: { number: 3, name: 'Løbende måned + 30 dage' },
  address_street: 'Torstraße 1',
  address_street2: null,
  address_zipcode: '10119',
  address_city: 'Berlin',
  address_country: 'DE',
};

function order(overrides: Partial<RackbeatOrder> = {}): RackbeatOrder {
  return {
    number: 1042,
    customer,
    currency: 'EUR',
    heading: 'Webshop order #5001',
    deliver_at: '2026-06-03 00:00:00',
    vat_zone: 'eu',
    payment_terms: { number: 3, name: 'Løbende måned + 30 dage' },
    billing_address: { name: 'Berlin Bikes GmbH', street: 'Postfach 12', street2: 'Buchhaltung', zipcode: '10117', city: 'Berlin', country: 'DE' },
    delivery_address: { name: 'Lager Nord', street: 'Hafenweg 4', street2: null, zipcode: '13351', city: 'Berlin', country: 'DE' },
    lines: [
      { id: 1, child_type: 'product', item: { number: 'CHAIR-01', name: 'Kontorstol Basic' }, name: 'Kontorstol Basic', quantity: 2, line_price: 799, discount_percentage: 0 },
      { id: 2, child_type: 'product', item: { number: 'DESK/120', name: 'Hævesænkebord 120 cm' }, name: 'Hævesænkebord, hvid', quantity: 1, line_price: 2499.5, discount_percentage: 12.5 },
    ],
    is_booked: true,
    is_cancelled: false,
    is_shipped: false,
    ...overrides,
  };
}

const mapping = { ...DEFAULT_ECONOMIC_MAPPING, paymentTermsMap: { '3': 2 } };
const input = { connectionId: 'acme', date: '2026-06-01', mapping };

describe('mapSalesDocument', () => {
  it('sends dueDate, the date plus the days of credit, only when the mapped payment term is of type dueDate', () => {
    const dueDateTerm = [{ paymentTermsNumber: 2, paymentTermsType: 'dueDate', daysOfCredit: 45 }];
    assert.equal(mapSalesDocument(order(), { ...input, paymentTerms: dueDateTerm }).dueDate, '2026-07-16');
    assert.equal(mapSalesDocument(order(), { ...input, paymentTerms: [{ paymentTermsNumber: 2, paymentTermsType: 'dueDate' }] }).dueDate, '2026-06-01');
    assert.equal('dueDate' in mapSalesDocument(order(), { ...input, paymentTerms: [{ paymentTermsNumber: 2, paymentTermsType: 'net', daysOfCredit: 8 }] }), false);
    assert.equal('dueDate' in mapSalesDocument(order(), { ...input, paymentTerms: [{ paymentTermsNumber: 7, paymentTermsType: 'dueDate', daysOfCredit: 8 }] }), false);
  });

  it('maps a booked Rackbeat order to the whole e-conomic document body', () => {
    assert.deepEqual(mapSalesDocument(order(), input), {
      date: '2026-06-01',
      currency: 'EUR',
      customer: { customerNumber: 3 },
      layout: { layoutNumber: 19 },
      paymentTerms: { paymentTermsNumber: 2 },
      recipient: { name: 'Berlin Bikes GmbH', address: 'Postfach 12\nBuchhaltung', zip: '10117', city: 'Berlin', country: 'DE', vatZone: { vatZoneNumber: 2 } },
      delivery: { address: 'Lager Nord\nHafenweg 4', zip: '13351', city: 'Berlin', country: 'DE', deliveryDate: '2026-06-03' },
      notes: { heading: 'Webshop order #5001' },
      references: { other: 'rackbeat:acme:order:1042' },
      lines: [
        { lineNumber: 1, sortKey: 1, product: { productNumber: 'CHAIR-01' }, description: 'Kontorstol Basic', quantity: 2, unitNetPrice: 799 },
        { lineNumber: 2, sortKey: 2, product: { productNumber: 'DESK/120' }, description: 'Hævesænkebord, hvid', quantity: 1, unitNetPrice: 2499.5, discountPercentage: 12.5 },
      ],
    });
  });

  const fallbacks: { name: string; order: RackbeatOrder; pick: (doc: ReturnType<typeof mapSalesDocument>) => unknown; expected: unknown }[] = [
    {
      name: 'takes recipient name and address from the customer when the order has no billing address',
      order: order({ billing_address: null }),
      pick: (doc) => doc.recipient,
      expected: { name: 'Berlin Bikes GmbH', address: 'Torstraße 1', zip: '10119', city: 'Berlin', country: 'DE', vatZone: { vatZoneNumber: 2 } },
    },
    {
      name: 'keeps the billing name but takes the whole address from the customer when the billing address has only a name',
      order: order({ billing_address: { name: 'Einkauf Berlin Bikes', street: '', street2: null, zipcode: null, city: null, country: null } }),
      pick: (doc) => doc.recipient,
      expected: { name: 'Einkauf Berlin Bikes', address: 'Torstraße 1', zip: '10119', city: 'Berlin', country: 'DE', vatZone: { vatZoneNumber: 2 } },
    },
    {
      name: "uses the customer's payment terms, mapped, when the order has none",
      order: order({ payment_terms: null, customer: { ...customer, payment_terms: null, payment_terms_id: 1 } }),
      pick: (doc) => doc.paymentTerms,
      expected: { paymentTermsNumber: 1 },
    },
    {
      name: "uses the customer's VAT zone when the order has none",
      order: order({ vat_zone: '', customer: { ...customer, vat_zone: 'abroad' } }),
      pick: (doc) => doc.recipient.vatZone,
      expected: { vatZoneNumber: 3 },
    },
    {
      name: "describes an unnamed line with its product's name",
      order: order({ lines: [{ id: 1, child_type: 'product', item: { number: 'LAMP-RED', name: 'Bordlampe rød' }, name: ' ', quantity: 1, line_price: 249 }] }),
      pick: (doc) => doc.lines?.[0]?.description,
      expected: 'Bordlampe rød',
    },
    {
      name: 'leaves out the delivery block when the order has neither a delivery address nor a date',
      order: order({ delivery_address: null, deliver_at: null }),
      pick: (doc) => doc.delivery,
      expected: undefined,
    },
    {
      name: 'leaves out the notes when the order has no heading',
      order: order({ heading: null }),
      pick: (doc) => doc.notes,
      expected: undefined,
    },
    {
      name: 'puts the EAN on the recipient for EAN invoicing',
      order: order({ customer: { ...customer, ean: '5798000363007' } }),
      pick: (doc) => doc.recipient.ean,
      expected: '5798000363007',
    },
  ];
  for (const c of fallbacks) {
    it(c.name, () => assert.deepEqual(c.pick(mapSalesDocument(c.order, input)), c.expected));
  }

  it('uses the customer read from Rackbeat over the one embedded in the order', () => {
    const fresh = { ...customer, number: 3, address_street: 'Neue Straße 9' };
    const doc = mapSalesDocument(order({ billing_address: null }), { ...input, customer: fresh });
    assert.equal(doc.recipient.address, 'Neue Straße 9');
  });

  it('never sends a fixed shop discount as a percentage with more than 2 decimals; lines stay numbered in order', () => {
    const lines = [
      { id: 1, child_type: 'product', item: { number: 'CHAIR-01', name: 'Kontorstol Basic' }, name: 'Kontorstol Basic', quantity: 3, line_price: 10, discount_percentage: 3.333333 },
      { id: 2, child_type: 'product', item: { number: 'DESK/120', name: 'Hævesænkebord' }, name: 'Hævesænkebord', quantity: 3, line_price: 99, discount_percentage: 3.367003, vat_percentage: 25 },
    ];
    const doc = mapSalesDocument(order({ lines }), input);
    assert.deepEqual(
      doc.lines?.map((l) => [l.lineNumber, l.sortKey, l.product && 'productNumber' in l.product ? l.product.productNumber : undefined, l.quantity, l.unitNetPrice, l.discountPercentage]),
      [
        [1, 1, 'CHAIR-01', 3, 10, 3.33],
        [2, 2, 'DESK/120', 2, 95.68, undefined],
        [3, 3, 'DESK/120', 1, 95.64, undefined],
      ],
    );
  });

  it('refuses an order without a customer instead of inventing one', () => {
    assert.throws(() => mapSalesDocument(order({ customer: null }), input), PreflightRequiredError);
  });
});

describe('documentRevision', () => {
  it('is a short versioned hash', () => {
    assert.match(documentRevision(order()), /^r1-[0-9a-f]{16}$/);
  });

  it('stays equal when only state flags (shipped), timestamps, totals or blank-versus-null fields change', () => {
    const changed = order({ is_shipped: true, updated_at: '2026-06-02T10:00:00Z', total_total: 1, note: 'internal', heading: 'Webshop order #5001', their_reference: 'x' });
    assert.equal(documentRevision(changed), documentRevision(order()));
    assert.equal(documentRevision(order({ heading: '' })), documentRevision(order({ heading: null })));
  });

  const line = order().lines[0]!;
  const changes: [string, RackbeatOrder][] = [
    ['a line quantity', order({ lines: [{ ...line, quantity: 3 }, order().lines[1]!] })],
    ['a line price', order({ lines: [{ ...line, line_price: 800 }, order().lines[1]!] })],
    ['a line discount', order({ lines: [{ ...line, discount_percentage: 5 }, order().lines[1]!] })],
    ['a line name', order({ lines: [{ ...line, name: 'Stol' }, order().lines[1]!] })],
    ['the line order', order({ lines: [order().lines[1]!, line] })],
    ['a removed line', order({ lines: [line] })],
    ['the heading', order({ heading: 'Webshop order #5002' })],
    ['the currency', order({ currency: 'DKK' })],
    ['the payment terms', order({ payment_terms: { number: 1, name: 'Netto 8 dage' } })],
    ['the VAT zone', order({ vat_zone: 'abroad' })],
    ['the billing address', order({ billing_address: { ...order().billing_address, city: 'Potsdam' } })],
    ['the delivery address', order({ delivery_address: { ...order().delivery_address, zipcode: '13353' } })],
    ['the delivery date', order({ deliver_at: '2026-06-04' })],
    ["the customer's address", order({ customer: { ...customer, address_city: 'Hamburg' } })],
    ['the customer', order({ customer: { ...customer, number: 4 } })],
  ];
  for (const [what, changed] of changes) {
    it(`changes when ${what} changes`, () => assert.notEqual(documentRevision(changed), documentRevision(order())));
  }
});
