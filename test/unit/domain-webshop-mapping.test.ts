import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromShopify, fromWooCommerce, mapShopOrderToRackbeat, mapShopOrderUpdate, type OrderMappingContext, parseWebshopSettings, type ShopOrder } from '../../src/domain/webshop';
import { roundMoney } from '../../src/domain/webshop/money';

const settings = parseWebshopSettings({});
const withRounding = parseWebshopSettings({ roundingProduct: 'rounding' });
const PRODUCTS = new Set(['A', 'B', 'MUG-1', 'CUP-B', 'shipping', 'fee', 'discount', 'rounding']);
const ctx: OrderMappingContext = { customerNumber: 42, productNumbers: PRODUCTS };

type Line = { id: string; sku: string; name?: string; quantity: number; price: string; discount_allocations?: { amount: string }[]; tax_lines?: { price: string; rate: number }[] };

/** A Shopify order body; taxes follow the lines unless given. */
function shopify(lines: Line[], extra: Record<string, unknown>): ShopOrder {
  return fromShopify({
    id: '820982911946154508', name: '#1001', created_at: '2026-11-20T10:15:00+01:00', currency: 'DKK', taxes_included: true,
    financial_status: 'paid', email: 'kunde@example.dk', customer: { id: '77', first_name: 'Karen', last_name: 'Jensen' },
    billing_address: { first_name: 'Karen', last_name: 'Jensen', address1: 'Vestergade 1', zip: '8000', city: 'Aarhus C', country_code: 'DK' },
    line_items: lines.map((l) => ({ name: l.sku, discount_allocations: [], ...l })), shipping_lines: [], payment_gateway_names: ['shopify_payments'],
    ...extra,
  });
}

/**
 * The order total the Rackbeat simulator shows for these lines, computed here the way its
 * views.ts does: each line rounded, VAT per line rounded, sums rounded.
 */
function simulatorTotal(lines: { quantity: number; line_price?: number; discount_percentage?: number }[], vat: number[]): number {
  const nets = lines.map((l) => roundMoney(l.quantity * (l.line_price ?? NaN) * (1 - (l.discount_percentage ?? 0) / 100)));
  const vats = nets.map((n, i) => roundMoney((n * (vat[i] ?? NaN)) / 100));
  return roundMoney(roundMoney(nets.reduce((a, b) => a + b, 0)) + roundMoney(vats.reduce((a, b) => a + b, 0)));
}

function mapped(order: ShopOrder, s = settings, c = ctx) {
  const result = mapShopOrderToRackbeat(order, s, c);
  if (!result.ok) assert.fail(`expected a mapping, got hold ${result.hold.code}: ${result.hold.message}`);
  return result;
}

