import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RackbeatCustomer, RackbeatOrder, RackbeatOrderLine, RackbeatProduct } from '../../src/connectors/rackbeat/types';
import { DEFAULT_ECONOMIC_MAPPING, type EconomicCatalog, type HoldReason, INVENTORY_MODULE_NOTE, preflightOrder, type PreflightOrderInput } from '../../src/domain/economic';

const customer: RackbeatCustomer = {
  number: 1,
  name: 'Nordisk Cykel ApS',
  contact_email: 'indkob@nordiskcykel.dk',
  company_vat: 'DK12345678',
  currency: 'DKK',
  vat_zone: 'domestic',
  payment_terms_id: 1,
  payment_terms: { number: 1, name: 'Netto 8 dage' },
  address_street: 'Vesterbrogade 10',
  address_zipcode: '1620',
  address_city: 'København V',
  address_country: 'DK',
};
const kontantKunde: RackbeatCustomer = { ...customer, number: 4, name: 'Kontant Kunde', payment_terms_id: null, payment_terms: null };

const product = (number: string, name: string, sales_price: number, group = 1): RackbeatProduct => ({
  number, name, sales_price, stock_quantity: 10, in_order_quantity: 0, available_quantity: 10, group_id: group, group: { number: group, name: 'Varer' },
});
const products = [product('CHAIR-01', 'Kontorstol Basic', 799), product('DESK/120', 'Hævesænkebord 120 cm', 2499.5)];
const line = (number: string, overrides: Partial<RackbeatOrderLine> = {}): RackbeatOrderLine => ({
  id: 1, child_type: 'product', item: { number }, name: number === 'CHAIR-01' ? 'Kontorstol Basic' : 'Hævesænkebord 120 cm', quantity: 1, line_price: 2499.5, ...overrides,
});
const order: RackbeatOrder = {
  number: 1042, customer, currency: 'DKK', heading: 'Webshop order #5001', payment_terms: null, vat_zone: 'domestic',
  lines: [line('CHAIR-01', { quantity: 2, line_price: 799 }), line('DESK/120', { discount_percentage: 10 })],
  is_booked: true, is_cancelled: false, is_shipped: false,
};
const catalog: EconomicCatalog = {
  hasInventoryModule: false, layoutNumbers: [19, 20, 21], paymentTermsNumbers: [1, 2, 3, 7], vatZoneNumbers: [1, 2, 3, 4], productGroupNumbers: [1, 2, 3, 4], currencies: ['DKK', 'EUR'],
};
const base: PreflightOrderInput = { order, customer, products, catalog, mapping: DEFAULT_ECONOMIC_MAPPING, documentType: 'order', sendBy: 'none' };
const run = (patch: Partial<PreflightOrderInput>) => preflightOrder({ ...base, ...patch });
const withOrder = (patch: Partial<RackbeatOrder>) => ({ order: { ...order, ...patch } });
const withLine = (patch: Partial<RackbeatOrderLine>) => withOrder({ lines: [line('DESK/120', patch)] });
const long = (n: number) => 'x'.repeat(n);

describe('preflightOrder passes', () => {
  it('a complete order as the order it was asked for, with no notes', () => {
    assert.deepEqual(run({}), { ok: true, documentType: 'order', notes: [] });
  });

  it('an order for a customer without payment terms when the order carries its own', () => {
    assert.equal(run({ customer: kontantKunde, ...withOrder({ customer: kontantKunde, payment_terms: { number: 2, name: 'Netto 14 dage' } }) }).ok, true);
  });

  it('amounts with two decimals (2499.5, 0.25) and texts exactly at their limits', () => {
    assert.equal(run(withOrder({ heading: long(250), lines: [line('DESK/120', { quantity: 0.25, line_price: 2499.5, discount_percentage: 12.75 })] })).ok, true);
  });

  it('sending by EAN to a customer with a 13-digit EAN', () => {
    assert.equal(run({ sendBy: 'ean', customer: { ...customer, ean: '5798000363007' } }).ok, true);
  });
});

