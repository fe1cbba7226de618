import type { Cents } from './money';
import { rackbeatLineNet, rackbeatVat } from './rackbeat-amounts';

/**
 * The net (excl. VAT) cents whose Rackbeat VAT makes exactly `gross`: prefers the shop's own
 * net, else the nearest one that works. Some gross amounts have no such net (at 25 % the
 * gross steps by 1 or 2 cents as the net steps by 1): then the net whose gross falls just
 * short is returned with `exact: false`, so the rounding line that absorbs the cent is
 * positive (Rackbeat refuses negative line prices in the simulator).
 */
export function netForGross(gross: Cents, vatPercent: number, shopNet: Cents): { net: Cents; exact: boolean } {
  const grossOf = (net: Cents): Cents => net + rackbeatVat(net, vatPercent);
  if (grossOf(shopNet) === gross) return { net: shopNet, exact: true };
  const centre = Math.round(gross / (1 + vatPercent / 100));
  const nets = [-3, -2, -1, 0, 1, 2, 3].map((d) => centre + d);
  const exact = nets.filter((n) => grossOf(n) === gross).sort((a, b) => Math.abs(a - shopNet) - Math.abs(b - shopNet) || a - b)[0];
  if (exact !== undefined) return { net: exact, exact: true };
  const below = nets.filter((n) => grossOf(n) < gross).sort((a, b) => grossOf(b) - grossOf(a) || b - a)[0];
  return { net: below ?? shopNet, exact: false };
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/**
 * The discount percentage to show: the plainest value (10 before 10.01) that moves the
 * line's discount by at most one cent from the shop's, so the customer's "10 %" stays 10 %.
 */
export function discountPercentFor(subtotal: Cents, discount: Cents): number {
  if (discount === 0 || subtotal === 0) return 0;
  const exact = (discount / subtotal) * 100;
  for (const decimals of [0, 1, 2, 4]) {
    const candidate = round(exact, decimals);
    if (Math.abs((candidate / 100) * subtotal - discount) <= 1 && candidate > 0 && candidate <= 100) return candidate;
  }
  return round(exact, 6);
}

/**
 * A unit price (excl. VAT) for which Rackbeat's rounded line net is exactly `net` cents, with
 * at most `maxDecimals` decimals. Tries the shop's natural unit price first, then the exact
 * quotient at growing precision, so prices stay as short as the numbers allow. When no price
 * that short hits the net, the nearest one is returned with `exact: false` and the order-level
 * rounding line absorbs the difference.
 */
export function unitPriceFor(net: Cents, quantity: number, discountPercent: number, maxDecimals: number, naturalUnitPrice?: number): { price: number; exact: boolean } {
  const hits = (price: number): boolean => rackbeatLineNet(quantity, price, discountPercent) === net;
  if (naturalUnitPrice !== undefined) {
    for (let decimals = 2; decimals <= Math.min(4, maxDecimals); decimals += 1) {
      const price = round(naturalUnitPrice, decimals);
      if (hits(price)) return { price, exact: true };
    }
  }
  const factor = quantity * (1 - discountPercent / 100);
  if (factor === 0) return { price: round(naturalUnitPrice ?? 0, maxDecimals), exact: net === 0 };
  const exact = net / 100 / factor;
  for (let decimals = 2; decimals <= maxDecimals; decimals += 1) {
    const price = round(exact, decimals);
    if (hits(price)) return { price, exact: true };
  }
  return { price: round(exact, maxDecimals), exact: false };
}
