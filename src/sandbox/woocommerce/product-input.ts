import { invalidParams, WpError } from './errors';
import { type Json, toBoolean, toInteger } from './http';
import type { StockFields } from './models';

/** The writable fields rackbridge and the tests use, validated as the v3 schema declares them. */
export interface ProductPatch {
  name?: string;
  type?: 'simple' | 'variable';
  status?: 'publish' | 'draft' | 'private' | 'pending';
  sku?: string;
  regular_price?: string;
  sale_price?: string;
  manage_stock?: boolean;
  stock_quantity?: number;
  stock_status?: StockFields['stock_status'];
  backorders?: StockFields['backorders'];
  tax_status?: 'taxable' | 'shipping' | 'none';
  tax_class?: string;
}

const ENUMS = {
  type: ['simple', 'grouped', 'external', 'variable'],
  status: ['draft', 'pending', 'private', 'publish', 'future'],
  stock_status: ['instock', 'outofstock', 'onbackorder'],
  backorders: ['no', 'notify', 'yes'],
  tax_status: ['taxable', 'shipping', 'none'],
} as const;

/** Reads a product or variation body; every bad field is reported in one `rest_invalid_param`. */
export function readProductPatch(body: Json): ProductPatch {
  const problems: Record<string, string> = {};
  const patch: Record<string, unknown> = {};
  for (const field of ['name', 'sku', 'regular_price', 'sale_price', 'tax_class'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems[field] = `${field} is not of type string.`;
    else patch[field] = value;
  }
  for (const [field, options] of Object.entries(ENUMS)) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) problems[field] = `${field} is not one of ${options.join(', ')}.`;
    else patch[field] = value;
  }
  if (body.manage_stock !== undefined) {
    const value = toBoolean(body.manage_stock);
    if (value === undefined) problems.manage_stock = 'manage_stock is not of type boolean.';
    else patch.manage_stock = value;
  }
  if (body.stock_quantity !== undefined) {
    const value = toInteger(body.stock_quantity);
    if (value === undefined) problems.stock_quantity = 'stock_quantity is not of type integer.';
    else patch.stock_quantity = value;
  }
  for (const field of ['regular_price', 'sale_price'] as const) {
    const value = patch[field];
    if (typeof value === 'string' && value !== '' && !/^\d+(\.\d+)?$/.test(value)) problems[field] = `${field} is not a valid price.`;
  }
  if (Object.keys(problems).length > 0) throw invalidParams(problems);
  return patch;
}

/** `wc_product_has_unique_sku` failing. */
export function duplicateSku(): WpError {
  return new WpError(400, 'product_invalid_sku', 'Invalid or duplicated SKU.');
}
