import { decimalPlaces, ECONOMIC_MAX_DECIMALS } from './limits';

/** The amounts of one e-conomic line: at most 2 decimals each (`maxDecimal: 2`, E04740). */
export interface EconomicLineAmounts {
  quantity: number;
  unitNetPrice: number;
  discountPercentage?: number;
}

/** A Rackbeat line's amounts: the price and discount may carry more decimals than e-conomic takes. */
export interface SourceLineAmounts {
  quantity: number;
  line_price: number;
  discount_percentage?: number | undefined;
  /** Rackbeat's VAT percent on the line, when it says: keeps the per-line VAT equal when a line is split. */
  vat_percentage?: number | undefined;
}

/** Half away from zero to whole cents, in float arithmetic as Rackbeat's ledger rounding is modelled (views.ts). */
function toCents(amount: number): number {
  return Math.sign(amount) * Math.round((Math.abs(amount) + Number.EPSILON) * 100);
}

/** Whether `amount` is within float noise of a half cent, where rounding conventions could part. */
function nearHalfCent(amount: number): boolean {
  const fraction = Math.abs(amount * 100) % 1;
  return Math.abs(fraction - 0.5) < 1e-6;
}

/** The net in cents when any half-away or decimal rounding agrees on it; undefined on a half-cent edge. */
function clearNet(quantity: number, price: number, discountPercentage = 0): number | undefined {
  const exact = quantity * price * (1 - discountPercentage / 100);
  return nearHalfCent(exact) ? undefined : toCents(exact);
}

/**
 * A line's net total in cents: `quantity × price × (1 − discount %)` rounded half away from zero,
 * per line. Rackbeat (src/sandbox/rackbeat/views.ts, rackbeat-amounts.ts) and e-conomic (the
 * booked line's `totalNetAmount`, traels `invoice_book.json`) both compute and round per line.
 */
export function lineNetCents(quantity: number, price: number, discountPercentage = 0): number {
  return toCents(quantity * price * (1 - discountPercentage / 100));
}

/** VAT in cents on a line net, rounded per line as e-conomic's booked lines show (`vatAmount`). */
export function lineVatCents(netCents: number, vatPercent: number): number {
  return toCents(((netCents / 100) * vatPercent) / 100);
}

const cents = (value: number): number => Math.round(value) / 100;
const fits = (value: number): boolean => decimalPlaces(value) <= ECONOMIC_MAX_DECIMALS;
/** 0, 1, −1, 2, −2, …: candidates nearest the exact value first. */
const offsets = (reach: number): number[] => [0, ...Array.from({ length: reach }, (_, i) => [i + 1, -(i + 1)]).flat()];

/**
 * e-conomic lines whose net total is exactly the Rackbeat line's, every amount with at most 2
 * decimals. A fixed shop discount arrives as a percentage like 3.333333 and a price may carry 4
 * decimals; e-conomic refuses both (E04740), and rounding them would move the total. In order:
 *
 * 1. the line as it is, when it already fits;
 * 2. the same price with the nearest 2-decimal discount percentage that gives the same net;
 * 3. the discount folded into the unit price (no percentage): the nearest 2-decimal price whose
 *    line net is the same;
 * 4. two lines of the same product, `quantity − 1` and `1`, at folded prices that add up to the
 *    net to the cent (chosen so the two lines' VAT adds up to the VAT on the whole line).
 *
 * Quantity is never changed (stock), and every line keeps its product (its VAT). Quantities with
 * more than 2 decimals cannot be represented: preflight holds those orders.
 */
export function economicLineAmounts(line: SourceLineAmounts): EconomicLineAmounts[] {
  const { quantity, line_price: price } = line;
  const discount = line.discount_percentage ?? 0;
  const net = lineNetCents(quantity, price, discount);
  const withDiscount = (d: number): EconomicLineAmounts => ({ quantity, unitNetPrice: price, ...(d ? { discountPercentage: d } : {}) });
  if (fits(price) && fits(discount)) return [withDiscount(discount)];

  if (fits(price) && discount > 0) {
    const nearest = Math.round(discount * 100);
    for (const k of offsets(50)) {
      const d = cents(nearest + k);
      if (d > 0 && d <= 100 && clearNet(quantity, price, d) === net) return [withDiscount(d)];
    }
  }

  if (quantity === 0) return [{ quantity, unitNetPrice: cents(Math.round(price * 100)) }];
  const folded = Math.round(net / quantity);
  for (const k of offsets(3)) {
    const unitNetPrice = cents(folded + k);
    if (clearNet(quantity, unitNetPrice) === net) return [{ quantity, unitNetPrice }];
  }
  if (Math.abs(quantity) <= 1) {
    // Unreachable for |quantity| ≤ 1 (a cent of price moves the net by at most a cent): the nearest.
    return [{ quantity, unitNetPrice: cents(folded) }];
  }
  return split(quantity, net, folded, line.vat_percentage);
}

/** Whether the two parts' VAT, each clear of a half cent (so any rounding agrees), adds up to the whole's. */
function vatAddsUp(aCents: number, bCents: number, wholeCents: number, vatPercent: number): boolean {
  const clear = (n: number): boolean => !nearHalfCent((n * vatPercent) / 10000);
  return clear(aCents) && clear(bCents) && lineVatCents(aCents, vatPercent) + lineVatCents(bCents, vatPercent) === lineVatCents(wholeCents, vatPercent);
}

/** `quantity − 1` at one price and `1` at the price that makes up the net (|quantity| > 1 here). */
function split(quantity: number, net: number, folded: number, vatPercent: number | undefined): EconomicLineAmounts[] {
  const one = Math.sign(quantity);
  const rest = cents(Math.round((quantity - one) * 100));
  const candidates = offsets(25).map((k) => {
    const main = cents(folded + k);
    const restNet = clearNet(rest, main);
    if (restNet === undefined) return undefined;
    const last = (net - restNet) * one;
    return { main, last, vatKept: vatPercent === undefined || vatAddsUp(restNet, net - restNet, net, vatPercent) };
  }).filter((c) => c !== undefined);
  const chosen = candidates.find((c) => c.vatKept) ?? candidates[0];
  if (chosen === undefined) throw new Error('unreachable: no split candidates');
  return [
    { quantity: rest, unitNetPrice: chosen.main },
    { quantity: one, unitNetPrice: cents(chosen.last) },
  ];
}
