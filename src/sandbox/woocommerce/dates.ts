/** `2026-11-22T00:28:18`: WordPress's REST date format (no zone; the `_gmt` twin is UTC). */
export function formatGmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The same instant in the site's time zone, as the non-GMT date fields show it. */
export function formatLocal(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Milliseconds between the site's wall clock and UTC at `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  return Date.parse(`${formatLocal(ms, timeZone)}Z`) - ms;
}

/**
 * Reads a date filter (`after`, `modified_after`). With `dates_are_gmt` the wall-clock value is
 * UTC; without it WordPress compares it with the site-local column, so it is site-local time.
 * A zone suffix on the value is ignored either way (unconfirmed upstream).
 */
export function parseDateFilter(value: string, gmt: boolean, timeZone: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(value.trim());
  if (!match) return undefined;
  const wall = Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  if (Number.isNaN(wall)) return undefined;
  return gmt ? wall : wall - offsetMs(wall, timeZone);
}
