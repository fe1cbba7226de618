import type { CatalogService, VariantInput } from './catalog';
import type { ShopifyStore } from './store';

/**
 * Demo shop: one location and products whose SKUs equal the Rackbeat sandbox product numbers
 * (src/sandbox/rackbeat/seed.ts). Prices include 25 % VAT (Rackbeat's are net), in DKK.
 * `LAMP-BLUE` exists only in Shopify: the SKU to test "unknown in Rackbeat" with.
 * `BOOK-DK` is not taxable (Rackbeat's VAT-free group); `SRV-INSTALL` is a service (no shipping, no stock).
 */
export const UNKNOWN_TO_RACKBEAT_SKU = 'LAMP-BLUE';

export function seedShopify(store: ShopifyStore, catalog: CatalogService): void {
  const now = store.timestamp();
  const locationId = store.id();
  store.locations.set(locationId, { id: locationId, name: 'Lager Roskilde', address1: 'Algade 5', city: 'Roskilde', zip: '4000', country_code: 'DK', active: true, created_at: now, updated_at: now });

  const product = (title: string, productType: string, variants: VariantInput[]): void => {
    const id = store.id();
    const record = { id, title, body_html: '', vendor: 'Rackbridge Demo', product_type: productType, handle: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), status: 'active' as const, tags: '', variantIds: [], created_at: now, updated_at: now };
    store.products.set(id, record);
    variants.forEach((v, i) => catalog.addVariant(record, v, i + 1));
  };
  product('Kontorstol Basic', 'Møbler', [{ sku: 'CHAIR-01', price: '998.75', barcode: '5701234000017', grams: 9000, available: 40 }]);
  product('Hævesænkebord 120 cm', 'Møbler', [{ sku: 'DESK/120', price: '3124.38', barcode: '5701234000024', grams: 30000, available: 12 }]);
  product('Bordlampe', 'Belysning', [
    { sku: 'LAMP-RED', title: 'Rød', price: '311.25', grams: 1200, available: 100 },
    { sku: UNKNOWN_TO_RACKBEAT_SKU, title: 'Blå', price: '311.25', grams: 1200, available: 5 },
  ]);
  product('Montering', 'Ydelser', [{ sku: 'SRV-INSTALL', price: '562.50', requires_shipping: false }]);
  product('Brugsanvisning (trykt)', 'Bøger', [{ sku: 'BOOK-DK', price: '50.00', taxable: false, grams: 200, available: 30 }]);
}
