import type { FastifyReply, FastifyRequest } from 'fastify';

/** A 422 the way Laravel (and so Rackbeat) answers it: `{message, errors: {field: [messages]}}`. */
export class ValidationFailure extends Error {
  readonly statusCode = 422;
  constructor(readonly errors: Record<string, string[]>) {
    super(Object.values(errors)[0]?.[0] ?? 'The given data was invalid.');
  }
}

export class ResourceNotFound extends Error {
  readonly statusCode = 404;
}

export function invalid(field: string, message: string): ValidationFailure {
  return new ValidationFailure({ [field]: [message] });
}

/** Collects validation messages per field so one 422 reports every problem. */
export class Problems {
  private readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  merge(other: Problems): void {
    for (const [field, messages] of Object.entries(other.errors)) for (const message of messages) this.add(field, message);
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw new ValidationFailure(this.errors);
  }
}

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 1000;

export interface ListSpec {
  /** Key of the array in the answer: the pluralised resource key (`orders`, `customer_invoices`). */
  key: string;
  /** Boolean fields usable as direct filters (`?is_booked=true`). */
  flags?: readonly string[];
  /** Fields `search=` looks in. */
  searchIn?: readonly string[];
  /** Other exact-match filters, query name → field (`customer_id`, `event`). */
  exact?: Readonly<Record<string, string>>;
}

/**
 * Rackbeat lists: `206 Partial Content` with `{<plural>, total, pages, limit, page}` (devdocs
 * `pagination`), after direct, `simple_filter[field]`, `search`, `updated_at_from/_to` filters
 * and `order_by`/`order_direction` sorting (devdocs `filtering`).
 */
export function sendList(request: FastifyRequest, reply: FastifyReply, spec: ListSpec, rendered: Record<string, unknown>[]): FastifyReply {
  const query = queryOf(request);
  const from = parseTimestamp(query.updated_at_from, 'updated_at_from');
  const to = parseTimestamp(query.updated_at_to, 'updated_at_to');
  let items = rendered.filter((item) => {
    const at = typeof item.updated_at === 'string' ? Date.parse(item.updated_at) : undefined;
    return at === undefined || ((from === undefined || at >= from) && (to === undefined || at <= to));
  });
  for (const flag of spec.flags ?? []) {
    const wanted = boolFilter(query[flag]);
    if (wanted !== undefined) items = items.filter((item) => item[flag] === wanted);
  }
  for (const [name, field] of Object.entries(spec.exact ?? {})) {
    const wanted = query[name];
    if (wanted !== undefined && wanted !== '') items = items.filter((item) => textOf(item[field]) === wanted);
  }
  for (const [name, wanted] of Object.entries(query)) {
    const field = /^simple_filter\[(\w+)\]$/.exec(name)?.[1];
    if (field && wanted !== undefined) items = items.filter((item) => textOf(item[field]) === wanted);
  }
  const search = query.search?.toLowerCase();
  if (search) items = items.filter((item) => (spec.searchIn ?? []).some((f) => textOf(item[f]).toLowerCase().includes(search)));
  if (query.order_by) items = sortBy(items, query.order_by, query.order_direction?.toUpperCase() === 'DESC' ? -1 : 1);

  const limit = clamp(toInt(query.limit) ?? DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT);
  const page = Math.max(1, toInt(query.page) ?? 1);
  const pages = Math.max(1, Math.ceil(items.length / limit));
  const slice = items.slice((page - 1) * limit, page * limit);
  return reply.code(206).send({ [spec.key]: slice, total: items.length, pages, limit, page });
}

function sortBy(items: Record<string, unknown>[], field: string, direction: 1 | -1): Record<string, unknown>[] {
  return [...items].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
    return textOf(x).localeCompare(textOf(y)) * direction;
  });
}

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const raw = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** `?suppress_webhooks=true` or `"suppress_webhooks": true` in the body (devdocs `monitoring-security`). */
export function suppressesWebhooks(request: FastifyRequest): boolean {
  const fromQuery = queryOf(request).suppress_webhooks;
  const fromBody = bodyOf(request).suppress_webhooks;
  return isTruthy(fromQuery) || fromBody === true || isTruthy(typeof fromBody === 'string' ? fromBody : undefined);
}

export function isTruthy(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** A boolean filter: undefined when absent, so the caller can skip it. */
export function boolFilter(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return isTruthy(value);
}

/** Accepts Rackbeat's `YYYY-MM-DD HH:MM:SS` (UTC) and ISO timestamps. */
export function parseTimestamp(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}(?::\d{2})?))?$/.exec(value);
  const at = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`) : Date.parse(value);
  if (Number.isNaN(at)) throw invalid(field, `The ${field} is not a valid date.`);
  return at;
}

export function intParam(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new ResourceNotFound(`${what} ${value} not found.`);
  return Number(value);
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
