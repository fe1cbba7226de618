/**
 * e-conomic's id escaping in URL paths (restdocs "Special characters in ids"). The simulator keeps
 * its own copy on purpose: it must not share code with the connector it checks.
 */
const CODES: Record<string, string> = {
  '0': '<', '1': '>', '2': '*', '3': '%', '4': ':', '5': '&', '6': '/', '7': '\\', '8': '_', '9': ' ',
  '10': '?', '11': '.', '12': '#', '13': '+',
};

/** Undoes the `_N_` escapes of a path segment that is already URL-decoded. */
export function unescapeId(segment: string): string {
  return segment.replace(/_(\d{1,2})_/g, (match, code: string) => CODES[code] ?? match);
}

export function escapeId(id: string): string {
  const reverse = Object.fromEntries(Object.entries(CODES).map(([code, ch]) => [ch, `_${code}_`]));
  return encodeURIComponent([...id].map((ch) => reverse[ch] ?? ch).join(''));
}

/** The id in the last segment of a `self` link. */
export function idFromSelf(self: string): string {
  const segment = self.replace(/[?#].*$/, '').split('/').pop() ?? '';
  try {
    return unescapeId(decodeURIComponent(segment));
  } catch {
    return unescapeId(segment);
  }
}
