import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ERROR_CODES, type IssuePath, Issues } from './errors';
import { decimals } from './validation';

/**
 * Contract mode: every write body is validated against e-conomic's published draft-03 schema
 * for its endpoint (`<path segments>.<method>.schema.json`, reference/economic.md §9.1) before
 * the simulator's own rules run. Off unless the sandbox is given a schema folder; tests turn it
 * on when `../shared/fixtures/economic/schemas` exists. Nothing at runtime needs it.
 */
export interface ContractCheck {
  /** The schema file the body was validated against; null when no schema covers the endpoint. */
  schema: string | null;
  /** The published name that is missing from the folder when `schema` is a stand-in for it. */
  standInFor?: string;
  valid: boolean;
  /** `instance path: message (schema path)` for every failure. */
  errors: string[];
}

interface Route {
  method: string;
  path: RegExp;
  /** The published schema's name (without `.schema.json`). */
  published: string;
  /** The nearest published schema for the same body when `published` is not in the folder. */
  standIn?: string;
}

/** rackbridge's and the simulator's write endpoints and their schema names. */
const ROUTES: readonly Route[] = [
  { method: 'POST', path: /^\/customers$/, published: 'customers.post' },
  { method: 'PUT', path: /^\/customers\/[^/]+$/, published: 'customers.customerNumber.put', standIn: 'customers.post' },
  { method: 'POST', path: /^\/products$/, published: 'products.post' },
  { method: 'PUT', path: /^\/products\/[^/]+$/, published: 'products.productNumber.put', standIn: 'products.post' },
  { method: 'POST', path: /^\/orders\/drafts$/, published: 'orders.drafts.post' },
  { method: 'PUT', path: /^\/orders\/drafts\/[^/]+$/, published: 'orders.drafts.orderNumber.put' },
  { method: 'POST', path: /^\/orders\/sent$/, published: 'orders.sent.post', standIn: 'orders.drafts.orderNumber.put' },
  { method: 'POST', path: /^\/invoices\/drafts$/, published: 'invoices.drafts.post' },
  { method: 'PUT', path: /^\/invoices\/drafts\/[^/]+$/, published: 'invoices.drafts.draftInvoiceNumber.put', standIn: 'invoices.drafts.post' },
  { method: 'POST', path: /^\/invoices\/booked$/, published: 'invoices.booked.post' },
  { method: 'POST', path: /^\/journals\/[^/]+\/vouchers$/, published: 'journals.journalNumber.vouchers.post' },
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A draft-03 schema as draft-07, which ajv reads: `"required": true` on a property becomes the
 * parent's `required` list, boolean `exclusiveMinimum` becomes the number, the `maxDecimals`
 * spelling becomes `maxDecimal`. Other e-conomic keywords (`filterable`, `readonly`, …) are
 * annotations and stay (ajv runs with `strict: false`).
 */
export function draft03ToDraft07(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(draft03ToDraft07);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'required' || key === 'exclusiveMinimum' || key === 'maxDecimals') continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, draft03ToDraft07(child)]));
      const required = Object.entries(value).filter(([, child]) => isObject(child) && child.required === true).map(([name]) => name);
      if (required.length > 0) out.required = required;
      continue;
    }
    out[key] = draft03ToDraft07(value);
  }
  if (Array.isArray(node.required)) out.required = node.required;
  if (node.maxDecimals !== undefined && node.maxDecimal === undefined) out.maxDecimal = node.maxDecimals;
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  return out;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  ajv.addKeyword({
    keyword: 'maxDecimal',
    type: 'number',
    schemaType: 'number',
    error: { message: (cxt) => `must have at most ${String(cxt.schemaValue)} decimals` },
    validate: (max: number, data: number) => decimals(data) <= max,
  });
  ajv.addFormat('full-date', (value: string) => FULL_DATE.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv;
}

export class EconomicContract {
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(
    private readonly dir: string,
    private readonly files: ReadonlySet<string>,
  ) {}

  /** The contract for a schema folder, or undefined when the folder is absent. */
  static load(dir: string | undefined): EconomicContract | undefined {
    if (dir === undefined || !existsSync(dir)) return undefined;
    return new EconomicContract(dir, new Set(readdirSync(dir).filter((f) => f.endsWith('.schema.json'))));
  }

  /** Which schema a write to `method path` is validated against (null: none published here). */
  schemaFor(method: string, path: string): Pick<ContractCheck, 'schema' | 'standInFor'> {
    const route = ROUTES.find((r) => r.method === method && r.path.test(path));
    if (!route) return { schema: null };
    if (this.files.has(`${route.published}.schema.json`)) return { schema: `${route.published}.schema.json` };
    if (route.standIn && this.files.has(`${route.standIn}.schema.json`)) return { schema: `${route.standIn}.schema.json`, standInFor: `${route.published}.schema.json` };
    return { schema: null, standInFor: `${route.published}.schema.json` };
  }

  check(method: string, path: string, body: unknown): { check: ContractCheck; issues: Issues } {
    const target = this.schemaFor(method, path);
    const issues = new Issues();
    if (target.schema === null) return { check: { ...target, valid: true, errors: [] }, issues };
    const validate = this.validator(target.schema);
    const valid = validate(body) === true;
    const errors = (validate.errors ?? []).map((e) => {
      const at = issuePath(e);
      issues.add(at, errorCode(e), fieldMessage(e, at), valueAt(body, at), `${target.schema}${e.schemaPath}`);
      return `${e.instancePath || '/'}${e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : ''}: ${e.message ?? 'invalid'} (${target.schema}${e.schemaPath})`;
    });
    return { check: { ...target, valid, errors }, issues };
  }

  private validator(file: string): ValidateFunction {
    let validate = this.validators.get(file);
    if (!validate) {
      const schema = draft03ToDraft07(JSON.parse(readFileSync(join(this.dir, file), 'utf8'))) as Json;
      validate = newAjv().compile(schema);
      this.validators.set(file, validate);
    }
    return validate;
  }
}

function issuePath(e: ErrorObject): IssuePath {
  const segments: IssuePath = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
  return segments;
}

/** Worded like the simulator's own field rules (validation.ts), so either check reads the same. */
function fieldMessage(e: ErrorObject, at: IssuePath): string {
  const key = String([...at].reverse().find((s) => typeof s === 'string') ?? '(body)');
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `Property '${key}' is required.`;
    case 'maxLength':
      return `Property '${key}' may be at most ${String(params.limit)} characters long.`;
    case 'maxDecimal':
      return `Property '${key}' may have at most ${String(e.schema)} decimals.`;
    case 'type':
      return `Property '${key}' must be a ${String(params.type)}.`;
    default:
      return `Property '${key}' ${e.message ?? 'is invalid'}.`;
  }
}

function errorCode(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return ERROR_CODES.required;
    case 'maxLength':
      return ERROR_CODES.tooLong;
    case 'maxDecimal':
      return ERROR_CODES.tooManyDecimals;
    default:
      return ERROR_CODES.invalidValue;
  }
}

function valueAt(body: unknown, path: IssuePath): unknown {
  let node: unknown = body;
  for (const segment of path) node = Array.isArray(node) || isObject(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}
