import type { Customer as NetvisorCustomer, Product as NetvisorProduct } from '../../connectors/netvisor/outputs';
import type { CustomerInput, ProductInput, RackbeatCustomer, RackbeatProduct } from '../../connectors/rackbeat/types';

/*
 * The one-off import Netvisor → Rackbeat (F6): what each Netvisor record becomes in Rackbeat, and
 * whether an existing Rackbeat record needs a write. Pure: the activity fetches, this decides.
 */

export type ImportKind = 'customers' | 'products';
export type ImportAction = 'created' | 'updated' | 'skipped' | 'failed';

/** What happened to one Netvisor record; `reason` is generic (counted), `detail` names the specifics. */
export interface ImportOutcome {
  /** `customer 1001` / `product P-100`, or the NetvisorKey when the record has no code. */
  ref: string;
  action: ImportAction;
  reason?: string;
  detail?: string;
}

/** Reasons are fixed sentences so the summary can count them. */
export const IMPORT_REASONS = {
  unchanged: 'unchanged',
  noCustomerNumber: 'no customer number',
  badCustomerNumber: 'customer code is not a Rackbeat customer number',
  noProductCode: 'no product code',
  badProductNumber: 'product code is not a valid Rackbeat product number',
  noProductGroup: 'no Rackbeat product group for the Netvisor product group',
  goneFromNetvisor: 'deleted in Netvisor during the import',
  rejectedByRackbeat: 'rejected by Rackbeat',
  unreadable: 'unexpected answer from an API',
} as const;

export type ImportPlan<T> =
  | { action: 'create'; input: T }
  | { action: 'update'; changes: Partial<T>; fields: string[] }
  | { action: 'skip'; reason: string; detail?: string };

/** Rackbeat customer numbers are integers; assumed 32-bit signed like their database ids (inferred — check). */
export const RACKBEAT_MAX_CUSTOMER_NUMBER = 2_147_483_647;
/** Netvisor's own limit for product codes (P9); Rackbeat documents none. */
export const PRODUCT_NUMBER_MAX_CHARS = 50;

export type NumberCheck<T> = { ok: true; number: T } | { ok: false; reason: string; detail?: string };

/** Netvisor → Rackbeat links customers by code: digits only, not starting with 0 (reference netvisor.md §7.1). */
export function customerNumberFromCode(code: string): NumberCheck<number> {
  const trimmed = code.trim();
  if (trimmed === '') return { ok: false, reason: IMPORT_REASONS.noCustomerNumber };
  if (!/^[1-9]\d*$/.test(trimmed)) return { ok: false, reason: IMPORT_REASONS.badCustomerNumber, detail: `'${trimmed}': digits only, not starting with 0` };
  const number = Number(trimmed);
  if (number > RACKBEAT_MAX_CUSTOMER_NUMBER) return { ok: false, reason: IMPORT_REASONS.badCustomerNumber, detail: `'${trimmed}' is larger than ${RACKBEAT_MAX_CUSTOMER_NUMBER}` };
  return { ok: true, number };
}

/**
 * Product numbers become URL path segments and webshop SKUs, so whitespace and control characters
 * are refused here rather than discovered later; `/` and `#` are fine (Rackbeat escapes them).
 */
export function productNumberFromCode(code: string): NumberCheck<string> {
  if (code.trim() === '') return { ok: false, reason: IMPORT_REASONS.noProductCode };
  if (/\s/.test(code)) return { ok: false, reason: IMPORT_REASONS.badProductNumber, detail: `'${code}' contains whitespace` };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(code)) return { ok: false, reason: IMPORT_REASONS.badProductNumber, detail: `'${code}' contains control characters` };
  if (code.length > PRODUCT_NUMBER_MAX_CHARS) return { ok: false, reason: IMPORT_REASONS.badProductNumber, detail: `'${code}' is longer than ${PRODUCT_NUMBER_MAX_CHARS} characters` };
  return { ok: true, number: code };
}

const clean = (value: string | null | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};
/** `FI19675438`, `1967543-8` and `19675438` are one business id: do not rewrite one into another. */
const businessId = (value: string): string => value.toUpperCase().replace(/^FI/, '').replace(/[^0-9A-Z]/g, '');

/** Netvisor's Rackbeat integration map: name, code, business id, billing address, country FI when unknown. */
export function toRackbeatCustomer(customer: NetvisorCustomer, number: number): CustomerInput {
  const input: CustomerInput = { number, name: clean(customer.name) ?? customer.name };
  const set = <K extends keyof CustomerInput>(key: K, value: CustomerInput[K] | undefined): void => {
    if (value !== undefined) input[key] = value;
  };
  set('company_vat', clean(customer.businessId));
  set('address_street', clean(customer.streetAddress));
  set('address_zipcode', clean(customer.postNumber));
  set('address_city', clean(customer.city));
  set('address_country', clean(customer.country)?.toUpperCase() ?? 'FI');
  set('contact_email', clean(customer.email));
  if (customer.isActive !== undefined) input.is_barred = !customer.isActive;
  return input;
}

