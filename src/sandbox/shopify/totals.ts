import type { Cents, OrderRecord } from './models';

export interface LineTotals {
  /** price × quantity, before discounts. */
  gross: Cents;
  discount: Cents;
  tax: Cents;
}

export interface OrderTotals {
  lines: LineTotals[];
  shippingTax: Cents;
  totalLineItems: Cents;
  totalDiscounts: Cents;
  /** Line items after discounts; includes tax when prices include tax (Shopify's `subtotal_price`). */
  subtotal: Cents;
  shipping: Cents;
  totalTax: Cents;
  total: Cents;
}

/**
 * Order amounts to the cent. The discount code applies across line items (not shipping),
 * split in proportion to each line and rounded so the parts add up to the whole. Tax is
 * computed and rounded per line (half up), on the discounted amount: extracted from the
 * price when taxes are included, added on top otherwise. Per-line rounding matches what
 * Shopify's order JSON shows (tax_lines on each line); its exact rounding rules are unconfirmed upstream.
 */
export function computeTotals(order: OrderRecord): OrderTotals {
  const gross = order.lines.map((l) => l.price * l.quantity);
  const totalLineItems = sum(gross);
  const discounts = allocateDiscount(order, gross, totalLineItems);
  const lines = order.lines.map((line, i): LineTotals => {
    const base = (gross[i] ?? 0) - (discounts[i] ?? 0);
    return { gross: gross[i] ?? 0, discount: discounts[i] ?? 0, tax: line.taxable ? taxOf(base, order.tax_rate, order.taxes_included) : 0 };
  });
  const shipping = order.shipping?.price ?? 0;
  const shippingTax = taxOf(shipping, order.tax_rate, order.taxes_included);
  const totalDiscounts = sum(discounts);
  const subtotal = totalLineItems - totalDiscounts;
  const totalTax = sum(lines.map((l) => l.tax)) + shippingTax;
  const total = subtotal + shipping + (order.taxes_included ? 0 : totalTax);
  return { lines, shippingTax, totalLineItems, totalDiscounts, subtotal, shipping, totalTax, total };
}

export function taxOf(amount: Cents, rate: number, included: boolean): Cents {
  const exact = included ? (amount * rate) / (1 + rate) : amount * rate;
  return Math.round(exact + Number.EPSILON * Math.abs(exact));
}

function allocateDiscount(order: OrderRecord, gross: Cents[], total: Cents): Cents[] {
  const discount = order.discount;
  if (!discount || total === 0) return gross.map(() => 0);
  const whole = discount.type === 'percentage' ? Math.round((total * discount.value) / 100) : Math.min(discount.value, total);
  // Largest remainder: floor each share, then give the leftover cents to the largest fractions.
  const shares = gross.map((g) => (whole * g) / total);
  const parts = shares.map(Math.floor);
  let left = whole - sum(parts);
  const order_ = shares.map((s, i) => ({ i, frac: s - Math.floor(s) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order_) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Cents as Shopify's money string: 159980 → "1599.80". */
export function money(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal string or number ("199.00", 199) as cents; undefined when it is not a price. */
export function parseMoney(value: unknown): Cents | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
