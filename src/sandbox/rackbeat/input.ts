import { Problems } from './http';
import { type Address, VAT_ZONES, type VatZone } from './models';

/** Small readers for loosely typed JSON bodies that record a 422 message per bad field. */
export class BodyReader {
  readonly problems = new Problems();

  constructor(readonly body: Record<string, unknown>) {}

  has(key: string): boolean {
    return this.body[key] !== undefined;
  }

  string(key: string, options: { required?: boolean; field?: string } = {}): string | null | undefined {
    const field = options.field ?? key;
    const value = this.body[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problems.add(field, `The ${field} field is required.`);
      return value === undefined ? undefined : null;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') {
      this.problems.add(field, `The ${field} must be a string.`);
      return undefined;
    }
    return value;
  }

  number(key: string, options: { required?: boolean; min?: number; max?: number; integer?: boolean; field?: string } = {}): number | undefined {
    const field = options.field ?? key;
    const value = this.body[key];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problems.add(field, `The ${field} field is required.`);
      return undefined;
    }
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
      this.problems.add(field, `The ${field} must be a number.`);
      return undefined;
    }
    if (options.integer && !Number.isInteger(parsed)) this.problems.add(field, `The ${field} must be an integer.`);
    if (options.min !== undefined && parsed < options.min) this.problems.add(field, `The ${field} must be at least ${options.min}.`);
    if (options.max !== undefined && parsed > options.max) this.problems.add(field, `The ${field} may not be greater than ${options.max}.`);
    return parsed;
  }

  boolean(key: string): boolean | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === '1' || value === 'true') return true;
    if (value === 0 || value === '0' || value === 'false') return false;
    this.problems.add(key, `The ${key} field must be true or false.`);
    return undefined;
  }

  date(key: string): string | null | undefined {
    const value = this.string(key);
    if (value === undefined || value === null) return value;
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value.slice(0, 10)))) {
      this.problems.add(key, `The ${key} is not a valid date.`);
      return undefined;
    }
    return value.slice(0, 10);
  }

  vatZone(key = 'vat_zone'): VatZone | undefined {
    const value = this.string(key);
    if (value === undefined || value === null) return undefined;
    if (!(VAT_ZONES as readonly string[]).includes(value)) {
      this.problems.add(key, `The selected ${key} is invalid.`);
      return undefined;
    }
    return value as VatZone;
  }

  /**
   * An address given flat (`address_street`, `delivery_address_city`) or as an object
   * (`billing_address: {street}`); real integrations send both (kundan333), the object wins.
   */
  address(flatPrefix: string, objectKey: string): Partial<Address> | undefined {
    const fields = ['name', 'street', 'street2', 'zipcode', 'city', 'country', 'email', 'phone'] as const;
    const result: Partial<Address> = {};
    const object = this.body[objectKey];
    const nested = object !== null && typeof object === 'object' && !Array.isArray(object) ? (object as Record<string, unknown>) : {};
    for (const field of fields) {
      const value = nested[field] ?? this.body[`${flatPrefix}${field}`];
      if (typeof value === 'string' || typeof value === 'number') result[field] = String(value);
      else if (value === null) result[field] = null;
    }
    return Object.keys(result).length > 0 ? result : undefined;
  }
}
