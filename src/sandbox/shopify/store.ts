import { notFound } from './errors';
import { FIRST_ID, type ShopifyId } from './ids';
import type {
  FulfillmentOrderRecord,
  FulfillmentRecord,
  InventoryItemRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  VariantRecord,
  WebhookRecord,
} from './models';

export const FIRST_ORDER_NUMBER = 1001;

/** All simulator state; lookups throw Shopify's 404. Business rules live in the service files. */
export class ShopifyStore {
  readonly locations = new Map<ShopifyId, LocationRecord>();
  readonly products = new Map<ShopifyId, ProductRecord>();
  readonly variants = new Map<ShopifyId, VariantRecord>();
  readonly inventoryItems = new Map<ShopifyId, InventoryItemRecord>();
  /** Keyed `${inventoryItemId}:${locationId}`. */
  readonly levels = new Map<string, InventoryLevelRecord>();
  readonly orders = new Map<ShopifyId, OrderRecord>();
  readonly fulfillmentOrders = new Map<ShopifyId, FulfillmentOrderRecord>();
  readonly fulfillments = new Map<ShopifyId, FulfillmentRecord>();
  readonly webhooks = new Map<ShopifyId, WebhookRecord>();
  private nextId = FIRST_ID;
  private nextOrderNumber = FIRST_ORDER_NUMBER;

  constructor(readonly now: () => Date = () => new Date()) {}

  reset(): void {
    for (const map of [this.locations, this.products, this.variants, this.inventoryItems, this.levels, this.orders, this.fulfillmentOrders, this.fulfillments, this.webhooks]) {
      map.clear();
    }
    this.nextId = FIRST_ID;
    this.nextOrderNumber = FIRST_ORDER_NUMBER;
  }

  /** Shopify writes timestamps with an offset and no milliseconds (shop time zone; UTC here). */
  timestamp(at: Date = this.now()): string {
    return at.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }

  /** One id series for every resource: all ids are above 2^53. */
  id(): ShopifyId {
    this.nextId += 1n;
    return this.nextId;
  }

  orderNumber(): number {
    return this.nextOrderNumber++;
  }

  order(id: ShopifyId): OrderRecord {
    return found(this.orders.get(id));
  }

  product(id: ShopifyId): ProductRecord {
    return found(this.products.get(id));
  }

  variant(id: ShopifyId): VariantRecord {
    return found(this.variants.get(id));
  }

  inventoryItem(id: ShopifyId): InventoryItemRecord {
    return found(this.inventoryItems.get(id));
  }

  location(id: ShopifyId): LocationRecord {
    return found(this.locations.get(id));
  }

  variantsBySku(sku: string): VariantRecord[] {
    return [...this.variants.values()].filter((v) => v.sku === sku);
  }

  level(itemId: ShopifyId, locationId: ShopifyId): InventoryLevelRecord | undefined {
    return this.levels.get(`${itemId}:${locationId}`);
  }

  setLevel(itemId: ShopifyId, locationId: ShopifyId, available: number): InventoryLevelRecord {
    const level = { inventory_item_id: itemId, location_id: locationId, available, updated_at: this.timestamp() };
    this.levels.set(`${itemId}:${locationId}`, level);
    return level;
  }

  /** The first active location: where orders are fulfilled from and stock is taken. */
  primaryLocation(): LocationRecord {
    return found([...this.locations.values()].find((l) => l.active));
  }

  fulfillmentOrdersOf(orderId: ShopifyId): FulfillmentOrderRecord[] {
    return [...this.fulfillmentOrders.values()].filter((fo) => fo.order_id === orderId);
  }
}

function found<T>(value: T | undefined): T {
  if (value === undefined) throw notFound();
  return value;
}
