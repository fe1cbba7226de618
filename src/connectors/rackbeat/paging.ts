import { formatRackbeatTimestamp } from './paths';
import type { Page } from './schemas';
import type { ListQuery } from './types';

export type Query = Record<string, string | number | boolean | undefined>;

/** Follows `page` until `pages`, yielding every item once. */
export async function* iteratePages<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    yield* result.items;
    if (page >= result.pages || result.items.length === 0) return;
  }
}

/** List filters as query parameters; dates in Rackbeat's filter format. */
export function toQuery(query: ListQuery): Query {
  const result: Query = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (value instanceof Date) result[key] = formatRackbeatTimestamp(value);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[key] = value;
  }
  return result;
}
