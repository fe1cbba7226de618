/**
 * Parses an HTTP `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns milliseconds from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | string[] | undefined | null, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw.trim() === '') return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
