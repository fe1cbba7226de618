import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  customerLookup,
  decideShopOrder,
  fromShopify,
  fromWooCommerce,
  newRackbeatCustomer,
  parseWebshopSettings,
  type ShopOrder,
  vatZoneFor,
} from '../../src/domain/webshop';

function shopify(extra: Record<string, unknown> = {}): ShopOrder {
  return fromShopify({
    id: '820982911946154508', name: '#1001', created_at: '2026-11-20T10:15:00+01:00', currency: 'DKK', taxes_included: true,
    financial_status: 'paid', email: 'Kunde@Example.dk', customer: { id: '77', first_name: 'Karen', last_name: 'Jensen', phone: '+4512345678' },
    billing_address: { first_name: 'Karen', last_name: 'Jensen', address1: 'Vestergade 1', zip: '8000', city: 'Aarhus C', country_code: 'DK' },
    line_items: [], total_price: '0.00',
    ...extra,
  });
}

function woo(status: string, extra: Record<string, unknown> = {}): ShopOrder {
  return fromWooCommerce({
    id: 727, number: '727', status, currency: 'EUR', prices_include_tax: true,
    billing: { first_name: 'Matti', last_name: 'Virtanen', company: 'Virtanen Oy', address_1: 'Mannerheimintie 1', city: 'Helsinki', postcode: '00100', country: 'FI', email: 'matti@example.fi', phone: '+358401234567' },
    line_items: [], total: '0.00',
    ...extra,
  });
}

const defaults = parseWebshopSettings({});

describe('parseWebshopSettings', () => {
  it('fills every default from an empty object', () => {
    assert.equal(defaults.orderTrigger, 'paid');
    assert.deepEqual(defaults.wooStatuses, ['processing', 'completed']);
    assert.equal(defaults.customerMatch, 'email');
    assert.equal(defaults.productMaster, 'rackbeat');
    assert.equal(defaults.productNames, 'hold');
    assert.equal(defaults.homeCountry, 'DK');
    assert.equal(defaults.roundingProduct, undefined);
    assert.deepEqual(defaults.newCustomer, { locale: 'da' });
  });

  it('rejects an unknown trigger', () => {
    assert.throws(() => parseWebshopSettings({ orderTrigger: 'fulfilled' }));
  });
});

describe('decideShopOrder: Shopify', () => {
  const cases: { name: string; order: ShopOrder; trigger: 'created' | 'paid'; exists: boolean; expected: string }[] = [
    { name: 'a paid order with trigger paid is created', order: shopify(), trigger: 'paid', exists: false, expected: 'create' },
    { name: 'a pending order with trigger paid is ignored as not paid', order: shopify({ financial_status: 'pending' }), trigger: 'paid', exists: false, expected: 'ignore:not-paid' },
    { name: 'an authorized order with trigger paid is ignored as not paid', order: shopify({ financial_status: 'authorized' }), trigger: 'paid', exists: false, expected: 'ignore:not-paid' },
    { name: 'a pending order with trigger created is created', order: shopify({ financial_status: 'pending' }), trigger: 'created', exists: false, expected: 'create' },
    { name: 'a transferred order that changes is updated', order: shopify(), trigger: 'paid', exists: true, expected: 'update' },
    { name: 'a cancelled transferred order is cancelled', order: shopify({ cancelled_at: '2026-11-21T08:00:00Z' }), trigger: 'paid', exists: true, expected: 'cancel' },
    { name: 'a cancelled order never transferred is ignored', order: shopify({ cancelled_at: '2026-11-21T08:00:00Z' }), trigger: 'created', exists: false, expected: 'ignore:cancelled-before-transfer' },
    { name: 'a refunded order never transferred is ignored', order: shopify({ financial_status: 'refunded' }), trigger: 'paid', exists: false, expected: 'ignore:refunded-before-transfer' },
    { name: 'a test order is ignored', order: shopify({ test: true }), trigger: 'created', exists: false, expected: 'ignore:test-order' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decision = decideShopOrder(c.order, { ...defaults, orderTrigger: c.trigger }, { rackbeatOrderExists: c.exists });
      assert.equal(decision.action === 'ignore' ? `ignore:${decision.reason}` : decision.action, c.expected);
    });
  }

  it('accepts test orders when configured', () => {
    assert.deepEqual(decideShopOrder(shopify({ test: true }), { ...defaults, acceptTestOrders: true }), { action: 'create' });
  });
});

