/**
 * A Rackbeat timestamp as milliseconds, for comparing Rackbeat's timestamps with each other.
 * Both forms are accepted (the format is not settled upstream): ISO 8601 with an offset, and
 * `YYYY-MM-DD HH:MM:SS` without one, read as UTC. Only order matters, so the unknown time zone of
 * the second form cannot misplace one change against another.
 */
export function rackbeatTimeMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const naive = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  const ms = Date.parse(naive ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}
