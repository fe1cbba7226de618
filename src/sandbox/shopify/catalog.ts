import { ShopifyHttpError } from './errors';
import { parseId, type ShopifyId } from './ids';
import type { ProductRecord, ShopEvent, VariantRecord } from './models';
import type { ShopifyStore } from './store';
import { parseMoney } from './totals';
import { levelView, productView } from './views-catalog';

type Body = Record<string, unknown>;

export interface VariantInput {
  sku: string;
  price: string;
  title?: string;
  barcode?: string | null;
  grams?: number;
  taxable?: boolean;
  requires_shipping?: boolean;
  /** Stock at the primary location for a new variant. @default 0 */
  available?: number;
}

/** Products, variants and stock levels; every change returns its webhook events. */
export class CatalogService {
  constructor(private readonly store: ShopifyStore) {}

  createProduct(body: Body, events: ShopEvent[]): ProductRecord {
    const problems = new Problems();
    const title = typeof body.title === 'string' ? body.title.trim() : '';
    if (!title) problems.add('title', "can't be blank");
    const variantInputs = Array.isArray(body.variants) && body.variants.length > 0 ? (body.variants as Body[]) : [{ price: '0.00' }];
    const parsed = variantInputs.map((v) => readVariant(v, problems));
    problems.throwIfAny();
    const now = this.store.timestamp();
    const product: ProductRecord = {
      id: this.store.id(),
      title,
      body_html: typeof body.body_html === 'string' ? body.body_html : '',
      vendor: typeof body.vendor === 'string' ? body.vendor : 'rackbridge-demo',
      product_type: typeof body.product_type === 'string' ? body.product_type : '',
      handle: typeof body.handle === 'string' ? body.handle : slug(title),
      status: body.status === 'draft' || body.status === 'archived' ? body.status : 'active',
      tags: typeof body.tags === 'string' ? body.tags : '',
      variantIds: [],
      created_at: now,
      updated_at: now,
    };
    this.store.products.set(product.id, product);
    parsed.forEach((v, i) => this.addVariant(product, v, i + 1));
    events.push({ topic: 'products/create', body: productView(this.store, product) });
    return product;
  }

  updateProduct(id: ShopifyId, body: Body, events: ShopEvent[]): ProductRecord {
    const product = this.store.product(id);
    const problems = new Problems();
    if ('title' in body && (typeof body.title !== 'string' || body.title.trim() === '')) problems.add('title', "can't be blank");
    const variantUpdates = Array.isArray(body.variants) ? (body.variants as Body[]) : [];
    const updates = variantUpdates.map((v) => ({ id: parseId(v.id), body: v }));
    for (const u of updates) if (u.id !== undefined && !product.variantIds.includes(u.id)) problems.add('variants', 'is invalid');
    problems.throwIfAny();
    for (const key of ['title', 'body_html', 'vendor', 'product_type', 'tags', 'status'] as const) {
      const value = body[key];
      if (typeof value === 'string') (product as unknown as Record<string, string>)[key] = value;
    }
    updates.forEach((u, i) => {
      if (u.id === undefined) return this.addVariant(product, readVariant(u.body, problems), product.variantIds.length + 1 + i);
      return this.updateVariant(this.store.variant(u.id), u.body);
    });
    problems.throwIfAny();
    product.updated_at = this.store.timestamp();
    events.push({ topic: 'products/update', body: productView(this.store, product) });
    return product;
  }

  updateVariant(variant: VariantRecord, body: Body, events?: ShopEvent[]): VariantRecord {
    const problems = new Problems();
    const price = body.price === undefined ? undefined : parseMoney(body.price);
    if (body.price !== undefined && price === undefined) problems.add('price', 'is not a number');
    problems.throwIfAny();
    if (price !== undefined) variant.price = price;
    if (typeof body.sku === 'string') {
      variant.sku = body.sku;
      this.store.inventoryItem(variant.inventory_item_id).sku = body.sku;
    }
    if (typeof body.title === 'string') variant.title = body.title;
    if (typeof body.barcode === 'string' || body.barcode === null) variant.barcode = body.barcode;
    variant.updated_at = this.store.timestamp();
    if (events) {
      const product = this.store.product(variant.product_id);
      product.updated_at = variant.updated_at;
      events.push({ topic: 'products/update', body: productView(this.store, product) });
    }
    return variant;
  }

  deleteProduct(id: ShopifyId, events: ShopEvent[]): void {
    const product = this.store.product(id);
    for (const variantId of product.variantIds) {
      const variant = this.store.variants.get(variantId);
      this.store.variants.delete(variantId);
      if (!variant) continue;
      this.store.inventoryItems.delete(variant.inventory_item_id);
      for (const [key, level] of this.store.levels) if (level.inventory_item_id === variant.inventory_item_id) this.store.levels.delete(key);
    }
    this.store.products.delete(id);
    events.push({ topic: 'products/delete', body: { id } });
  }

  /** Sets `available` absolutely; fires `inventory_levels/update` when `events` is given. */
  setAvailable(itemId: ShopifyId, locationId: ShopifyId, available: number, events?: ShopEvent[]): void {
    this.store.inventoryItem(itemId);
    this.store.location(locationId);
    const level = this.store.setLevel(itemId, locationId, available);
    events?.push({ topic: 'inventory_levels/update', body: levelView(level) });
  }

  addVariant(product: ProductRecord, input: VariantInput, position: number): VariantRecord {
    const now = this.store.timestamp();
    const itemId = this.store.id();
    this.store.inventoryItems.set(itemId, { id: itemId, sku: input.sku, tracked: input.requires_shipping ?? true, requires_shipping: input.requires_shipping ?? true, created_at: now, updated_at: now });
    const variant: VariantRecord = {
      id: this.store.id(),
      product_id: product.id,
      title: input.title ?? 'Default Title',
      sku: input.sku,
      price: parseMoney(input.price) ?? 0,
      position,
      barcode: input.barcode ?? null,
      grams: input.grams ?? 0,
      taxable: input.taxable ?? true,
      requires_shipping: input.requires_shipping ?? true,
      inventory_item_id: itemId,
      created_at: now,
      updated_at: now,
    };
    this.store.variants.set(variant.id, variant);
    product.variantIds.push(variant.id);
    this.store.setLevel(itemId, this.store.primaryLocation().id, input.available ?? 0);
    return variant;
  }
}

function readVariant(body: Body, problems: Problems): VariantInput {
  const price = body.price ?? '0.00';
  if (parseMoney(price) === undefined) problems.add('variants.price', 'is not a number');
  return {
    sku: typeof body.sku === 'string' ? body.sku : '',
    price: typeof price === 'number' ? price.toFixed(2) : typeof price === 'string' ? price : '',
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.barcode === 'string' ? { barcode: body.barcode } : {}),
    ...(typeof body.grams === 'number' ? { grams: body.grams } : {}),
    ...(typeof body.taxable === 'boolean' ? { taxable: body.taxable } : {}),
    ...(typeof body.requires_shipping === 'boolean' ? { requires_shipping: body.requires_shipping } : {}),
  };
}

function slug(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Collects messages per field so one 422 reports every problem, as Shopify does. */
export class Problems {
  private readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw new ShopifyHttpError(422, this.errors);
  }
}
