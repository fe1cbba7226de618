import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { refundLines } from '../../src/domain/refunds';
import { parseWebshopSettings, wooOrderRefundsSchema, wooRefundFrom, wooRefundIds } from '../../src/domain/webshop';

const FIXTURE = join(__dirname, '../../../shared/fixtures/woocommerce/order.json');
const settings = parseWebshopSettings({ roundingProduct: 'rounding' });

/** A Danish order as the v3 API shows it: standard rate id 1 at 25 %, a zero-rated book (rate id 2). */
const order = {
  id: 1001,
  number: '1001',
  currency: 'DKK',
  prices_include_tax: true,
  line_items: [
    { id: 11, name: 'Kontorstol Basic', sku: 'CHAIR-01', quantity: 2, subtotal: '1597.99', total: '1597.99', total_tax: '399.51', taxes: [{ id: 1, total: '399.51' }] },
    { id: 12, name: 'Bog', sku: 'BOOK-DK', quantity: 1, subtotal: '200.00', total: '200.00', total_tax: '0.00', taxes: [{ id: 2, total: '0.00' }] },
  ],
  shipping_lines: [{ id: 13, method_title: 'GLS', total: '39.20', total_tax: '9.80', taxes: [{ id: 1, total: '9.80' }] }],
  tax_lines: [{ id: 14, rate_id: 1, rate_percent: 25 }, { id: 15, rate_id: 2, rate_percent: 0 }],
  refunds: [{ id: 1003, reason: 'one chair', total: '-1048.74' }, { id: 1002, reason: '', total: '-10.00' }],
};

const refundedItem = (id: number) => [{ id: 900 + id, key: '_refunded_item_id', value: String(id) }];

/** One chair and the shipping back, as `GET /orders/1001/refunds/1003` shows it: item amounts negative, excl. VAT. */
const chairAndShipping = {
  id: 1003,
  date_created_gmt: '2026-12-02T09:30:00',
  amount: '1048.74',
  reason: 'one chair',
  line_items: [{ id: 21, name: 'Kontorstol Basic', product_id: 5, variation_id: 0, quantity: -1, subtotal: '-799.00', total: '-799.00', total_tax: '-199.74', taxes: [{ id: 1, total: '-199.74', subtotal: '-199.74' }], meta_data: refundedItem(11), sku: 'CHAIR-01' }],
  shipping_lines: [{ id: 22, method_title: 'GLS', total: '-40.00', total_tax: '-10.00', taxes: [{ id: 1, total: '-10.00' }], meta_data: refundedItem(13) }],
  fee_lines: [],
};

describe('WooCommerce refunds in order deliveries', () => {
  test('the refund ids an order body lists, once each; none when it has none or no refunds field', () => {
    assert.deepEqual(wooRefundIds(wooOrderRefundsSchema.parse(order)), ['1003', '1002']);
    assert.deepEqual(wooRefundIds(wooOrderRefundsSchema.parse({ ...order, refunds: [{ id: 7 }, { id: '7' }] })), ['7']);
    assert.deepEqual(wooRefundIds(wooOrderRefundsSchema.parse({ id: 1 })), []);
    assert.deepEqual(wooRefundIds(wooOrderRefundsSchema.parse({ id: 1, refunds: [] })), []);
    assert.equal(wooOrderRefundsSchema.safeParse({ id: 1, refunds: [{ reason: 'no id' }] }).success, false, 'a refund without its id is bad input');
    assert.equal(wooOrderRefundsSchema.safeParse({ id: 1, refunds: 'all' }).success, false);
  });
});

