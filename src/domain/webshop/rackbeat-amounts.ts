import { type Cents, roundMoney } from './money';

/**
 * Order amounts exactly as Rackbeat computes them, so a mapping can predict the total.
 * The simulator (src/sandbox/rackbeat/views.ts) uses the same `roundMoney`: each line's net total is
 * `quantity × line_price × (1 − discount %)` rounded to cents, its VAT is that net × rate
 * rounded to cents, and the order sums the rounded lines. Real Rackbeat's rounding is not
 * documented (inferred — check against an account); keep this and the simulator in step.
 */
export interface RackbeatLineAmounts {
  quantity: number;
  line_price: number;
  discount_percentage?: number | undefined;
  /** VAT percent Rackbeat applies to the line's product in the order's VAT zone. */
  vatPercent: number;
}


const toCents = (amount: number): Cents => Math.round(amount * 100);

export function rackbeatLineNet(quantity: number, linePrice: number, discountPercentage = 0): Cents {
  return toCents(roundMoney(quantity * linePrice * (1 - discountPercentage / 100)));
}

export function rackbeatVat(netCents: Cents, vatPercent: number): Cents {
  return toCents(roundMoney(((netCents / 100) * vatPercent) / 100));
}

export interface RackbeatTotals {
  subtotal: Cents;
  vat: Cents;
  total: Cents;
}

export function rackbeatOrderTotals(lines: readonly RackbeatLineAmounts[]): RackbeatTotals {
  const nets = lines.map((l) => rackbeatLineNet(l.quantity, l.line_price, l.discount_percentage ?? 0));
  const subtotal = nets.reduce((a, b) => a + b, 0);
  const vat = nets.reduce((sum, net, i) => sum + rackbeatVat(net, lines[i]?.vatPercent ?? 0), 0);
  return { subtotal, vat, total: subtotal + vat };
}