/** Compares an existing Rackbeat value with the wanted one; values arrive untyped from the record. */
type Same = (existing: unknown, desired: unknown) => boolean;
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const sameText: Same = (a, b) => clean(str(a)) === clean(str(b));
const sameBy = (norm: (value: string) => string): Same => (a, b) => norm(clean(str(a)) ?? '') === norm(clean(str(b)) ?? '');
const strict: Same = (a, b) => a === b;

/** Fields to write: only those Netvisor has a value for and Rackbeat holds differently (an import never blanks a field). */
function changesOf<T extends object>(existing: object, desired: T, same: Partial<Record<keyof T, Same>>): { changes: Partial<T>; fields: string[] } {
  const current = existing as Record<string, unknown>;
  const changes: Partial<T> = {};
  const fields: string[] = [];
  for (const key of Object.keys(desired) as (keyof T & string)[]) {
    const wanted = desired[key];
    if (wanted === undefined || (same[key] ?? strict)(current[key], wanted)) continue;
    changes[key] = wanted;
    fields.push(key);
  }
  return { changes, fields };
}

/** `customerGroup`: the Rackbeat customer group a created customer joins (every customer needs one, hd:ht-00031); never changed on update. */
export function planCustomerImport(customer: NetvisorCustomer, existing: RackbeatCustomer | undefined, customerGroup?: number): ImportPlan<CustomerInput> {
  const number = customerNumberFromCode(customer.code);
  if (!number.ok) return { action: 'skip', reason: number.reason, ...(number.detail ? { detail: number.detail } : {}) };
  const desired = toRackbeatCustomer(customer, number.number);
  if (!existing) return { action: 'create', input: customerGroup === undefined ? desired : { ...desired, customer_group_id: customerGroup } };
  const { number: _number, ...comparable } = desired;
  const { changes, fields } = changesOf({ ...existing, is_barred: existing.is_barred ?? false }, comparable, {
    name: sameText,
    company_vat: sameBy(businessId),
    address_street: sameText,
    address_zipcode: sameBy((v) => v.replace(/\s/g, '')),
    address_city: sameText,
    address_country: sameBy((v) => v.toUpperCase()),
    contact_email: sameBy((v) => v.toLowerCase()),
  });
  return fields.length === 0 ? { action: 'skip', reason: IMPORT_REASONS.unchanged } : { action: 'update', changes, fields };
}

export interface RackbeatGroupRef {
  number: number;
  name: string;
}

/** Which Rackbeat group a Netvisor group name lands in: same name (any case), else the configured default. */
export function resolveProductGroup(netvisorGroup: string, groups: readonly RackbeatGroupRef[], defaultGroup?: number): { number: number; byName: boolean } | undefined {
  const wanted = clean(netvisorGroup)?.toLowerCase();
  const match = wanted === undefined ? undefined : groups.find((g) => clean(g.name)?.toLowerCase() === wanted);
  if (match) return { number: match.number, byName: true };
  return defaultGroup === undefined ? undefined : { number: defaultGroup, byName: false };
}

const cents = (value: number): number => Math.round(value * 100);

/**
 * Netvisor's unit price is taken as Rackbeat's sales price (net: the connector does not expose the
 * price type, and Netvisor's default is net). The group is written on create, and on update only
 * when the Netvisor group matches a Rackbeat group by name: a default-group product moved by hand stays.
 */
export function planProductImport(product: NetvisorProduct, existing: RackbeatProduct | undefined, groups: readonly RackbeatGroupRef[], defaultGroup?: number): ImportPlan<ProductInput> {
  const number = productNumberFromCode(product.code);
  if (!number.ok) return { action: 'skip', reason: number.reason, ...(number.detail ? { detail: number.detail } : {}) };
  const group = resolveProductGroup(product.group, groups, defaultGroup);
  if (!group) return { action: 'skip', reason: IMPORT_REASONS.noProductGroup, detail: `'${product.group}': create it in Rackbeat or pass a default product group` };
  const desired: ProductInput = { number: number.number, name: clean(product.name) ?? product.name, group: group.number, sales_price: product.unitPrice, is_barred: !product.isActive };
  const description = clean(product.description);
  if (description !== undefined) desired.description = description;
  if (!existing) return { action: 'create', input: desired };
  const { number: _number, group: _group, ...comparable } = desired;
  const existingGroup = existing.group?.number ?? existing.group_id ?? undefined;
  const { changes, fields } = changesOf<Partial<Omit<ProductInput, 'number'>>>(
    { ...existing, is_barred: existing.is_barred ?? false, group: existingGroup },
    group.byName ? { ...comparable, group: group.number } : comparable,
    { name: sameText, description: sameText, sales_price: (a, b) => typeof a === 'number' && typeof b === 'number' && cents(a) === cents(b) },
  );
  return fields.length === 0 ? { action: 'skip', reason: IMPORT_REASONS.unchanged } : { action: 'update', changes, fields };
}
