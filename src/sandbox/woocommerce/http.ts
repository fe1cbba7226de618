import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidParams } from './errors';

export type Json = Record<string, unknown>;

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const raw = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
}

export function bodyOf(request: FastifyRequest): Json {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
}

/** A numeric path id; anything else is the resource's 404, as WordPress's route regex `(?P<id>[\d]+)` does. */
export function idParam(request: FastifyRequest, name: string, notFound: () => Error): number {
  const value = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d+$/.test(value)) throw notFound();
  return Number(value);
}

/** WP's `rest_sanitize_boolean`: true/false, "1"/"0", "true"/"false", "yes"/"no". */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'yes') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'no' || value === '') return false;
  return undefined;
}

/** WP accepts integers and integer strings for `type: integer`. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

/**
 * A WP REST collection page: the array itself, with `X-WP-Total`, `X-WP-TotalPages` and a
 * `Link` header (`rel="next"`/`"prev"`). `per_page` above 100 is a 400, as the schema says.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, items: Json[], collectionUrl: string): FastifyReply {
  const query = queryOf(request);
  const perPage = query.per_page === undefined ? DEFAULT_PER_PAGE : toInteger(query.per_page);
  const page = query.page === undefined ? 1 : toInteger(query.page);
  const problems: Record<string, string> = {};
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) problems.per_page = `per_page must be between 1 (inclusive) and ${MAX_PER_PAGE} (inclusive)`;
  if (page === undefined || page < 1) problems.page = 'page must be greater than or equal to 1';
  if (Object.keys(problems).length > 0 || perPage === undefined || page === undefined) throw invalidParams(problems);
  const totalPages = Math.ceil(items.length / perPage);
  const links: string[] = [];
  const pageUrl = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    params.set('page', String(n));
    return `<${collectionUrl}?${params.toString()}>`;
  };
  if (page > 1 && page <= totalPages + 1) links.push(`${pageUrl(page - 1)}; rel="prev"`);
  if (page < totalPages) links.push(`${pageUrl(page + 1)}; rel="next"`);
  if (links.length > 0) void reply.header('Link', links.join(', '));
  return reply
    .header('X-WP-Total', String(items.length))
    .header('X-WP-TotalPages', String(totalPages))
    .send(items.slice((page - 1) * perPage, page * perPage));
}

/** Sorts by a field of the rendered items (`date_created_gmt`, `id`, …). */
export function sortItems(items: Json[], field: string, direction: 'asc' | 'desc'): Json[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (cmp || Number(a.id) - Number(b.id)) * sign;
  });
}

/** A string field, or the fallback when absent or not a scalar. */
export function textOf(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}
