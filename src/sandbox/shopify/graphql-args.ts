/**
 * Just enough GraphQL reading to recognise the operations rackbridge sends: which root fields
 * a document names, and scalar arguments given as literals or `$variables`. Input objects
 * must come as variables (rackbridge always sends them so).
 */
export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

export function stripComments(query: string): string {
  return query.replace(/#[^\n]*/g, '');
}

export function isMutation(query: string): boolean {
  return /^\s*mutation\b/.test(stripComments(query));
}

/** Whether the document selects `field` followed by arguments or a selection set. */
export function selects(query: string, field: string): boolean {
  return new RegExp(`\\b${field}\\s*[({]`).test(stripComments(query));
}

const VALUE = String.raw`(\$\w+|"(?:[^"\\]|\\.)*"|-?\d+|true|false|null)`;

/** The argument `name` of the first `field(...)` call, resolved against the variables. */
export function argument(request: GraphqlRequest, field: string, name: string): unknown {
  const call = new RegExp(String.raw`\b${field}\s*\(([^)]*)\)`).exec(stripComments(request.query));
  if (!call?.[1]) return undefined;
  const match = new RegExp(String.raw`\b${name}\s*:\s*${VALUE}`).exec(call[1]);
  return match?.[1] === undefined ? undefined : literal(match[1], request.variables);
}

/** The key of an `@idempotent(key: ...)` directive, or undefined when there is none. */
export function idempotencyKey(request: GraphqlRequest): unknown {
  const match = new RegExp(String.raw`@idempotent\s*\(\s*key\s*:\s*${VALUE}\s*\)`).exec(stripComments(request.query));
  return match?.[1] === undefined ? undefined : literal(match[1], request.variables);
}

function literal(text: string, variables: Record<string, unknown>): unknown {
  if (text.startsWith('$')) return variables[text.slice(1)];
  if (text.startsWith('"')) return JSON.parse(text) as unknown;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return Number(text);
}

/** Whether the API version requires `@idempotent` on inventory mutations (mandatory from 2026-04). */
export function requiresIdempotency(apiVersion: string): boolean {
  return apiVersion === 'unstable' || apiVersion >= '2026-04';
}
