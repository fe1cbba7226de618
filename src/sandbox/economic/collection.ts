import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';
import { type Filterable, parseFilter } from './filter';
import type { Doc } from './store';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;

export interface CollectionOptions {
  /** Filters run on the presented documents, so links such as `soap.orderHandle.id` can be filtered. */
  /** Absolute URL of the collection, for paging links. */
  url: string;
  filterable: Filterable;
  present: (doc: Doc) => Doc;
  /** The collection's `metaData` (traels `orders_drafts.json`: `{}`; `products_0.json`: `create`). */
  metaData?: (firstPage: string) => Doc;
}

/**
 * The collection envelope (restdocs "Pagination"): `collection`, `pagination` with
 * `firstPage`/`nextPage`/`lastPage` links (`nextPage` absent on the last page), and `self`.
 */
export function collection(request: FastifyRequest, items: Doc[], options: CollectionOptions): Doc {
  const query = request.query as Record<string, string | undefined>;
  const skipPages = intParam(query.skippages, 'skippages', 0);
  const pageSize = intParam(query.pagesize, 'pagesize', DEFAULT_PAGE_SIZE);
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badRequest(`pagesize must be between 1 and ${MAX_PAGE_SIZE}.`, 'Use skippages to page through larger collections.');
  }
  const filter = query.filter;
  const presented = items.map(options.present);
  const matching = filter ? presented.filter(parseFilter(filter, options.filterable)) : presented;
  const lastPageIndex = Math.max(0, Math.ceil(matching.length / pageSize) - 1);
  const page = (skip: number): string => {
    const params = new URLSearchParams({ skippages: String(skip), pagesize: String(pageSize) });
    if (filter) params.set('filter', filter);
    if (query.demo === 'true') params.set('demo', 'true');
    return `${options.url}?${params.toString()}`;
  };
  const pagination: Doc = {
    maxPageSizeAllowed: MAX_PAGE_SIZE,
    skipPages,
    pageSize,
    results: matching.length,
    resultsWithoutFilter: items.length,
    firstPage: page(0),
  };
  if (skipPages > 0) pagination.previousPage = page(Math.min(skipPages - 1, lastPageIndex));
  if (skipPages < lastPageIndex) pagination.nextPage = page(skipPages + 1);
  pagination.lastPage = page(lastPageIndex);
  return {
    collection: matching.slice(skipPages * pageSize, (skipPages + 1) * pageSize),
    pagination,
    ...(options.metaData ? { metaData: options.metaData(page(0)) } : {}),
    self: page(skipPages),
  };
}

function intParam(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`The query parameter '${name}' must be a non-negative integer.`, 'See https://restdocs.e-conomic.com/#pagination.');
  return n;
}