describe('preflightOrder with e-conomic inventory module', () => {
  it('turns an order into a draft invoice and says why', () => {
    assert.deepEqual(run({ catalog: { ...catalog, hasInventoryModule: true } }), { ok: true, documentType: 'invoice', notes: [INVENTORY_MODULE_NOTE] });
  });

  it('leaves invoice mode as it is, without a note', () => {
    assert.deepEqual(run({ documentType: 'invoice', catalog: { ...catalog, hasInventoryModule: true } }), { ok: true, documentType: 'invoice', notes: [] });
  });
});

describe('preflightOrder holds', () => {
  const cases: [string, Partial<PreflightOrderInput>, HoldReason][] = [
    ['an order without a customer', withOrder({ customer: null }), { code: 'CUSTOMER_MISSING', message: 'Set a customer on order 1042 in Rackbeat.' }],
    ['an order without lines', withOrder({ lines: [] }), { code: 'ORDER_HAS_NO_LINES', message: 'Add at least one line to order 1042 in Rackbeat.' }],
    ['a customer without payment terms on an order without them', { customer: kontantKunde, ...withOrder({ customer: kontantKunde }) },
      { code: 'CUSTOMER_PAYMENT_TERMS_MISSING', message: 'Set payment terms on customer 4 (Kontant Kunde) in Rackbeat.' }],
    ['payment terms that map to none in e-conomic', { mapping: { ...DEFAULT_ECONOMIC_MAPPING, paymentTermsMap: { '1': 14 } } },
      { code: 'PAYMENT_TERMS_UNMAPPED', message: "Map Rackbeat payment terms 1 (Netto 8 dage) to existing e-conomic payment terms in the connection's economic.paymentTermsMap, because e-conomic has no payment terms 14." }],
    ['a layout e-conomic does not have', { mapping: { ...DEFAULT_ECONOMIC_MAPPING, layoutNumber: 99 } },
      { code: 'LAYOUT_NOT_FOUND', message: "Set the connection's economic.layoutNumber to a layout that exists in e-conomic, because e-conomic has no layout 99." }],
    ['an order VAT zone Rackbeat does not define', withOrder({ vat_zone: 'mars' }),
      { code: 'VAT_ZONE_UNKNOWN', message: "Set the VAT zone of order 1042 in Rackbeat to domestic, eu or abroad instead of 'mars'." }],
    ['no VAT zone on order or customer', { customer: { ...customer, vat_zone: '' }, ...withOrder({ vat_zone: '' }) },
      { code: 'VAT_ZONE_UNKNOWN', message: 'Set a VAT zone (domestic, eu or abroad) on customer 1 (Nordisk Cykel ApS) in Rackbeat.' }],
    ['a VAT zone mapped to none in e-conomic', { mapping: { ...DEFAULT_ECONOMIC_MAPPING, vatZoneMap: { domestic: 9, eu: 2, abroad: 3 } } },
      { code: 'VAT_ZONE_UNKNOWN', message: 'Set economic.vatZoneMap.domestic in the connection to a VAT zone that exists in e-conomic, because e-conomic has no VAT zone 9.' }],
    ['a currency the agreement lacks', withOrder({ currency: 'XBT' }),
      { code: 'CURRENCY_UNKNOWN', message: "Change currency 'XBT' of order 1042 in Rackbeat to one the e-conomic agreement has." }],
    ['a customer without a currency', { customer: { ...customer, currency: '' } },
      { code: 'CURRENCY_UNKNOWN', message: 'Set a currency on customer 1 (Nordisk Cykel ApS) in Rackbeat.' }],
    ['a product number over 25 characters', withOrder({ lines: [line('ERGONOMIC-CHAIR-DELUXE-BLK')] }),
      { code: 'PRODUCT_NUMBER_TOO_LONG', message: "Shorten product number 'ERGONOMIC-CHAIR-DELUXE-BLK' in Rackbeat to at most 25 characters, e-conomic's limit (it has 26)." }],
    ['a line whose product Rackbeat no longer has', withOrder({ lines: [line('LAMP-RED')] }),
      { code: 'PRODUCT_NOT_FOUND', message: "Restore product 'LAMP-RED' in Rackbeat or remove it from order 1042, because Rackbeat no longer has it." }],
    ['a product without a group', { products: [{ ...product('DESK/120', 'Bord', 1), group: null, group_id: null }], ...withLine({}) },
      { code: 'PRODUCT_GROUP_UNMAPPED', message: "Put product 'DESK/120' in a product group in Rackbeat." }],
    ['a product group mapped to none in e-conomic', { mapping: { ...DEFAULT_ECONOMIC_MAPPING, productGroupMap: { '1': 9 } } },
      { code: 'PRODUCT_GROUP_UNMAPPED', message: "Map Rackbeat product group 1 (Varer) of product 'CHAIR-01' to an existing e-conomic product group in the connection's economic.productGroupMap, because e-conomic has no product group 9." }],
    ['a quantity with three decimals', withLine({ quantity: 1.125 }),
      { code: 'AMOUNT_PRECISION', message: 'Round the quantity of line 1 (DESK/120) on order 1042 in Rackbeat to 2 decimals, the most e-conomic accepts (it is 1.125).' }],
    ['a delivery date that is not a date', withOrder({ deliver_at: 'asap' }),
      { code: 'DELIVERY_DATE_INVALID', message: "Set a valid delivery date on order 1042 in Rackbeat instead of 'asap'." }],
    ['a heading over 250 characters', withOrder({ heading: long(251) }),
      { code: 'TEXT_TOO_LONG', message: "Shorten the heading of order 1042 in Rackbeat to at most 250 characters, e-conomic's limit (it has 251)." }],
    ['a billing city over 250 characters', withOrder({ billing_address: { name: 'Nordisk Cykel', city: long(251) } }),
      { code: 'TEXT_TOO_LONG', message: "Shorten the city of the billing address of order 1042 in Rackbeat to at most 250 characters, e-conomic's limit (it has 251)." }],
    ['a delivery city over 50 characters', withOrder({ delivery_address: { city: long(51) } }),
      { code: 'TEXT_TOO_LONG', message: "Shorten the city of the delivery address of order 1042 in Rackbeat to at most 50 characters, e-conomic's limit (it has 51)." }],
    ['a line name over 2500 characters', withLine({ name: long(2501) }),
      { code: 'TEXT_TOO_LONG', message: "Shorten the name of line 1 (DESK/120) on order 1042 in Rackbeat to at most 2500 characters, e-conomic's limit (it has 2501)." }],
    ['a customer name over 255 characters', { customer: { ...customer, name: long(256) } },
      { code: 'TEXT_TOO_LONG', message: `Shorten the name of customer 1 (${long(256)}) in Rackbeat to at most 255 characters, e-conomic's limit (it has 256).` }],
    ['a product name over 300 characters', { products: [product('CHAIR-01', long(301), 799), products[1]!] },
      { code: 'TEXT_TOO_LONG', message: "Shorten the name of product 'CHAIR-01' in Rackbeat to at most 300 characters, e-conomic's limit (it has 301)." }],
    ['sending by e-mail to a customer without an e-mail address', { sendBy: 'email', customer: { ...customer, contact_email: null } },
      { code: 'SEND_BY_PREREQUISITE', message: 'Add an e-mail address to customer 1 (Nordisk Cykel ApS) in Rackbeat, which e-conomic needs to e-mail the invoice.' }],
    ['sending by EAN to a customer with a 12-digit EAN', { sendBy: 'ean', customer: { ...customer, ean: '579800036300' } },
      { code: 'SEND_BY_PREREQUISITE', message: 'Set a 13-digit EAN on customer 1 (Nordisk Cykel ApS) in Rackbeat, which e-conomic needs to send the invoice by EAN.' }],
  ];
  for (const [what, patch, hold] of cases) {
    it(what, () => assert.deepEqual(run(patch), { ok: false, hold }));
  }
});
