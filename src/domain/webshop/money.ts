/**
 * Money as integer minor units (cents). Every currency rackbridge meets (DKK, EUR, SEK, NOK,
 * USD) has two decimals; a zero- or three-decimal currency would need a scale here first.
 */
export type Cents = number;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string or number ("199.00", "0.9", 12) into cents, exactly: digits are read
 * from the text, never multiplied as floats. More than two decimals are rounded half away from
 * zero (WooCommerce can be set to store more decimals than the shop shows). Returns undefined
 * when the value is not a decimal: callers hold instead of guessing a price.
 */
export function parseCents(value: string | number): Cents | undefined {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(3, '0');
  let cents = Number(whole) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return undefined;
  return sign ? -cents : cents;
}

function numberToPlainString(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // toFixed(9) avoids exponent notation; 9 decimals is far below any price precision.
  return value.toFixed(9).replace(/\.?0+$/, '');
}

/** Cents → the decimal number Rackbeat's JSON takes (12345 → 123.45). Exact for cents. */
export function centsToAmount(cents: Cents): number {
  return Number((cents / 100).toFixed(2));
}

/** "12.50"-style text for messages. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rounds a (float) cent amount half away from zero, the ledger way. */
/** Half away from zero to cents, in float arithmetic, as a ledger rounds (and Rackbeat per line): a credit rounds to its invoice negated. */
export function roundMoney(value: number): number {
  return (Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * 100)) / 100;
}

export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value) + 1e-9);
}

/** A tax rate in percent from Shopify's fraction (0.25 → 25), kept to 4 decimals to drop float noise. */
export function percentFromFraction(rate: number): number {
  return Number((rate * 100).toFixed(4));
}

/** Shares a cent amount over weights, largest remainder first, so the parts sum exactly. */
export function allocateCents(total: Cents, weights: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map((r) => Math.trunc(r));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest === 0) break;
    const step = Math.sign(rest);
    parts[i] = (parts[i] ?? 0) + step;
    rest -= step;
  }
  return parts;
}
