import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings: Shopify's ids exceed
 * it (`820982911946154508` would become `…500`). The schemas then turn every id into a string.
 */
export function parseShopifyJson(text: string): unknown {
  return parse(text, null, (raw) => (isInteger(raw) && !isSafeNumber(raw) ? raw : Number(raw)));
}