describe('mapShopOrderToRackbeat: totals equal the shop to the cent', () => {
  it('3 × 33.33 incl. 25 % VAT becomes a 3-decimal excl. price that Rackbeat totals to 99.99', () => {
    const order = shopify([{ id: '1', sku: 'MUG-1', quantity: 3, price: '33.33', tax_lines: [{ price: '20.00', rate: 0.25 }] }], { total_price: '99.99', total_tax: '20.00' });
    const result = mapped(order);
    assert.deepEqual(result.input.lines, [{ item_id: 'MUG-1', name: 'MUG-1', quantity: 3, line_price: 26.664 }]);
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 99.99);
    assert.deepEqual(result.expected, { subtotal: 7999, vat: 2000, total: 9999 });
  });

  it('99.95 with a 10 % allocated discount keeps 10 % as the line discount and totals 89.95', () => {
    const order = shopify(
      [{ id: '1', sku: 'A', quantity: 1, price: '99.95', discount_allocations: [{ amount: '10.00' }], tax_lines: [{ price: '17.99', rate: 0.25 }] }],
      { currency: 'EUR', total_price: '89.95', total_tax: '17.99', total_discounts: '10.00', discount_codes: [{ code: 'TEN', amount: '10.00' }] },
    );
    const result = mapped(order);
    assert.deepEqual(result.input.lines, [{ item_id: 'A', name: 'A', quantity: 1, line_price: 79.96, discount_percentage: 10 }]);
    assert.equal(result.input.currency, 'EUR');
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 89.95);
  });

  it('VAT-exclusive SEK prices pass through unchanged with a shipping line', () => {
    const order = shopify(
      [{ id: '1', sku: 'A', quantity: 2, price: '49.90', tax_lines: [{ price: '24.95', rate: 0.25 }] }],
      {
        currency: 'SEK', taxes_included: false, total_price: '173.50', total_tax: '34.70',
        shipping_lines: [{ title: 'PostNord', code: 'pn', price: '39.00', discount_allocations: [], tax_lines: [{ price: '9.75', rate: 0.25 }] }],
      },
    );
    const result = mapped(order);
    assert.deepEqual(result.input.lines, [
      { item_id: 'A', name: 'A', quantity: 2, line_price: 49.9 },
      { item_id: 'shipping', name: 'PostNord', quantity: 1, line_price: 39 },
    ]);
    assert.equal(result.input.currency, 'SEK');
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 173.5);
  });

  it('a WooCommerce order with a coupon, shipping and a fee (EUR, 24 %) totals 42.16', () => {
    const order = fromWooCommerce({
      id: 727, number: '727', status: 'processing', currency: 'EUR', prices_include_tax: true, date_created_gmt: '2026-11-20T09:00:00',
      billing: { first_name: 'Matti', last_name: 'Virtanen', address_1: 'Mannerheimintie 1', city: 'Helsinki', postcode: '00100', country: 'FI', email: 'matti@example.fi' },
      payment_method_title: 'Credit card',
      line_items: [{ id: 315, name: 'Cup', sku: 'CUP-B', quantity: 3, subtotal: '30.00', subtotal_tax: '7.20', total: '27.00', total_tax: '6.48', taxes: [{ id: 1, total: '6.48' }], price: 9 }],
      tax_lines: [{ id: 9, rate_id: 1, rate_percent: 24 }],
      shipping_lines: [{ id: 317, method_title: 'Posti', method_id: 'flat_rate', total: '5.00', total_tax: '1.20', taxes: [{ id: 1, total: '1.20' }] }],
      fee_lines: [{ id: 318, name: 'Cash on delivery', total: '2.00', total_tax: '0.48', taxes: [{ id: 1, total: '0.48' }] }],
      coupon_lines: [{ code: 'TEN', discount: '3.00', discount_tax: '0.72' }],
      discount_total: '3.00', discount_tax: '0.72', total: '42.16', total_tax: '8.16',
    });
    const result = mapped(order);
    assert.deepEqual(result.input.lines, [
      { item_id: 'CUP-B', name: 'Cup', quantity: 3, line_price: 10, discount_percentage: 10 },
      { item_id: 'shipping', name: 'Posti', quantity: 1, line_price: 5 },
      { item_id: 'fee', name: 'Cash on delivery', quantity: 1, line_price: 2 },
    ]);
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 42.16);
    assert.equal(result.input.heading, 'WooCommerce order 727 [woocommerce:727]');
  });

  it('an unallocated order discount becomes a negative discount-product line with the order rate', () => {
    const order = shopify([{ id: '1', sku: 'A', quantity: 1, price: '100.00', tax_lines: [{ price: '18.00', rate: 0.25 }] }], {
      line_items: [{ id: '1', sku: 'A', name: 'A', quantity: 1, price: '100.00', tax_lines: [{ price: '18.00', rate: 0.25 }] }],
      total_discounts: '10.00', discount_codes: [{ code: 'WINTER', amount: '10.00' }], total_price: '90.00', total_tax: '18.00',
    });
    const result = mapped(order);
    assert.deepEqual(result.input.lines, [
      { item_id: 'A', name: 'A', quantity: 1, line_price: 80 },
      { item_id: 'discount', name: 'Discount WINTER', quantity: 1, line_price: -8 },
    ]);
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 90);
  });

  it('many awkward VAT-inclusive prices each hit the shop total exactly', () => {
    let checked = 0;
    for (const price of ['0.99', '1.05', '12.49', '19.95', '33.33', '99.95', '149.00', '1234.56']) {
      for (const quantity of [1, 2, 3, 7, 12]) {
        const gross = Math.round(Number(price) * 100) * quantity;
        const tax = gross - Math.round(gross / 1.25);
        const order = shopify([{ id: '1', sku: 'A', quantity, price, tax_lines: [{ price: (tax / 100).toFixed(2), rate: 0.25 }] }], { total_price: (gross / 100).toFixed(2), total_tax: (tax / 100).toFixed(2) });
        const result = mapShopOrderToRackbeat(order, withRounding, ctx);
        assert.ok(result.ok, `${quantity} × ${price}`);
        assert.equal(Math.round(simulatorTotal(result.input.lines, result.lineVatPercents) * 100), gross, `${quantity} × ${price}`);
        checked += 1;
      }
    }
    assert.equal(checked, 40);
  });
});