describe('decideShopOrder: WooCommerce', () => {
  const table: [string, boolean, string][] = [
    ['checkout-draft', false, 'ignore:checkout-draft'],
    ['checkout-draft', true, 'ignore:checkout-draft'],
    ['auto-draft', false, 'ignore:checkout-draft'],
    ['pending', false, 'ignore:status-not-configured'],
    ['on-hold', false, 'ignore:status-not-configured'],
    ['on-hold', true, 'update'],
    ['processing', false, 'create'],
    ['processing', true, 'update'],
    ['completed', false, 'create'],
    ['cancelled', true, 'cancel'],
    ['refunded', true, 'cancel'],
    ['failed', true, 'cancel'],
    ['trash', true, 'cancel'],
    ['cancelled', false, 'ignore:cancelled-before-transfer'],
  ];
  for (const [status, exists, expected] of table) {
    it(`status ${status}${exists ? ' (transferred)' : ''} → ${expected}`, () => {
      const decision = decideShopOrder(woo(status), defaults, { rackbeatOrderExists: exists });
      assert.equal(decision.action === 'ignore' ? `ignore:${decision.reason}` : decision.action, expected);
    });
  }

  it('creates on pending when the connection lists pending', () => {
    assert.deepEqual(decideShopOrder(woo('pending'), { ...defaults, wooStatuses: ['pending', 'processing'] }), { action: 'create' });
  });

  it('explains an ignored draft in one sentence', () => {
    assert.deepEqual(decideShopOrder(woo('checkout-draft'), defaults), {
      action: 'ignore', reason: 'checkout-draft', detail: 'WooCommerce order 727 is a checkout-draft, not a placed order.',
    });
  });
});

describe('customerLookup', () => {
  it('looks up by lower-case e-mail with the email rule', () => {
    assert.deepEqual(customerLookup(shopify(), defaults), { by: 'email', email: 'kunde@example.dk' });
  });

  it('uses the mapped number for the shop customer id first, then the e-mail', () => {
    const byId = parseWebshopSettings({ customerMatch: 'number-mapping', customerNumbers: { '77': 5001, 'kunde@example.dk': 5002 } });
    assert.deepEqual(customerLookup(shopify(), byId), { by: 'number', customerNumber: 5001 });
    const byEmail = parseWebshopSettings({ customerMatch: 'number-mapping', customerNumbers: { 'KUNDE@example.dk': 5002 } });
    assert.deepEqual(customerLookup(shopify(), byEmail), { by: 'number', customerNumber: 5002 });
  });

  it('creates a customer, or holds, when the mapping has no entry', () => {
    const mapping = { customerMatch: 'number-mapping', customerNumbers: { 'other@example.dk': 1 } } as const;
    assert.deepEqual(customerLookup(shopify(), parseWebshopSettings(mapping)), { by: 'create' });
    const held = customerLookup(shopify(), parseWebshopSettings({ ...mapping, unmatchedCustomer: 'hold' }));
    assert.equal(held.by, 'hold');
    assert.equal(held.by === 'hold' ? held.hold.code : '', 'WEBSHOP_CUSTOMER_UNMATCHED');
    assert.match(held.by === 'hold' ? held.hold.message : '', /'77', 'kunde@example\.dk'/);
  });
});

describe('vatZoneFor and newRackbeatCustomer', () => {
  for (const [country, home, zone] of [['DK', 'DK', 'domestic'], ['dk', 'DK', 'domestic'], ['SE', 'DK', 'eu'], ['NO', 'DK', 'abroad'], ['US', 'DK', 'abroad'], ['FI', 'FI', 'domestic'], ['DK', 'FI', 'eu'], [null, 'DK', 'domestic']] as const) {
    it(`${String(country)} from ${home} is ${zone}`, () => assert.equal(vatZoneFor(country, home), zone));
  }

  it('builds a domestic person customer from a Shopify order', () => {
    assert.deepEqual(newRackbeatCustomer(shopify(), parseWebshopSettings({ newCustomer: { paymentTermsId: 3, locale: 'da' } })), {
      name: 'Karen Jensen', contact_email: 'Kunde@Example.dk', contact_phone: '+4512345678', company_vat: null, currency: 'DKK', locale: 'da',
      vat_zone: 'domestic', address_street: 'Vestergade 1', address_street2: null, address_zipcode: '8000', address_city: 'Aarhus C', address_country: 'DK', payment_terms_id: 3,
    });
  });

  it('names a company customer by the company and places Finland in the EU zone from Denmark', () => {
    const customer = newRackbeatCustomer(woo('processing', { meta_data: [{ key: '_billing_vat_number', value: 'FI12345678' }] }), defaults);
    assert.equal(customer.name, 'Virtanen Oy');
    assert.equal(customer.vat_zone, 'eu');
    assert.equal(customer.company_vat, 'FI12345678');
    assert.equal(customer.currency, 'EUR');
  });
});
