import { escapeFilterValue } from './escape';

/**
 * Builds `filter=` expressions (restdocs "Filtering"). Values are escaped here; the query string
 * is URL-encoded by the HTTP core. Combine with {@link and} / {@link or}, which add parentheses.
 */
export type FilterValue = string | number | boolean | null;
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

export function where(property: string, op: ComparisonOperator, value: FilterValue): string {
  return `${property}$${op}:${formatValue(value)}`;
}

export function eq(property: string, value: FilterValue): string {
  return where(property, 'eq', value);
}

/** `$like:`; `*` in `pattern` is a wildcard, other text is escaped. Without `*` it means "contains". */
export function like(property: string, pattern: string): string {
  return `${property}$like:${pattern.split('*').map(escapeFilterValue).join('*')}`;
}

/** `$in:` / `$nin:` work on numeric properties only, with at most 200 values. */
export function isIn(property: string, values: readonly number[], negate = false): string {
  if (values.length === 0 || values.length > 200) throw new RangeError(`$in takes 1 to 200 values, got ${values.length}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('$in takes finite numbers only');
  return `${property}$${negate ? 'nin' : 'in'}:[${values.join(',')}]`;
}

export function and(...parts: string[]): string {
  return combine('$and:', parts);
}

export function or(...parts: string[]): string {
  return combine('$or:', parts);
}

function combine(operator: string, parts: string[]): string {
  if (parts.length === 1) return parts[0] as string;
  return parts.map((p) => `(${p})`).join(operator);
}

function formatValue(value: FilterValue): string {
  if (value === null) return '$null:';
  if (typeof value === 'string') return escapeFilterValue(value);
  return String(value);
}
