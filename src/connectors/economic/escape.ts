/**
 * e-conomic escaping rules. Ids in URL paths (restdocs "Special characters in ids", §7.3) replace
 * special characters with `_N_` codes, then URL-encode; filter values (§7.2) escape the filter
 * syntax's own characters with `$`.
 */

/** `_` must be escaped before anything else, or the `_N_` codes get escaped again (traels `id_to_url_formatted_id`). */
const PATH_ESCAPES: readonly (readonly [string, string])[] = [
  ['_', '_8_'],
  ['<', '_0_'],
  ['>', '_1_'],
  ['*', '_2_'],
  ['%', '_3_'],
  [':', '_4_'],
  ['&', '_5_'],
  ['/', '_6_'],
  ['\\', '_7_'],
  [' ', '_9_'],
  ['?', '_10_'],
  ['.', '_11_'],
  ['#', '_12_'],
  ['+', '_13_'],
];

/** `My Awesome Product_Discount5%` → `My_9_Awesome_9_Product_8_Discount5_3_`. */
export function escapePathId(id: string | number): string {
  let escaped = String(id);
  for (const [from, to] of PATH_ESCAPES) escaped = escaped.split(from).join(to);
  return encodeURIComponent(escaped);
}

const FILTER_SPECIALS = /[$()*,[\]]/g;

/** Escapes a literal filter value: `$`→`$$`, `(`→`$(`, `)`→`$)`, `*`→`$*`, `,`→`$,`, `[`→`$[`, `]`→`$]`. */
export function escapeFilterValue(value: string): string {
  return value.replace(FILTER_SPECIALS, (ch) => `$${ch}`);
}
