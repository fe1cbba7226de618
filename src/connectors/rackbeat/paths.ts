/**
 * PHP's `rawurlencode`, which the official SDK applies to keys in paths (laravel-client
 * `ResourceUrlTest`): like encodeURIComponent, but `!'()*` are escaped too. `ABC/123` →
 * `ABC%2F123`. Encoded once: kg-bot's client double-encodes, which the official SDK does not.
 */
export function rawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Rackbeat's date filter format, `YYYY-MM-DD HH:MM:SS` in UTC (devdocs `filtering`). */
export function formatRackbeatTimestamp(value: Date | string): string {
  if (typeof value === 'string') return value;
  return value.toISOString().slice(0, 19).replace('T', ' ');
}
