import { roundHalfUp } from './money';

/** One cart line, priced in the order's basis (incl. tax when `pricesIncludeTax`). Cents. */
export interface PricedLine {
  unitPrice: number;
  quantity: number;
  taxRatePercent: number;
}

export type CouponSpec = { code: string; type: 'percent'; percent: number } | { code: string; type: 'fixed_cart'; amount: number };

/** Shipping and fees are entered excluding tax, as WooCommerce's flat rates and fee API take them. */
export interface ChargeSpec {
  total: number;
  taxRatePercent: number;
}

export interface TotalsInput {
  pricesIncludeTax: boolean;
  lines: PricedLine[];
  coupon?: CouponSpec | undefined;
  shipping?: ChargeSpec | undefined;
  fees: ChargeSpec[];
}

export interface LineAmounts {
  subtotal: number;
  subtotal_tax: number;
  total: number;
  total_tax: number;
}

export interface ComputedTotals {
  lines: LineAmounts[];
  shipping: { total: number; total_tax: number } | undefined;
  fees: Array<{ total: number; total_tax: number }>;
  discount_total: number;
  discount_tax: number;
  shipping_total: number;
  shipping_tax: number;
  cart_tax: number;
  total_tax: number;
  total: number;
}

/**
 * Order totals the way WooCommerce computes them with "round tax at subtotal level" off: tax is
 * rounded per line (unconfirmed upstream for every setting combination). A coupon is applied to
 * line prices in the entry basis (incl. tax when prices include tax, as `WC_Discounts` does) and
 * the tax is then taken out of what remains.
 */
export function computeTotals(input: TotalsInput): ComputedTotals {
  const gross = input.lines.map((l) => l.unitPrice * l.quantity);
  const discounts = allocateDiscount(gross, input.coupon);
  const lines = input.lines.map((line, i) => {
    const before = split(gross[i] ?? 0, line.taxRatePercent, input.pricesIncludeTax);
    const after = split((gross[i] ?? 0) - (discounts[i] ?? 0), line.taxRatePercent, input.pricesIncludeTax);
    return { subtotal: before.net, subtotal_tax: before.tax, total: after.net, total_tax: after.tax };
  });
  const charge = (c: ChargeSpec) => ({ total: c.total, total_tax: roundHalfUp((c.total * c.taxRatePercent) / 100) });
  const shipping = input.shipping ? charge(input.shipping) : undefined;
  const fees = input.fees.map(charge);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const cartTax = sum(lines.map((l) => l.total_tax)) + sum(fees.map((f) => f.total_tax));
  const shippingTotal = shipping?.total ?? 0;
  const shippingTax = shipping?.total_tax ?? 0;
  const totalTax = cartTax + shippingTax;
  return {
    lines,
    shipping,
    fees,
    discount_total: sum(lines.map((l) => l.subtotal - l.total)),
    discount_tax: sum(lines.map((l) => l.subtotal_tax - l.total_tax)),
    shipping_total: shippingTotal,
    shipping_tax: shippingTax,
    cart_tax: cartTax,
    total_tax: totalTax,
    total: sum(lines.map((l) => l.total)) + sum(fees.map((f) => f.total)) + shippingTotal + totalTax,
  };
}

/** Net and tax of an amount in the entry basis. */
function split(amount: number, ratePercent: number, includesTax: boolean): { net: number; tax: number } {
  if (includesTax) {
    const tax = roundHalfUp((amount * ratePercent) / (100 + ratePercent));
    return { net: amount - tax, tax };
  }
  return { net: amount, tax: roundHalfUp((amount * ratePercent) / 100) };
}

/**
 * Spreads a coupon over the lines in whole cents: each line gets its floored share, then the
 * leftover cents go one at a time to the dearest lines first (the approach of `WC_Discounts`).
 */
function allocateDiscount(gross: number[], coupon: CouponSpec | undefined): number[] {
  const cart = gross.reduce((a, b) => a + b, 0);
  if (!coupon || cart <= 0) return gross.map(() => 0);
  const target = Math.min(cart, coupon.type === 'percent' ? roundHalfUp((cart * coupon.percent) / 100) : coupon.amount);
  const shares = gross.map((g) => Math.min(g, Math.floor((target * g) / cart)));
  let left = target - shares.reduce((a, b) => a + b, 0);
  // WC_Discounts sorts items by price, dearest first, before handing out remainder cents.
  const order = gross.map((g, i) => [g, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  while (left > 0 && order.some((i) => (shares[i] ?? 0) < (gross[i] ?? 0))) {
    for (const i of order) {
      if (left === 0) break;
      if ((shares[i] ?? 0) < (gross[i] ?? 0)) {
        shares[i] = (shares[i] ?? 0) + 1;
        left--;
      }
    }
  }
  return shares;
}
