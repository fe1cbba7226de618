import { z } from 'zod';
import { parseCents } from './money';

/**
 * An id as a decimal string. The caller parses bodies losslessly and passes strings; a number
 * is accepted only while it is a safe integer, because a larger one was already rounded.
 */
export const idSchema = z.union([
  z.string().regex(/^\d+$/, 'an id must be decimal digits'),
  z.number().int().refine(Number.isSafeInteger, 'an id above 2^53 arrived as a rounded number; parse the body losslessly'),
]).transform(String);

/** A money value ("199.00", "0.9", or a number) as exact cents; anything else is an issue, never 0. */
export const centsSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const cents = parseCents(value);
  if (cents === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a decimal amount: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return cents;
});

/** An optional text that shops send as '', null or missing alike. */
export const textSchema = z.string().nullish().transform((v) => (v === null || v === undefined || v.trim() === '' ? null : v.trim()));

export const quantitySchema = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().nonnegative());

export function fullName(...parts: (string | null | undefined)[]): string | null {
  const joined = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()).join(' ');
  return joined === '' ? null : joined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…' };

/** WooCommerce sends product and line names HTML-encoded ("Ship Your Idea &ndash; Color: Black"). */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}
