import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromShopify, fromWooCommerce, parseCents, webshopSourceRef } from '../../src/domain/webshop';

/** A Shopify order webhook body as the webhook route hands it over (ids already strings). */
function shopifyOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '820982911946154508',
    name: '#1001',
    created_at: '2026-11-20T10:15:00+01:00',
    updated_at: '2026-11-20T10:16:00+01:00',
    currency: 'DKK',
    taxes_included: true,
    financial_status: 'paid',
    cancelled_at: null,
    test: false,
    email: 'Kunde@Example.dk',
    customer: { id: '6206289887474', email: 'kunde@example.dk', first_name: 'Karen', last_name: 'Jensen', phone: '+4512345678' },
    billing_address: { first_name: 'Karen', last_name: 'Jensen', company: 'Jensen ApS', address1: 'Vestergade 1', address2: '2. th', zip: '8000', city: 'Aarhus C', country_code: 'dk', phone: '+4512345678' },
    shipping_address: { name: 'Karen Jensen', address1: 'Østergade 2', zip: '8000', city: 'Aarhus C', country_code: 'DK' },
    line_items: [
      { id: '1', sku: 'MUG-1', name: 'Mug', quantity: 3, price: '33.33', discount_allocations: [], tax_lines: [{ price: '20.00', rate: 0.25, title: 'Moms' }] },
    ],
    shipping_lines: [],
    discount_codes: [],
    tax_lines: [{ price: '20.00', rate: 0.25, title: 'Moms' }],
    total_discounts: '0.00',
    total_price: '99.99',
    total_tax: '20.00',
    payment_gateway_names: ['shopify_payments'],
    note: null,
    ...overrides,
  };
}

function wooOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 727,
    number: '727',
    status: 'processing',
    currency: 'EUR',
    prices_include_tax: true,
    date_created_gmt: '2026-11-20T09:00:00',
    date_modified_gmt: '2026-11-20T09:05:00',
    date_paid_gmt: '2026-11-20T09:01:00',
    customer_id: 0,
    customer_note: '',
    billing: { first_name: 'Matti', last_name: 'Virtanen', company: '', address_1: 'Mannerheimintie 1', address_2: '', city: 'Helsinki', postcode: '00100', country: 'FI', email: 'matti@example.fi', phone: '' },
    shipping: { first_name: 'Matti', last_name: 'Virtanen', company: '', address_1: 'Mannerheimintie 1', address_2: '', city: 'Helsinki', postcode: '00100', country: 'FI' },
    payment_method: 'stripe',
    payment_method_title: 'Credit card',
    // 3 × 12.40 incl. 24 % VAT (10.00 excl.), 10 % coupon; shipping 5.00 + 1.20; fee 2.00 + 0.48.
    line_items: [
      { id: 315, name: 'Cup &ndash; blue', sku: 'CUP-B', quantity: 3, subtotal: '30.00', subtotal_tax: '7.20', total: '27.00', total_tax: '6.48', taxes: [{ id: 1, total: '6.48', subtotal: '7.20' }], price: 9 },
    ],
    tax_lines: [{ id: 9, rate_id: 1, rate_code: 'FI-VAT-1', label: 'ALV', compound: false, rate_percent: 24, tax_total: '7.68', shipping_tax_total: '1.20' }],
    shipping_lines: [{ id: 317, method_title: 'Posti', method_id: 'flat_rate', total: '5.00', total_tax: '1.20', taxes: [{ id: 1, total: '1.20' }] }],
    fee_lines: [{ id: 318, name: 'Cash on delivery', total: '2.00', total_tax: '0.48', taxes: [{ id: 1, total: '0.48' }] }],
    coupon_lines: [{ id: 319, code: 'TEN', discount: '3.00', discount_tax: '0.72' }],
    discount_total: '3.00',
    discount_tax: '0.72',
    shipping_total: '5.00',
    total: '42.16',
    total_tax: '8.16',
    meta_data: [{ id: 1, key: '_billing_vat_number', value: 'FI12345678' }],
    ...overrides,
  };
}

