import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decimalPlaces, economicLineAmounts, type EconomicLineAmounts, lineNetCents, lineVatCents } from '../../src/domain/economic';

/** e-conomic's per-line totals for the lines the mapping sends. */
function totals(lines: EconomicLineAmounts[], vatPercent: number): { net: number; vat: number; quantity: number } {
  const nets = lines.map((l) => lineNetCents(l.quantity, l.unitNetPrice, l.discountPercentage ?? 0));
  return {
    net: nets.reduce((a, b) => a + b, 0),
    vat: nets.reduce((a, n) => a + lineVatCents(n, vatPercent), 0),
    quantity: Math.round(lines.reduce((a, l) => a + l.quantity, 0) * 100) / 100,
  };
}

function assertFits(lines: EconomicLineAmounts[]): void {
  for (const l of lines) {
    for (const value of [l.quantity, l.unitNetPrice, l.discountPercentage ?? 0]) {
      assert.ok(decimalPlaces(value) <= 2, `${value} has more than 2 decimals in ${JSON.stringify(lines)}`);
    }
  }
}

describe('economicLineAmounts', () => {
  it('sends a line that already fits unchanged', () => {
    assert.deepEqual(economicLineAmounts({ quantity: 1, line_price: 2499.5, discount_percentage: 12.5 }), [{ quantity: 1, unitNetPrice: 2499.5, discountPercentage: 12.5 }]);
    assert.deepEqual(economicLineAmounts({ quantity: 2, line_price: 799, discount_percentage: 0 }), [{ quantity: 2, unitNetPrice: 799 }]);
  });

  it('restates a fixed discount as the nearest 2-decimal percentage with the same net (3 × 10.00 less 1.00)', () => {
    // The shop's fixed 1.00 off 30.00 reaches Rackbeat as 3.333333 %; e-conomic takes 2 decimals.
    assert.deepEqual(economicLineAmounts({ quantity: 3, line_price: 10, discount_percentage: 3.333333 }), [{ quantity: 3, unitNetPrice: 10, discountPercentage: 3.33 }]);
  });

  it('folds the discount into the unit price when no 2-decimal percentage gives the same net', () => {
    // 4 × 99.00 less 10.00 = 386.00: 2.53 % gives 385.98, 2.52 % gives 386.02; 96.50 × 4 = 386.00.
    const lines = economicLineAmounts({ quantity: 4, line_price: 99, discount_percentage: 2.525253 });
    assert.deepEqual(lines, [{ quantity: 4, unitNetPrice: 96.5 }]);
  });

  it('splits into quantity − 1 and 1 of the same product when nothing else hits the cent, keeping the VAT', () => {
    // 3 × 99.00 less 10.00 = 287.00, not divisible by 3, and no 2-decimal percentage hits it.
    const line = { quantity: 3, line_price: 99, discount_percentage: 3.367003, vat_percentage: 25 };
    const lines = economicLineAmounts(line);
    assert.equal(lines.length, 2);
    assertFits(lines);
    const net = lineNetCents(3, 99, 3.367003);
    assert.equal(net, 28700);
    assert.deepEqual(totals(lines, 25), { net: 28700, vat: lineVatCents(28700, 25), quantity: 3 });
  });

  it('restates a unit price with 4 decimals exactly (1 × 12.3456 = 12.35)', () => {
    assert.deepEqual(economicLineAmounts({ quantity: 1, line_price: 12.3456 }), [{ quantity: 1, unitNetPrice: 12.35 }]);
  });

  it('negative quantities (returns) split with −1', () => {
    const lines = economicLineAmounts({ quantity: -3, line_price: 99, discount_percentage: 3.367003, vat_percentage: 25 });
    assertFits(lines);
    assert.deepEqual(lines.map((l) => l.quantity), [-2, -1]);
    assert.equal(totals(lines, 25).net, -28700);
  });

  it('for every fixed discount on a range of lines: at most 2 decimals, the same net, VAT and quantity', () => {
    for (const quantity of [1, 2, 3, 7, 12, 0.5, 2.5]) {
      for (const price of [9.95, 99, 149.5, 1234.56, 7999]) {
        for (const off of [1, 33.33, 10, 0.07, 250]) {
          const subtotal = Math.round(quantity * price * 100);
          if (off * 100 >= subtotal) continue;
          // As the webshop mapping states a fixed discount: its exact percentage, 6 decimals.
          const discount = Number((((off * 100) / subtotal) * 100).toFixed(6));
          const line = { quantity, line_price: price, discount_percentage: discount, vat_percentage: 25 };
          const lines = economicLineAmounts(line);
          assertFits(lines);
          const net = lineNetCents(quantity, price, discount);
          const got = totals(lines, 25);
          assert.deepEqual([got.net, got.quantity], [net, quantity], JSON.stringify({ line, lines }));
          // The VAT is kept too, except when the whole line's VAT is itself a half cent and the
          // line had to be split (no split into parts clear of a half cent can then keep it).
          const halfCentVat = (net * 25) % 100 === 50;
          if (!(halfCentVat && lines.length === 2)) assert.equal(got.vat, lineVatCents(net, 25), JSON.stringify({ line, lines }));
          else assert.ok(Math.abs(got.vat - lineVatCents(net, 25)) <= 1);
        }
      }
    }
  });
});