describe('mapShopOrderToRackbeat: the cent no price can reach', () => {
  // At 25 % no net amount has a gross of 1.07: 0.85 → 1.06 and 0.86 → 1.08.
  const order = shopify([{ id: '1', sku: 'A', quantity: 1, price: '1.07', tax_lines: [{ price: '0.21', rate: 0.25 }] }], { total_price: '1.07', total_tax: '0.21' });

  it('goes to a positive rounding line when a rounding product is set', () => {
    const result = mapped(order, withRounding);
    assert.deepEqual(result.input.lines, [
      { item_id: 'A', name: 'A', quantity: 1, line_price: 0.85 },
      { item_id: 'rounding', name: 'Rounding', quantity: 1, line_price: 0.01 },
    ]);
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 1.07);
  });

  it('with two-decimal line prices, 3 × 33.33 incl. VAT needs a one-cent rounding line', () => {
    const mug = shopify([{ id: '1', sku: 'MUG-1', quantity: 3, price: '33.33', tax_lines: [{ price: '20.00', rate: 0.25 }] }], { total_price: '99.99', total_tax: '20.00' });
    const result = mapped(mug, parseWebshopSettings({ roundingProduct: 'rounding', linePriceDecimals: 2 }));
    assert.deepEqual(result.input.lines.map((l) => [l.item_id, l.line_price]), [['MUG-1', 26.66], ['rounding', 0.01]]);
    assert.equal(simulatorTotal(result.input.lines, result.lineVatPercents), 99.99);
  });

  it('holds with WEBSHOP_TOTAL_MISMATCH naming both totals when no rounding product is set', () => {
    const result = mapShopOrderToRackbeat(order, settings, ctx);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.hold.code, 'WEBSHOP_TOTAL_MISMATCH');
    assert.match(result.hold.message, /totals 1\.07 DKK but would total 1\.06 DKK in Rackbeat/);
  });

  it('holds when the difference is larger than a rounding line may absorb', () => {
    const wrongTotal = shopify([{ id: '1', sku: 'A', quantity: 1, price: '100.00', tax_lines: [{ price: '20.00', rate: 0.25 }] }], { total_price: '110.00', total_tax: '20.00' });
    const result = mapShopOrderToRackbeat(wrongTotal, withRounding, ctx);
    assert.deepEqual(result.ok ? undefined : result.hold.code, 'WEBSHOP_TOTAL_MISMATCH');
    assert.match(result.ok ? '' : result.hold.message, /gift cards, tips, duties/);
  });
});

describe('mapShopOrderToRackbeat: holds', () => {
  it('lists every unknown SKU once and says to create the products in Rackbeat or fix the SKUs', () => {
    const order = shopify(
      [
        { id: '1', sku: 'NOPE-1', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] },
        { id: '2', sku: 'NOPE-2', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] },
        { id: '3', sku: 'NOPE-1', quantity: 2, price: '10.00', tax_lines: [{ price: '4.00', rate: 0.25 }] },
        { id: '4', sku: 'A', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] },
      ],
      { total_price: '50.00', total_tax: '10.00' },
    );
    const result = mapShopOrderToRackbeat(order, settings, ctx);
    assert.deepEqual(result, {
      ok: false,
      hold: {
        code: 'WEBSHOP_UNKNOWN_SKU',
        message: "Create products 'NOPE-1', 'NOPE-2' in Rackbeat or correct the SKUs in Shopify, so Shopify order #1001 can be transferred (Rackbeat matches order lines on product number).",
      },
    });
  });

  it('holds a line without a SKU with WEBSHOP_MISSING_SKU', () => {
    const order = shopify([{ id: '1', sku: '', name: 'Gift wrap', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] }], { total_price: '10.00', total_tax: '2.00' });
    const result = mapShopOrderToRackbeat(order, settings, ctx);
    assert.equal(result.ok ? undefined : result.hold.code, 'WEBSHOP_MISSING_SKU');
    assert.match(result.ok ? '' : result.hold.message, /'Gift wrap'/);
  });

  it('holds when the shipping product does not exist in Rackbeat', () => {
    const order = shopify([{ id: '1', sku: 'A', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] }], {
      total_price: '59.00', total_tax: '11.80',
      shipping_lines: [{ title: 'GLS', price: '49.00', tax_lines: [{ price: '9.80', rate: 0.25 }] }],
    });
    const result = mapShopOrderToRackbeat(order, settings, { customerNumber: 1, productNumbers: new Set(['A']) });
    assert.deepEqual(result.ok ? undefined : result.hold, {
      code: 'WEBSHOP_HELPER_PRODUCT_MISSING',
      message: "Create product 'shipping' in Rackbeat or change the webshop setting shippingProduct to an existing product number.",
    });
  });

  it('holds when Rackbeat would apply another VAT rate than the shop charged', () => {
    const order = shopify([{ id: '1', sku: 'A', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] }], { total_price: '10.00', total_tax: '2.00' });
    const result = mapShopOrderToRackbeat(order, settings, { ...ctx, vatRates: new Map([['A', 12]]) });
    assert.equal(result.ok ? undefined : result.hold.code, 'WEBSHOP_VAT_RATE_MISMATCH');
  });
});

