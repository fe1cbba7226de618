/**
 * JSON as PHP's `json_encode` with default flags writes it (WooCommerce sends
 * `trim(wp_json_encode($payload))`): `/` escaped as `\/`, non-ASCII as `\uXXXX`. The signature
 * covers these exact bytes, so a receiver that re-serialises the body cannot verify it.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
