import { ERROR_CODES, type IssuePath, Issues } from './errors';
import type { Doc, EconomicStore } from './store';
import { idFromSelf } from './paths';

/**
 * Field rules taken from e-conomic's published draft-03 schemas: `"required": true` on the
 * property, `maxLength`, `maxDecimal` (E04740), and references that must exist (E06000).
 */
export function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface StringRule {
  required?: boolean;
  max?: number;
  min?: number;
  pattern?: RegExp;
}

export interface NumberRule {
  required?: boolean;
  maxDecimal?: number;
  integer?: boolean;
  min?: number;
  max?: number;
}

export interface RefRule<T> {
  required?: boolean;
  /** The identifying property, e.g. `customerNumber`. */
  key: string;
  exists: (id: T) => boolean;
}

export class Checker {
  readonly issues = new Issues();
  constructor(readonly store: EconomicStore) {}

  required(obj: Doc, key: string, path: IssuePath): boolean {
    if (obj[key] !== undefined && obj[key] !== null) return true;
    this.issues.add([...path, key], ERROR_CODES.required, `Property '${key}' is required.`, obj[key]);
    return false;
  }

  string(obj: Doc, key: string, path: IssuePath, rule: StringRule = {}): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (rule.required) this.required(obj, key, path);
      return undefined;
    }
    const at = [...path, key];
    if (typeof value !== 'string') return this.invalid(at, `Property '${key}' must be a string.`, value);
    if (rule.max !== undefined && value.length > rule.max) {
      this.issues.add(at, ERROR_CODES.tooLong, `Property '${key}' may be at most ${rule.max} characters long.`, value);
      return undefined;
    }
    if ((rule.min !== undefined && value.length < rule.min) || (rule.pattern && !rule.pattern.test(value))) {
      return this.invalid(at, `Property '${key}' has an invalid format.`, value);
    }
    return value;
  }

  date(obj: Doc, key: string, path: IssuePath, required = false): string | undefined {
    const value = this.string(obj, key, path, { required, pattern: DATE });
    if (value !== undefined && Number.isNaN(Date.parse(value))) return this.invalid([...path, key], `Property '${key}' is not a valid date.`, value);
    return value;
  }

  number(obj: Doc, key: string, path: IssuePath, rule: NumberRule = {}): number | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (rule.required) this.required(obj, key, path);
      return undefined;
    }
    const at = [...path, key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.invalid(at, `Property '${key}' must be a number.`, value);
    if (rule.integer && !Number.isInteger(value)) return this.invalid(at, `Property '${key}' must be an integer.`, value);
    if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
      return this.invalid(at, `Property '${key}' is out of range.`, value);
    }
    if (rule.maxDecimal !== undefined && decimals(value) > rule.maxDecimal) {
      this.issues.add(at, ERROR_CODES.tooManyDecimals, `Property '${key}' may have at most ${rule.maxDecimal} decimals.`, value);
      return undefined;
    }
    return value;
  }

  object(obj: Doc, key: string, path: IssuePath, required = false): Doc | undefined {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (required) this.required(obj, key, path);
      return undefined;
    }
    if (!isObject(value)) return this.invalid([...path, key], `Property '${key}' must be an object.`, value);
    return value;
  }

  /** A reference object given by its number or by its `self` link. */
  numRef(obj: Doc, key: string, path: IssuePath, rule: RefRule<number>): number | undefined {
    return this.ref(obj, key, path, rule, 'number');
  }

  strRef(obj: Doc, key: string, path: IssuePath, rule: RefRule<string>): string | undefined {
    return this.ref(obj, key, path, rule, 'string');
  }

  private ref<T extends string | number>(obj: Doc, key: string, path: IssuePath, rule: RefRule<T>, type: 'string' | 'number'): T | undefined {
    const ref = this.object(obj, key, path, rule.required);
    if (!ref) return undefined;
    const at = [...path, key];
    let id: unknown = ref[rule.key];
    if ((id === undefined || id === null) && typeof ref.self === 'string') {
      const segment = idFromSelf(ref.self);
      id = type === 'number' ? Number(segment) : segment;
    }
    if (id === undefined || id === null) {
      this.issues.add(at, ERROR_CODES.noIdentifier, `The ${key} has neither ${rule.key} nor self.`, ref);
      return undefined;
    }
    if (typeof id !== type || (type === 'number' && !Number.isInteger(id))) return this.invalid([...at, rule.key], `Property '${rule.key}' has the wrong type.`, id);
    if (!rule.exists(id as T)) {
      this.issues.add([...at, rule.key], ERROR_CODES.notFoundReference, `The referenced ${key} does not exist.`, id);
      return undefined;
    }
    return id as T;
  }

  invalid(path: IssuePath, message: string, value: unknown): undefined {
    this.issues.add(path, ERROR_CODES.invalidValue, message, value);
    return undefined;
  }
}

/** Decimals as written in the JSON text (JSON.parse keeps the shortest round-trip form). */
export function decimals(value: number): number {
  const text = String(value);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

export function validateCustomer(body: Doc, store: EconomicStore, numberFromPath?: number): void {
  const c = new Checker(store);
  if (numberFromPath === undefined) c.number(body, 'customerNumber', [], { integer: true, min: 1, max: 999_999_999 });
  c.string(body, 'name', [], { required: true, min: 1, max: 255 });
  const currency = c.string(body, 'currency', [], { required: true, min: 3, max: 3 });
  if (currency !== undefined && !store.currencies.has(currency.toUpperCase())) {
    c.issues.add(['currency'], ERROR_CODES.notFoundReference, 'The currency does not exist.', currency);
  }
  c.numRef(body, 'customerGroup', [], { required: true, key: 'customerGroupNumber', exists: (n) => store.customerGroups.has(n) });
  c.numRef(body, 'vatZone', [], { required: true, key: 'vatZoneNumber', exists: (n) => store.vatZones.has(n) });
  c.numRef(body, 'paymentTerms', [], { required: true, key: 'paymentTermsNumber', exists: (n) => store.paymentTerms.has(n) });
  c.numRef(body, 'layout', [], { key: 'layoutNumber', exists: (n) => store.layouts.has(n) });
  const lengths: [string, number][] = [['address', 510], ['zip', 30], ['city', 50], ['country', 50], ['email', 255], ['ean', 13], ['corporateIdentificationNumber', 40], ['vatNumber', 20], ['telephoneAndFaxNumber', 255], ['mobilePhone', 50], ['website', 255], ['publicEntryNumber', 50]];
  for (const [key, max] of lengths) c.string(body, key, [], { max });
  c.string(body, 'pNumber', [], { min: 10, max: 10 });
  c.issues.throwIfAny();
}

export function validateProduct(body: Doc, store: EconomicStore): void {
  const c = new Checker(store);
  c.string(body, 'productNumber', [], { required: true, min: 1, max: 25 });
  c.string(body, 'name', [], { required: true, min: 1, max: 300 });
  c.string(body, 'description', [], { max: 500 });
  c.string(body, 'barCode', [], { max: 50 });
  for (const key of ['salesPrice', 'costPrice', 'recommendedPrice']) c.number(body, key, []);
  c.numRef(body, 'productGroup', [], { required: true, key: 'productGroupNumber', exists: (n) => store.productGroups.has(n) });
  c.numRef(body, 'unit', [], { key: 'unitNumber', exists: (n) => store.units.has(n) });
  c.issues.throwIfAny();
}
