import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound, ShopifyHttpError, unprocessable } from './errors';
import { parseId, type ShopifyId } from './ids';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 250;

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const raw = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The resource object under its root key (`{"product": {...}}`), or a 400 as Shopify answers. */
export function rootOf(request: FastifyRequest, key: string): Record<string, unknown> {
  const inner = bodyOf(request)[key];
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    throw new ShopifyHttpError(400, { [key]: 'Required parameter missing or invalid' });
  }
  return inner as Record<string, unknown>;
}

/** `:id` from the path (`123.json` routes strip the suffix in the route pattern). */
export function pathId(request: FastifyRequest): ShopifyId {
  const id = parseId((request.params as { id?: string }).id);
  if (id === undefined) throw notFound();
  return id;
}

export function idList(value: string | undefined): ShopifyId[] | undefined {
  if (value === undefined || value === '') return undefined;
  return value.split(',').map((part) => parseId(part.trim())).filter((id) => id !== undefined);
}

export function timestampParam(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw unprocessable(field, 'is invalid');
  return at;
}

export function limitParam(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_LIMIT;
  const limit = Number(value);
  // Shopify's answer to limit > 250 is unconfirmed upstream; the simulator refuses it.
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw unprocessable('limit', `must be between 1 and ${MAX_PAGE_LIMIT}`);
  return limit;
}

interface Cursor {
  /** The filters of the first page, carried by the cursor (Shopify forbids filters next to page_info). */
  filters: Record<string, string>;
  after: string;
}

export function decodeCursor(pageInfo: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.after === 'string' && parsed.filters && typeof parsed.filters === 'object') return parsed;
  } catch {
    // fall through
  }
  throw unprocessable('page_info', 'Invalid value.');
}

/**
 * Cursor paging by ascending id (`since_id` semantics): returns one page and sets
 * `Link: <…page_info=…>; rel="next"` when more follow. Shopify's default sort order differs
 * (unconfirmed upstream for orders); callers that walk pages see every item once either way.
 */
export function sendPage<T extends { id: ShopifyId }>(
  reply: FastifyReply,
  options: { key: string; url: string; limit: number; filters: Record<string, string>; after?: ShopifyId | undefined },
  items: T[],
  render: (item: T) => unknown,
): FastifyReply {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).filter((i) => options.after === undefined || i.id > options.after);
  const page = sorted.slice(0, options.limit);
  const last = page[page.length - 1];
  if (sorted.length > page.length && last) {
    const cursor: Cursor = { filters: options.filters, after: String(last.id) };
    const token = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    reply.header('Link', `<${options.url}?limit=${options.limit}&page_info=${token}>; rel="next"`);
  }
  return reply.send({ [options.key]: page.map(render) });
}

export interface PageRequest {
  limit: number;
  filters: Record<string, string>;
  after: ShopifyId | undefined;
}

/** Limit, filters and start of one list page: from the query, or from a `page_info` cursor. */
export function pageRequest(q: Record<string, string | undefined>, filterNames: readonly string[]): PageRequest {
  const limit = limitParam(q.limit);
  if (q.page_info) {
    const cursor = decodeCursor(q.page_info);
    return { limit, filters: cursor.filters, after: parseId(cursor.after) };
  }
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const value = q[name];
    if (value !== undefined && value !== '') filters[name] = value;
  }
  return { limit, filters, after: parseId(q.since_id) };
}
