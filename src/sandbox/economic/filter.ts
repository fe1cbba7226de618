import { badRequest } from './errors';

/**
 * The `filter=` query syntax (restdocs "Filtering"): `prop$op:value`, combined with `$and:` /
 * `$or:` and parentheses. Values escape `$ ( ) * , [ ]` with a leading `$`; an unescaped `*` is
 * a wildcard in `$like:`. `$and:` binds tighter than `$or:` (the docs only say parentheses set
 * precedence; this is the usual reading).
 */
export type PropertyType = 'string' | 'number' | 'boolean';
export type Filterable = Record<string, PropertyType>;

const WILDCARD = Symbol('wildcard');
type Segment = string | typeof WILDCARD;
type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'in' | 'nin';
const OPERATORS = new Set<string>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'like', 'in', 'nin']);
const ESCAPABLE = new Set(['$', '(', ')', '*', ',', '[', ']']);
const MAX_IN_VALUES = 200;

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cond'; property: string; type: PropertyType; op: Operator; value: Segment[] | null; list?: number[] };

export type Predicate = (doc: Record<string, unknown>) => boolean;

export function parseFilter(text: string, filterable: Filterable): Predicate {
  const parser = new Parser(text, filterable);
  const node = parser.parseOr();
  if (!parser.done()) throw invalid(`unexpected '${text.slice(parser.pos)}'`);
  return (doc) => evaluate(node, doc);
}

function invalid(detail: string): Error {
  return badRequest(`The filter is invalid: ${detail}.`, 'See https://restdocs.e-conomic.com/#filtering for the filter syntax.');
}

class Parser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly filterable: Filterable,
  ) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  parseOr(): Node {
    let left = this.parseAnd();
    while (this.eat('$or:')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseTerm();
    while (this.eat('$and:')) left = { kind: 'and', left, right: this.parseTerm() };
    return left;
  }

  private parseTerm(): Node {
    if (this.eat('(')) {
      const inner = this.parseOr();
      if (!this.eat(')')) throw invalid('missing )');
      return inner;
    }
    const dollar = this.text.indexOf('$', this.pos);
    if (dollar <= this.pos) throw invalid(`expected a property at position ${this.pos}`);
    const property = this.text.slice(this.pos, dollar);
    const type = this.filterable[property];
    if (!type) {
      throw badRequest(`Filtering on the property '${property}' is not allowed.`, 'Only properties marked filterable in the collection schema can be filtered on.');
    }
    const colon = this.text.indexOf(':', dollar);
    const op = colon === -1 ? '' : this.text.slice(dollar + 1, colon);
    if (!OPERATORS.has(op)) throw invalid(`unknown operator '${op}'`);
    this.pos = colon + 1;
    if (op === 'in' || op === 'nin') {
      if (type !== 'number') throw invalid(`$${op}: works on numeric properties only, '${property}' is not numeric`);
      return { kind: 'cond', property, type, op: op as Operator, value: null, list: this.parseList() };
    }
    if (this.eat('$null:')) return { kind: 'cond', property, type, op: op as Operator, value: null };
    return { kind: 'cond', property, type, op: op as Operator, value: this.parseValue() };
  }

  private parseList(): number[] {
    if (!this.eat('[')) throw invalid('$in: expects [values]');
    const end = this.text.indexOf(']', this.pos);
    if (end === -1) throw invalid('missing ]');
    const values = this.text.slice(this.pos, end).split(',').map((v) => Number(v.trim()));
    this.pos = end + 1;
    if (values.some((v) => !Number.isFinite(v))) throw invalid('$in: values must be numbers');
    if (values.length > MAX_IN_VALUES) throw invalid(`$in: takes at most ${MAX_IN_VALUES} values`);
    return values;
  }

  private parseValue(): Segment[] {
    const segments: Segment[] = [];
    let literal = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === '$') {
        const next = this.text[this.pos + 1];
        if (next !== undefined && ESCAPABLE.has(next)) {
          literal += next;
          this.pos += 2;
          continue;
        }
        if (this.text.startsWith('$and:', this.pos) || this.text.startsWith('$or:', this.pos)) break;
        throw invalid(`unescaped $ at position ${this.pos}`);
      }
      if (ch === ')') break;
      if (ch === '*') {
        if (literal) segments.push(literal);
        literal = '';
        segments.push(WILDCARD);
      } else {
        literal += ch;
      }
      this.pos++;
    }
    if (literal) segments.push(literal);
    return segments;
  }

  private eat(token: string): boolean {
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
}

function evaluate(node: Node, doc: Record<string, unknown>): boolean {
  if (node.kind !== 'cond') return node.kind === 'and' ? evaluate(node.left, doc) && evaluate(node.right, doc) : evaluate(node.left, doc) || evaluate(node.right, doc);
  const actual = valueAt(doc, node.property);
  if (node.list) {
    const inList = typeof actual === 'number' && node.list.includes(actual);
    return node.op === 'in' ? inList : !inList;
  }
  if (node.value === null) {
    const isNull = actual === undefined || actual === null;
    return node.op === 'ne' ? !isNull : isNull;
  }
  if (node.op === 'like') return like(actual, node.value);
  const text = node.value.map((s) => (s === WILDCARD ? '*' : s)).join('');
  const cmp = compare(actual, text, node.type, node.property);
  if (cmp === undefined) return node.op === 'ne';
  switch (node.op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    default:
      return cmp <= 0;
  }
}

function compare(actual: unknown, text: string, type: PropertyType, property: string): number | undefined {
  if (actual === undefined || actual === null) return undefined;
  if (type === 'number') {
    const wanted = Number(text);
    if (text.trim() === '' || !Number.isFinite(wanted)) throw invalid(`'${text}' is not a number for '${property}'`);
    return Math.sign(Number(actual) - wanted);
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw invalid(`'${text}' is not a boolean for '${property}'`);
    return String(actual === true) === text ? 0 : 1;
  }
  const a = scalarText(actual).toLowerCase();
  const b = text.toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

/** `$like:` without any `*` means "contains"; strings compare case-insensitively. */
function like(actual: unknown, segments: Segment[]): boolean {
  if (actual === undefined || actual === null) return false;
  const source = segments.map((s) => (s === WILDCARD ? '.*' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const pattern = segments.includes(WILDCARD) ? `^${source}$` : source;
  return new RegExp(pattern, 'is').test(scalarText(actual));
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