describe('a WooCommerce refund as a ShopRefund', () => {
  test('per line the SKU, a positive quantity, gross incl. VAT and the VAT with its configured rate; shipping alike; the money returned is `amount`', () => {
    const refund = wooRefundFrom(order, chairAndShipping);
    assert.deepEqual(refund, {
      source: 'woocommerce', id: '1003', shopOrderId: '1001', orderName: '#1001', currency: 'DKK', createdAt: '2026-12-02T09:30:00Z', note: 'one chair',
      lines: [{ sku: 'CHAIR-01', name: 'Kontorstol Basic', quantity: 1, gross: 99874, tax: 19974, taxRate: 25 }],
      shipping: [{ title: 'GLS', gross: 5000, tax: 1000, taxRate: 25 }],
      fees: [],
      amount: 104874,
    });
    const credit = refundLines({ refund, settings, invoiced: new Map([['CHAIR-01', { vatRate: 25 }], ['shipping', { vatRate: 25 }]]) });
    assert.ok(credit.ok, JSON.stringify(credit));
    assert.equal(credit.grossCents, refund.amount, 'the credit lines give back exactly the amount, to the cent');
    assert.deepEqual(credit.lines.map((l) => [l.product && 'productNumber' in l.product ? l.product.productNumber : '', l.quantity]), [['CHAIR-01', -1], ['shipping', -1]]);
  });

  test('a zero-rated line keeps rate 0; a line without its own SKU takes the SKU of the order item it refunds', () => {
    const refund = wooRefundFrom(order, { id: 1004, amount: '200.00', reason: '', line_items: [{ id: 31, quantity: -1, total: '-200.00', total_tax: '0.00', taxes: [{ id: 2, total: '0.00' }], meta_data: refundedItem(12), sku: '' }] });
    assert.deepEqual(refund.lines, [{ sku: 'BOOK-DK', name: 'Bog', quantity: 1, gross: 20000, tax: 0, taxRate: 0 }]);
    assert.deepEqual(refund.shipping, [], 'no shipping_lines field: nothing refunded for shipping');
    assert.equal(refund.note, null);
  });

  test('a refund of an amount only (no lines) holds as REFUND_WITHOUT_LINES', () => {
    const amountOnly = wooRefundFrom(order, { id: 1002, amount: '10.00', reason: '', line_items: [] });
    assert.deepEqual([amountOnly.lines, amountOnly.shipping, amountOnly.fees, amountOnly.amount], [[], [], [], 1000]);
    const held = refundLines({ refund: amountOnly, settings });
    assert.ok(!held.ok);
    assert.equal(held.hold.code, 'REFUND_WITHOUT_LINES');
  });

  test('a refunded fee (fee_lines, as wc_create_refund copies a fee item) is credited on the fee product at its VAT rate: the credit equals `amount` to the cent', () => {
    const fee = { id: 23, name: 'Gebyr', total: '-20.00', total_tax: '-5.00', taxes: [{ id: 1, total: '-5.00' }], meta_data: refundedItem(16) };
    const withFee = wooRefundFrom({ ...order, fee_lines: [{ id: 16, name: 'Ekspeditionsgebyr' }] }, { ...chairAndShipping, amount: '1073.74', fee_lines: [fee] });
    assert.deepEqual(withFee.fees, [{ title: 'Gebyr', gross: 2500, tax: 500, taxRate: 25 }]);
    const credit = refundLines({ refund: withFee, settings, invoiced: new Map([['CHAIR-01', { vatRate: 25 }], ['shipping', { vatRate: 25 }], ['fee', { vatRate: 25 }]]) });
    assert.ok(credit.ok, JSON.stringify(credit));
    assert.equal(credit.grossCents, withFee.amount, 'lines, shipping and fee give back exactly the amount');
    assert.deepEqual(credit.lines.map((l) => [l.product && 'productNumber' in l.product ? l.product.productNumber : '', l.quantity, l.description]), [
      ['CHAIR-01', -1, 'Kontorstol Basic [refund woocommerce:1003]'],
      ['shipping', -1, 'GLS [refund woocommerce:1003]'],
      ['fee', -1, 'Gebyr [refund woocommerce:1003]'],
    ]);
    // The fee line's own name missing: the order's fee item it points at names it. An untaxed fee is credited at 0 %.
    const untaxed = wooRefundFrom({ ...order, fee_lines: [{ id: 16, name: 'Ekspeditionsgebyr' }] }, { id: 1005, amount: '15.00', reason: '', line_items: [], fee_lines: [{ ...fee, name: null, total: '-15.00', total_tax: '0.00', taxes: [] }] });
    assert.deepEqual(untaxed.fees, [{ title: 'Ekspeditionsgebyr', gross: 1500, tax: 0, taxRate: 0 }]);
    const zero = refundLines({ refund: untaxed, settings });
    assert.ok(zero.ok, JSON.stringify(zero));
    assert.deepEqual([zero.grossCents, zero.lines.map((l) => [l.product && 'productNumber' in l.product ? l.product.productNumber : '', l.unitNetPrice])], [1500, [['fee', 15]]]);
  });

  test('a refunded fee whose VAT rate cannot be told (a rate id the order does not list, tax without net) holds as REFUND_TAX_RATE_UNKNOWN, naming the fee', () => {
    const odd = wooRefundFrom(order, { id: 1006, amount: '3.00', reason: '', line_items: [], fee_lines: [{ id: 24, name: 'Gebyr', total: '0.00', total_tax: '-3.00', taxes: [{ id: 9, total: '-3.00' }], meta_data: [] }] });
    const held = refundLines({ refund: odd, settings });
    assert.ok(!held.ok);
    assert.deepEqual([held.hold.code, /the fee 'Gebyr'/.test(held.hold.message)], ['REFUND_TAX_RATE_UNKNOWN', true]);
  });

  test('bad refund bodies are rejected, not read as zero', () => {
    assert.throws(() => wooRefundFrom(order, { ...chairAndShipping, amount: 'ten' }));
    assert.throws(() => wooRefundFrom(order, { ...chairAndShipping, line_items: [{ ...chairAndShipping.line_items[0], total: null }] }));
  });

  test('the published sample order (no rate_percent in its tax lines): the rate is inferred from the refunded amounts', { skip: existsSync(FIXTURE) ? false : `fixture missing: ${FIXTURE}` }, () => {
    const published = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { line_items: Array<{ id: number; taxes: Array<{ id: number }> }> };
    const line = published.line_items[0]!;
    const rateId = line.taxes[0]!.id;
    const refund = wooRefundFrom(published, { id: 1, amount: '3.23', reason: 'one back', line_items: [{ id: 2, quantity: -1, total: '-3.00', total_tax: '-0.23', taxes: [{ id: rateId, total: '-0.23' }], meta_data: refundedItem(line.id), sku: '' }] });
    assert.deepEqual(refund.lines.map((l) => [l.quantity, l.gross, l.tax]), [[1, 323, 23]]);
    assert.ok(refund.lines[0]!.taxRate !== null && Math.abs(refund.lines[0]!.taxRate - 7.5) < 0.5, `a rate near the sample's 7.5 %: ${refund.lines[0]!.taxRate}`);
  });
});