describe('mapShopOrderToRackbeat: header fields', () => {
  it('carries heading with the source reference, their reference, note, date, addresses and customer', () => {
    const order = shopify([{ id: '1', sku: 'A', quantity: 1, price: '10.00', tax_lines: [{ price: '2.00', rate: 0.25 }] }], {
      total_price: '10.00', total_tax: '2.00', note: 'Ring twice',
      shipping_address: { name: 'Karen Jensen', company: 'Jensen ApS', address1: 'Østergade 2', zip: '8000', city: 'Aarhus C', country_code: 'DK', phone: '+4511111111' },
    });
    const { input, sourceRef } = mapped(order, settings, { ...ctx, vatZone: 'domestic' });
    assert.equal(sourceRef, 'shopify:820982911946154508');
    assert.equal(input.heading, 'Shopify order #1001 [shopify:820982911946154508]');
    assert.equal(input.their_reference, '#1001');
    assert.equal(input.customer_id, 42);
    assert.equal(input.order_date, '2026-11-20');
    assert.equal(input.vat_zone, 'domestic');
    assert.equal(input.note, 'Payment: shopify_payments\nCustomer note: Ring twice');
    assert.deepEqual(input.billing_address, { name: 'Karen Jensen', street: 'Vestergade 1', street2: null, zipcode: '8000', city: 'Aarhus C', country: 'DK', email: 'kunde@example.dk', phone: null });
    assert.deepEqual(input.delivery_address, { name: 'Jensen ApS', street: 'Østergade 2', street2: null, zipcode: '8000', city: 'Aarhus C', country: 'DK', email: 'kunde@example.dk', phone: '+4511111111' });
  });
});

describe('mapShopOrderUpdate', () => {
  const line = (quantity: number): Line => ({ id: '1', sku: 'A', quantity, price: '10.00', tax_lines: [{ price: (quantity * 2).toFixed(2), rate: 0.25 }] });
  const before = mapped(shopify([line(1)], { total_price: '10.00', total_tax: '2.00' })).input;

  it('reports nothing when the edit changed nothing Rackbeat holds', () => {
    const result = mapShopOrderUpdate(before, shopify([line(1)], { total_price: '10.00', total_tax: '2.00' }), settings, ctx);
    assert.deepEqual(result.ok ? [result.changes, result.update] : result.hold, [[], {}]);
  });

  it('sends the whole line set when a quantity changed', () => {
    const result = mapShopOrderUpdate(before, shopify([line(3)], { total_price: '30.00', total_tax: '6.00' }), settings, ctx);
    assert.ok(result.ok);
    assert.deepEqual(result.changes, ['quantities']);
    assert.deepEqual(result.update, { lines: [{ item_id: 'A', name: 'A', quantity: 3, line_price: 8 }] });
  });

  it('reports added lines and a changed delivery address', () => {
    const edited = shopify([line(1), { id: '2', sku: 'B', quantity: 1, price: '5.00', tax_lines: [{ price: '1.00', rate: 0.25 }] }], {
      total_price: '15.00', total_tax: '3.00', shipping_address: { name: 'Other', address1: 'Nørregade 9', zip: '1165', city: 'København K', country_code: 'DK' },
    });
    const result = mapShopOrderUpdate(before, edited, settings, ctx);
    assert.ok(result.ok);
    assert.deepEqual(result.changes, ['lines', 'delivery_address']);
    assert.equal(result.update.lines?.length, 2);
    assert.equal(result.update.delivery_address?.street, 'Nørregade 9');
  });
});
