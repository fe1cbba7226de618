import { headerValue } from '../http';

/** `X-WP-TotalPages` of a WP REST collection answer; 1 when absent or unreadable. */
export function totalPages(headers: Record<string, unknown>): number {
  const value = Number(headerValue(headers, 'x-wp-totalpages'));
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** `2026-11-22T00:28:18`: the form WooCommerce date filters take (`dates_are_gmt=true` makes it UTC). */
export function formatWooGmt(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date.toISOString().slice(0, 19);
}
