import { invalidOrderId, invalidProductId, invalidVariationId, invalidWebhookId } from './errors';
import type { OrderRecord, ProductRecord, StockFields, VariationRecord, WebhookRecord } from './models';

function freshCounters() {
  // Products and variations share WordPress's post ids; orders have their own table (HPOS).
  return { post: 11, order: 1001, item: 1, webhook: 1 };
}
type Series = keyof ReturnType<typeof freshCounters>;

/** All simulator state plus the lookups that answer WooCommerce's 404s. */
export class WooStore {
  readonly orders = new Map<number, OrderRecord>();
  readonly products = new Map<number, ProductRecord>();
  readonly variations = new Map<number, VariationRecord>();
  readonly webhooks = new Map<number, WebhookRecord>();
  /** Orders whose stock has been reduced (`_order_stock_reduced`). */
  readonly stockReduced = new Set<number>();
  private counters = freshCounters();

  constructor(private readonly clock: () => number = Date.now) {}

  reset(): void {
    for (const map of [this.orders, this.products, this.variations, this.webhooks]) map.clear();
    this.stockReduced.clear();
    this.counters = freshCounters();
  }

  /** WordPress stores dates to the second; so does the simulator, so `modified_after` behaves alike. */
  now(): number {
    return Math.floor(this.clock() / 1000) * 1000;
  }

  next(series: Series): number {
    return this.counters[series]++;
  }

  order(id: number): OrderRecord {
    const order = this.orders.get(id);
    if (!order) throw invalidOrderId();
    return order;
  }

  product(id: number): ProductRecord {
    const product = this.products.get(id);
    if (!product) throw invalidProductId();
    return product;
  }

  variation(parentId: number, id: number): VariationRecord {
    const variation = this.variations.get(id);
    if (!variation || variation.parent_id !== parentId) throw invalidVariationId();
    return variation;
  }

  webhook(id: number): WebhookRecord {
    const webhook = this.webhooks.get(id);
    if (!webhook) throw invalidWebhookId();
    return webhook;
  }

  /** Products and variations with exactly this SKU (SKUs are unique per store in WooCommerce). */
  bySku(sku: string): Array<ProductRecord | VariationRecord> {
    const lower = sku.toLowerCase();
    return [...this.products.values(), ...this.variations.values()].filter((p) => p.sku !== '' && p.sku.toLowerCase() === lower);
  }

  skuTaken(sku: string, exceptId?: number): boolean {
    return this.bySku(sku).some((p) => p.id !== exceptId);
  }
}

/** `stock_status` follows the quantity when stock is managed (`wc_update_product_stock_status`). */
export function deriveStockStatus(record: StockFields): void {
  if (!record.manage_stock || record.stock_quantity === null) return;
  if (record.stock_quantity > 0) record.stock_status = 'instock';
  else record.stock_status = record.backorders === 'no' ? 'outofstock' : 'onbackorder';
}

export function isVariation(record: ProductRecord | VariationRecord): record is VariationRecord {
  return 'parent_id' in record;
}
