/** Query parameters that carry credentials in some APIs (WooCommerce consumer keys, signatures). */
const SECRET_PARAM = /(key|secret|token|signature|password|auth)/i;

/** Strips credentials from a URL before it goes into an error message or a log line. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const base = url.slice(0, queryAt);
  const params = new URLSearchParams(url.slice(queryAt + 1));
  for (const name of [...params.keys()]) {
    if (SECRET_PARAM.test(name)) params.set(name, 'REDACTED');
  }
  const query = params.toString();
  return query ? `${base}?${decodeURIComponent(query)}` : base;
}
