import { parseDateFilter } from './dates';
import { invalidParams } from './errors';
import { toBoolean, toInteger } from './http';

export interface TimeFilter {
  field: 'created_at' | 'modified_at';
  op: 'after' | 'before';
  at: number;
}

/** `after`/`before` (creation) and `modified_after`/`modified_before`, honouring `dates_are_gmt`. */
export function readTimeFilters(query: Record<string, string | undefined>, timeZone: string): TimeFilter[] {
  const gmt = toBoolean(query.dates_are_gmt) === true;
  const filters: TimeFilter[] = [];
  const problems: Record<string, string> = {};
  const specs: Array<[string, TimeFilter['field'], TimeFilter['op']]> = [
    ['after', 'created_at', 'after'],
    ['before', 'created_at', 'before'],
    ['modified_after', 'modified_at', 'after'],
    ['modified_before', 'modified_at', 'before'],
  ];
  for (const [name, field, op] of specs) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    const at = parseDateFilter(value, gmt, timeZone);
    if (at === undefined) problems[name] = 'Invalid date.';
    else filters.push({ field, op, at });
  }
  if (Object.keys(problems).length > 0) throw invalidParams(problems);
  return filters;
}

/** WordPress date queries are exclusive: `after` means strictly later, to the second. */
export function matchesTime(record: { created_at: number; modified_at: number }, filters: TimeFilter[]): boolean {
  return filters.every((f) => (f.op === 'after' ? record[f.field] > f.at : record[f.field] < f.at));
}

export function readIdList(value: string | undefined, field: string): number[] | undefined {
  if (value === undefined || value === '') return undefined;
  const ids = value.split(',').map((v) => toInteger(v));
  if (ids.some((id) => id === undefined)) throw invalidParams({ [field]: `${field} is not of type array.` });
  return ids as number[];
}

export function readEnum<T extends string>(value: string | undefined, field: string, options: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!(options as readonly string[]).includes(value)) throw invalidParams({ [field]: `${field} is not one of ${options.join(', ')}.` });
  return value as T;
}
