import { gid } from './ids';
import type { FulfillmentOrderRecord, InventoryItemRecord, InventoryLevelRecord, LocationRecord, ProductRecord, VariantRecord, WebhookRecord } from './models';
import type { ShopifyStore } from './store';
import { money } from './totals';

type Json = Record<string, unknown>;

export function productView(store: ShopifyStore, product: ProductRecord): Json {
  const variants = product.variantIds.map((id) => store.variants.get(id)).filter((v) => v !== undefined);
  return {
    id: product.id,
    admin_graphql_api_id: gid('Product', product.id),
    title: product.title,
    body_html: product.body_html,
    vendor: product.vendor,
    product_type: product.product_type,
    handle: product.handle,
    status: product.status,
    tags: product.tags,
    published_scope: 'global',
    template_suffix: null,
    created_at: product.created_at,
    updated_at: product.updated_at,
    published_at: product.created_at,
    variants: variants.map((v) => variantView(store, v)),
    options: [{ product_id: product.id, name: 'Title', position: 1, values: variants.map((v) => v.title) }],
    images: [],
    image: null,
  };
}

export function variantView(store: ShopifyStore, v: VariantRecord): Json {
  return {
    id: v.id,
    admin_graphql_api_id: gid('ProductVariant', v.id),
    product_id: v.product_id,
    title: v.title,
    sku: v.sku,
    price: money(v.price),
    compare_at_price: null,
    position: v.position,
    barcode: v.barcode,
    grams: v.grams,
    weight: v.grams / 1000,
    weight_unit: 'kg',
    taxable: v.taxable,
    requires_shipping: v.requires_shipping,
    inventory_policy: 'deny',
    inventory_management: 'shopify',
    fulfillment_service: 'manual',
    inventory_item_id: v.inventory_item_id,
    inventory_quantity: availableEverywhere(store, v.inventory_item_id),
    option1: v.title,
    option2: null,
    option3: null,
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}

export function availableEverywhere(store: ShopifyStore, itemId: bigint): number {
  return [...store.levels.values()].filter((l) => l.inventory_item_id === itemId).reduce((s, l) => s + l.available, 0);
}

export function inventoryItemView(item: InventoryItemRecord): Json {
  return {
    id: item.id,
    admin_graphql_api_id: gid('InventoryItem', item.id),
    sku: item.sku,
    tracked: item.tracked,
    requires_shipping: item.requires_shipping,
    cost: null,
    country_code_of_origin: null,
    harmonized_system_code: null,
    created_at: item.created_at,
    updated_at: item.updated_at,
  };
}

export function levelView(level: InventoryLevelRecord): Json {
  return {
    inventory_item_id: level.inventory_item_id,
    location_id: level.location_id,
    available: level.available,
    updated_at: level.updated_at,
    // gid shape as in Shopify's samples: the number is the level's own id, here the location id (unconfirmed upstream).
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${level.location_id}?inventory_item_id=${level.inventory_item_id}`,
  };
}

export function locationView(l: LocationRecord): Json {
  return {
    id: l.id,
    admin_graphql_api_id: gid('Location', l.id),
    name: l.name,
    address1: l.address1,
    address2: null,
    city: l.city,
    zip: l.zip,
    province: null,
    country: l.country_code,
    country_code: l.country_code,
    country_name: l.country_code === 'DK' ? 'Denmark' : l.country_code,
    phone: null,
    active: l.active,
    legacy: false,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

export function fulfillmentOrderView(store: ShopifyStore, fo: FulfillmentOrderRecord): Json {
  return {
    id: fo.id,
    shop_id: 1n,
    order_id: fo.order_id,
    assigned_location_id: fo.location_id,
    fulfillment_service_handle: 'manual',
    request_status: 'unsubmitted',
    status: fo.status,
    supported_actions: fo.status === 'open' ? ['create_fulfillment'] : [],
    line_items: fo.lines.map((l) => ({
      id: l.id,
      shop_id: 1n,
      fulfillment_order_id: fo.id,
      quantity: l.quantity,
      line_item_id: l.line_item_id,
      inventory_item_id: l.inventory_item_id,
      fulfillable_quantity: l.fulfillable_quantity,
      variant_id: l.variant_id,
    })),
    merchant_requests: [],
    created_at: fo.created_at,
    updated_at: fo.updated_at,
    assigned_location: { location_id: fo.location_id, name: store.locations.get(fo.location_id)?.name ?? null },
  };
}

export function webhookView(w: WebhookRecord): Json {
  return { id: w.id, address: w.address, topic: w.topic, format: w.format, api_version: w.api_version, fields: [], metafield_namespaces: [], private_metafield_namespaces: [], created_at: w.created_at, updated_at: w.updated_at };
}