describe('parseCents', () => {
  const cases: [string | number, number | undefined][] = [
    ['199.00', 19900], ['0.9', 90], ['33.33', 3333], [12, 1200], [3, 300], ['-4.50', -450], ['1.005', 101], ['1.004', 100], ['0.1', 10],
    ['', undefined], ['abc', undefined], ['1,50', undefined], ['1e3', undefined], [Number.NaN, undefined],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${String(expected)} cents`, () => assert.equal(parseCents(input), expected));
  }
});

describe('fromShopify', () => {
  it('keeps an id above 2^53 exactly and builds the searchable source reference', () => {
    const order = fromShopify(shopifyOrder());
    assert.equal(order.id, '820982911946154508');
    assert.equal(webshopSourceRef(order.source, order.id), 'shopify:820982911946154508');
  });

  it('refuses an id that already lost precision as a JSON number', () => {
    assert.throws(() => fromShopify(shopifyOrder({ id: Number('820982911946154508') })), /rounded number/);
  });

  it('accepts a safe integer id given as a number', () => {
    assert.equal(fromShopify(shopifyOrder({ id: 450789469 })).id, '450789469');
  });

  it('normalises VAT-inclusive lines, customer and addresses', () => {
    const order = fromShopify(shopifyOrder());
    assert.deepEqual(order.lines, [
      { lineId: '1', sku: 'MUG-1', name: 'Mug', quantity: 3, subtotal: 9999, discount: 0, tax: 2000, totalInclTax: 9999, totalExclTax: 7999, taxRate: 25 },
    ]);
    assert.deepEqual(order.customer, { shopCustomerId: '6206289887474', email: 'Kunde@Example.dk', name: 'Karen Jensen', phone: '+4512345678', company: 'Jensen ApS' });
    assert.deepEqual(order.billingAddress, {
      name: 'Karen Jensen', company: 'Jensen ApS', street: 'Vestergade 1', street2: '2. th', zipcode: '8000', city: 'Aarhus C', countryCode: 'DK', email: 'Kunde@Example.dk', phone: '+4512345678',
    });
    assert.equal(order.status, 'paid');
    assert.equal(order.paid, true);
    assert.equal(order.paymentGateway, 'shopify_payments');
    assert.deepEqual(order.totals, { total: 9999, tax: 2000 });
  });

  it('reads discount allocations per line and per shipping line', () => {
    const order = fromShopify(shopifyOrder({
      line_items: [{ id: '1', sku: 'A', name: 'A', quantity: 1, price: '99.95', discount_allocations: [{ amount: '10.00' }], tax_lines: [{ price: '17.99', rate: 0.25 }] }],
      shipping_lines: [{ title: 'GLS', code: 'gls', price: '49.00', discount_allocations: [{ amount: '49.00' }], tax_lines: [{ price: '0.00', rate: 0.25 }] }],
      total_discounts: '59.00',
    }));
    assert.equal(order.lines[0]?.discount, 1000);
    assert.equal(order.lines[0]?.totalInclTax, 8995);
    assert.equal(order.shippingLines[0]?.discount, 4900);
    assert.equal(order.shippingLines[0]?.totalInclTax, 0);
    assert.equal(order.unallocatedDiscount, 0);
  });

  it('keeps a discount that old payloads do not allocate as unallocated', () => {
    const order = fromShopify(shopifyOrder({
      line_items: [{ id: '1', sku: 'A', name: 'A', quantity: 1, price: '100.00', tax_lines: [{ price: '18.00', rate: 0.25 }] }],
      total_discounts: '10.00',
      total_price: '90.00',
      total_tax: '18.00',
    }));
    assert.equal(order.unallocatedDiscount, 1000);
  });

  it('shares the order tax over lines that carry no tax_lines of their own', () => {
    const order = fromShopify(shopifyOrder({
      taxes_included: false,
      line_items: [
        { id: '1', sku: 'A', name: 'A', quantity: 1, price: '100.00' },
        { id: '2', sku: 'B', name: 'B', quantity: 1, price: '50.00' },
      ],
      tax_lines: [{ price: '37.50', rate: 0.25 }],
      total_price: '187.50',
      total_tax: '37.50',
    }));
    assert.deepEqual(order.lines.map((l) => [l.tax, l.taxRate, l.totalInclTax]), [[2500, 25, 12500], [1250, 25, 6250]]);
  });

  it('maps cancellation and financial states', () => {
    assert.equal(fromShopify(shopifyOrder({ cancelled_at: '2026-11-21T10:00:00Z', financial_status: 'voided' })).status, 'cancelled');
    assert.equal(fromShopify(shopifyOrder({ financial_status: 'pending' })).status, 'pending');
    assert.equal(fromShopify(shopifyOrder({ financial_status: 'pending' })).paid, false);
    assert.equal(fromShopify(shopifyOrder({ financial_status: 'refunded' })).status, 'refunded');
  });

  it('scales a line cut down by an edit to its current quantity and uses the current totals', () => {
    const order = fromShopify(shopifyOrder({
      line_items: [
        { id: '1', sku: 'MUG-1', name: 'Mug', quantity: 3, current_quantity: 1, price: '33.33', discount_allocations: [{ amount: '3.00' }], tax_lines: [{ price: '19.40', rate: 0.25 }] },
        { id: '2', sku: 'CUP', name: 'Cup', quantity: 1, current_quantity: 0, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] },
      ],
      total_price: '106.99', total_tax: '21.40', current_total_price: '32.33', current_total_tax: '6.47',
    }));
    assert.deepEqual(order.lines.map((l) => [l.quantity, l.subtotal, l.discount, l.tax, l.totalInclTax]), [[1, 3333, 100, 647, 3233], [0, 0, 0, 0, 0]]);
    assert.deepEqual(order.totals, { total: 3233, tax: 647 });
  });

  it('uses the original totals when no line was edited', () => {
    const order = fromShopify(shopifyOrder({ current_total_price: '90.00', current_total_tax: '18.00' }));
    assert.deepEqual(order.totals, { total: 9999, tax: 2000 });
  });

  it('keeps the order date in the shop time zone', () => {
    assert.equal(fromShopify(shopifyOrder({ created_at: '2026-11-20T00:30:00+01:00' })).orderDate, '2026-11-20');
  });

  it('refuses an amount that is not a decimal instead of reading it as 0', () => {
    assert.throws(() => fromShopify(shopifyOrder({ total_price: 'n/a' })), /not a decimal amount/);
  });
});

describe('fromWooCommerce', () => {
  it('turns WooCommerce excl.-VAT line amounts into the order basis and finds the coupon discount', () => {
    const order = fromWooCommerce(wooOrder());
    assert.deepEqual(order.lines, [
      { lineId: '315', sku: 'CUP-B', name: 'Cup – blue', quantity: 3, subtotal: 3720, discount: 372, tax: 648, totalInclTax: 3348, totalExclTax: 2700, taxRate: 24 },
    ]);
    assert.deepEqual(order.shippingLines, [{ title: 'Posti', code: 'flat_rate', subtotal: 620, discount: 0, tax: 120, totalInclTax: 620, totalExclTax: 500, taxRate: 24 }]);
    assert.deepEqual(order.fees, [{ title: 'Cash on delivery', subtotal: 248, discount: 0, tax: 48, totalInclTax: 248, totalExclTax: 200, taxRate: 24 }]);
    assert.deepEqual(order.discountCodes, [{ code: 'TEN', amount: 372 }]);
    assert.equal(order.unallocatedDiscount, 0);
    assert.deepEqual(order.totals, { total: 4216, tax: 816 });
  });

  it('reads the buyer, a guest customer id of 0 as none, and the VAT number from meta data', () => {
    const order = fromWooCommerce(wooOrder());
    assert.deepEqual(order.customer, { email: 'matti@example.fi', name: 'Matti Virtanen', vatNumber: 'FI12345678' });
    assert.equal(order.id, '727');
    assert.equal(order.name, '727');
    assert.equal(order.paymentGateway, 'Credit card');
  });

  it('marks GMT times as UTC and takes the order date from the local time', () => {
    const order = fromWooCommerce(wooOrder({ date_created: '2026-11-21T00:30:00', date_created_gmt: '2026-11-20T22:30:00', date_modified_gmt: '2026-11-20T22:31:00' }));
    assert.equal(order.createdAt, '2026-11-20T22:30:00Z');
    assert.equal(order.updatedAt, '2026-11-20T22:31:00Z');
    assert.equal(order.orderDate, '2026-11-21');
  });

  it('derives the rate from the line tax when tax_lines carry no rate_percent', () => {
    const order = fromWooCommerce(wooOrder({
      prices_include_tax: false,
      tax_lines: [{ id: 9, rate_id: 75, label: 'State Tax' }],
      line_items: [{ id: 1, name: 'X', sku: 'X', quantity: 2, subtotal: '6.00', subtotal_tax: '0.45', total: '6.00', total_tax: '0.45', taxes: [{ id: 75, total: '0.45' }], price: 3 }],
      shipping_lines: [],
      fee_lines: [],
      coupon_lines: [],
      discount_total: '0.00',
      discount_tax: '0.00',
      total: '6.45',
      total_tax: '0.45',
    }));
    assert.equal(order.lines[0]?.taxRate, 7.5);
    assert.equal(order.lines[0]?.subtotal, 600);
  });

  const statuses: [string, string][] = [
    ['checkout-draft', 'draft'], ['pending', 'pending'], ['on-hold', 'on-hold'], ['processing', 'paid'], ['completed', 'completed'],
    ['cancelled', 'cancelled'], ['refunded', 'refunded'], ['failed', 'failed'], ['trash', 'deleted'], ['ready-for-pickup', 'pending'], ['constructor', 'pending'],
  ];
  for (const [woo, normalised] of statuses) {
    it(`normalises status ${woo} to ${normalised}`, () => {
      const order = fromWooCommerce(wooOrder({ status: woo }));
      assert.equal(order.status, normalised);
      assert.equal(order.shopStatus, woo);
    });
  }
});
