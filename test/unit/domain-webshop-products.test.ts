import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWebshopProductName, mapShopProductToRackbeat, parseWebshopSettings, type ShopProductVariant, variantFromWooProduct, variantsFromShopifyProduct } from '../../src/domain/webshop';

const hold = parseWebshopSettings({});
const clean = parseWebshopSettings({ productNames: 'clean' });

function variant(overrides: Partial<ShopProductVariant> = {}): ShopProductVariant {
  return { source: 'shopify', productId: '632910392', variantId: '808950810', sku: 'IPOD2008PINK', name: 'IPod Nano - 8GB - Pink', price: '199.00', barcode: '1234_pink', ...overrides };
}

describe('variantsFromShopifyProduct / variantFromWooProduct', () => {
  it('names variants after product and option, and a single default variant after the product', () => {
    const variants = variantsFromShopifyProduct({
      id: '632910392', title: 'IPod Nano - 8GB',
      variants: [
        { id: '808950810', title: 'Pink', sku: 'IPOD2008PINK', price: '199.00', barcode: '1234_pink' },
        { id: '808950811', title: 'Default Title', sku: 'IPOD2008', price: '189.00', barcode: null },
      ],
    });
    assert.deepEqual(variants.map((v) => [v.sku, v.name, v.price, v.barcode]), [
      ['IPOD2008PINK', 'IPod Nano - 8GB - Pink', '199.00', '1234_pink'],
      ['IPOD2008', 'IPod Nano - 8GB', '189.00', null],
    ]);
  });

  it('reads a WooCommerce product with its list price and a decoded name', () => {
    const v = variantFromWooProduct({ id: 794, name: 'Premium &amp; Quality', sku: 'PQ-1', price: '17.99', regular_price: '21.99', sale_price: '17.99' });
    assert.deepEqual(v, { source: 'woocommerce', productId: '794', sku: 'PQ-1', name: 'Premium & Quality', price: '21.99', barcode: null });
  });
});

describe('mapShopProductToRackbeat', () => {
  it('takes 25 % VAT out of an inclusive price and uses the SKU as number', () => {
    assert.deepEqual(mapShopProductToRackbeat(variant(), hold), {
      ok: true, nameCleaned: false,
      input: { number: 'IPOD2008PINK', name: 'IPod Nano - 8GB - Pink', group: 1, sales_price: 159.2, barcode: '1234_pink' },
    });
  });

  it('keeps an exclusive price and the configured group', () => {
    const result = mapShopProductToRackbeat(variant({ price: '99.95' }), parseWebshopSettings({ productPricesIncludeVat: false, productGroup: 4 }));
    assert.deepEqual(result.ok ? [result.input.sales_price, result.input.group] : result.hold, [99.95, 4]);
  });

  it('holds a variant without SKU, an over-long SKU and an unreadable price', () => {
    const codes = [variant({ sku: '' }), variant({ sku: 'X'.repeat(26) }), variant({ price: '' })].map((v) => {
      const r = mapShopProductToRackbeat(v, hold);
      return r.ok ? 'ok' : r.hold.code;
    });
    assert.deepEqual(codes, ['WEBSHOP_MISSING_SKU', 'WEBSHOP_PRODUCT_NUMBER_TOO_LONG', 'WEBSHOP_PRODUCT_PRICE_INVALID']);
    const missing = mapShopProductToRackbeat(variant({ sku: '' }), hold);
    assert.equal(missing.ok ? '' : missing.hold.message, "Give 'IPod Nano - 8GB - Pink' a SKU in Shopify that matches a Rackbeat product number (every variant needs its own), then retry Shopify product 632910392.");
  });
});

describe('checkWebshopProductName', () => {
  it('holds a name with characters Netvisor rejects, naming them', () => {
    assert.deepEqual(checkWebshopProductName('T-1', 'Salt & Pepper #2', hold), {
      ok: false,
      hold: {
        code: 'WEBSHOP_PRODUCT_NAME_CHARACTERS',
        message: "Remove '&', '#' from the name 'Salt & Pepper #2' of product 'T-1' in the webshop (Netvisor rejects those characters), or set the webshop setting productNames to 'clean'.",
      },
    });
  });

  it('cleans the name instead when configured', () => {
    assert.deepEqual(checkWebshopProductName('T-1', 'Salt & Pepper #2', clean), { ok: true, name: 'Salt Pepper 2', cleaned: true });
  });

  it('uses a configured character list', () => {
    const custom = parseWebshopSettings({ rejectedNameCharacters: ['%'] });
    assert.equal(checkWebshopProductName('T-1', 'Salt & Pepper', custom).ok, true);
    assert.equal(checkWebshopProductName('T-1', '100% wool', custom).ok, false);
  });

  it("holds or cuts a name longer than e-conomic's 300 characters", () => {
    const long = 'a'.repeat(301);
    const held = checkWebshopProductName('T-1', long, hold);
    assert.equal(held.ok ? '' : held.hold.code, 'WEBSHOP_PRODUCT_NAME_TOO_LONG');
    const cut = checkWebshopProductName('T-1', long, clean);
    assert.equal(cut.ok ? cut.name.length : 0, 300);
    assert.deepEqual(checkWebshopProductName('T-1', 'a'.repeat(300), hold), { ok: true, name: 'a'.repeat(300), cleaned: false });
  });
});
