import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/** JSON text with bigint values written as raw numbers, as Shopify writes its ids. */
export function toJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/**
 * Parses JSON keeping integers beyond 2^53 exact, as decimal strings (ids are read with
 * `parseId`, which takes both). Strings rather than bigint so the request log stays
 * serialisable by the sandbox's plain JSON routes.
 */
export function fromJson(text: string): unknown {
  return parse(text, null, (raw) => (isInteger(raw) && !isSafeNumber(raw) ? raw : Number(raw)));
}
