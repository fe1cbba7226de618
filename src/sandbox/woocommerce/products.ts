import { batchTooLarge, invalidParams, WpError } from './errors';
import { type Json, textOf } from './http';
import type { ProductRecord, ResourceEvent, StockFields, VariationRecord } from './models';
import { duplicateSku, type ProductPatch, readProductPatch } from './product-input';
import type { WooCommerceSimulatorSettings } from './settings';
import { deriveStockStatus, isVariation, type WooStore } from './store';

export interface BatchHandlers {
  create: (item: Json) => Json;
  update: (item: Json) => Json;
  delete: (id: number) => Json;
}

/** Product and variation writes, with the stock rules of `WC_REST_Products_Controller`. */
export class ProductService {
  constructor(
    private readonly store: WooStore,
    private readonly settings: WooCommerceSimulatorSettings,
  ) {}

  createProduct(body: Json, events: ResourceEvent[]): ProductRecord {
    const patch = readProductPatch(body);
    if (!patch.name) throw invalidParams({ name: 'name is required.' });
    const now = this.store.now();
    const product: ProductRecord = {
      id: this.store.next('post'),
      name: patch.name,
      slug: slugify(patch.name),
      type: patch.type ?? 'simple',
      status: patch.status ?? 'publish',
      sku: '',
      regular_price: '',
      sale_price: '',
      tax_status: 'taxable',
      tax_class: '',
      virtual: false,
      attributes: [],
      variations: [],
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'instock',
      backorders: 'no',
      created_at: now,
      modified_at: now,
    };
    this.apply(product, patch);
    this.store.products.set(product.id, product);
    events.push({ resource: 'product', event: 'created', id: product.id });
    return product;
  }

  createVariation(parent: ProductRecord, body: Json, events: ResourceEvent[]): VariationRecord {
    const patch = readProductPatch(body);
    const now = this.store.now();
    const attributes = Array.isArray(body.attributes)
      ? (body.attributes as Json[]).map((a) => ({ id: Number(a.id ?? 0), name: textOf(a.name), option: textOf(a.option) }))
      : [];
    const variation: VariationRecord = {
      id: this.store.next('post'),
      parent_id: parent.id,
      sku: '',
      regular_price: '',
      sale_price: '',
      tax_status: 'taxable',
      tax_class: 'parent',
      attributes,
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'instock',
      backorders: 'no',
      created_at: now,
      modified_at: now,
    };
    this.apply(variation, patch);
    this.store.variations.set(variation.id, variation);
    parent.variations.push(variation.id);
    events.push({ resource: 'product', event: 'created', id: variation.id });
    return variation;
  }

  update(record: ProductRecord | VariationRecord, body: Json, events: ResourceEvent[]): void {
    this.apply(record, readProductPatch(body));
    record.modified_at = this.store.now();
    events.push({ resource: 'product', event: 'updated', id: record.id });
  }

  deleteProduct(product: ProductRecord, events: ResourceEvent[]): void {
    for (const id of product.variations) this.store.variations.delete(id);
    this.store.products.delete(product.id);
    events.push({ resource: 'product', event: 'deleted', id: product.id });
  }

  deleteVariation(variation: VariationRecord, events: ResourceEvent[]): void {
    this.store.variations.delete(variation.id);
    const parent = this.store.products.get(variation.parent_id);
    if (parent) parent.variations = parent.variations.filter((id) => id !== variation.id);
    events.push({ resource: 'product', event: 'deleted', id: variation.id });
  }

  /**
   * `WC_REST_Controller::batch_items`: over the limit (create + update + delete) the whole call is
   * a 413; otherwise each item succeeds or carries its own `{id, error}`.
   */
  batch(body: Json, handlers: BatchHandlers): Json {
    const list = (key: string): unknown[] => (Array.isArray(body[key]) ? (body[key] as unknown[]) : []);
    const creates = list('create');
    const updates = list('update');
    const deletes = list('delete');
    if (creates.length + updates.length + deletes.length > this.settings.batchLimit) throw batchTooLarge(this.settings.batchLimit);
    const result: Json = {};
    const attempt = (id: unknown, run: () => Json): Json => {
      try {
        return run();
      } catch (err) {
        if (!(err instanceof WpError)) throw err;
        return { id: typeof id === 'number' ? id : Number(id ?? 0), error: { code: err.code, message: err.message, data: { status: err.statusCode, ...err.extra } } };
      }
    };
    if (creates.length) result.create = creates.map((item) => attempt(0, () => handlers.create(asJson(item))));
    if (updates.length) result.update = updates.map((item) => attempt(asJson(item).id, () => handlers.update(asJson(item))));
    if (deletes.length) result.delete = deletes.map((id) => attempt(id, () => handlers.delete(Number(id))));
    return result;
  }

  private apply(record: ProductRecord | VariationRecord, patch: ProductPatch): void {
    if (patch.sku !== undefined) {
      if (patch.sku !== '' && this.store.skuTaken(patch.sku, record.id)) throw duplicateSku();
      record.sku = patch.sku;
    }
    if (patch.regular_price !== undefined) record.regular_price = patch.regular_price;
    if (patch.sale_price !== undefined) record.sale_price = patch.sale_price;
    if (patch.tax_class !== undefined) record.tax_class = patch.tax_class;
    if (patch.tax_status !== undefined) record.tax_status = patch.tax_status;
    if (!isVariation(record)) {
      if (patch.name !== undefined) record.name = patch.name;
      if (patch.status !== undefined) record.status = patch.status;
      if (patch.type !== undefined) record.type = patch.type;
    }
    applyStock(record, patch);
  }
}

/**
 * Stock as the v3 controller sets it: `stock_quantity` counts only when stock is managed (after
 * applying `manage_stock` from the same request); turning management off clears the quantity.
 * So `{stock_quantity: 5}` on an unmanaged product is silently ignored, as upstream.
 */
function applyStock(record: StockFields, patch: ProductPatch): void {
  if (patch.manage_stock !== undefined) record.manage_stock = patch.manage_stock;
  if (patch.backorders !== undefined) record.backorders = patch.backorders;
  if (record.manage_stock) {
    if (patch.stock_quantity !== undefined) record.stock_quantity = patch.stock_quantity;
    if (record.stock_quantity === null) record.stock_quantity = 0;
    deriveStockStatus(record);
  } else {
    record.stock_quantity = null;
    if (patch.stock_status !== undefined) record.stock_status = patch.stock_status;
  }
}

function asJson(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
