import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RackbeatProduct } from '../../src/connectors/rackbeat';
import { isTrashedWooProduct, rackbeatProductChanges, variantsFromWooProduct } from '../../src/domain/webshop/product-changes';
import { webshopProductSummary, webshopProductWorkflowId } from '../../src/workflows/webshop-product/contract';

function rackbeatProduct(overrides: Partial<RackbeatProduct> = {}): RackbeatProduct {
  return { number: 'MUG-01', name: 'Krus', barcode: '5701234000031', description: null, sales_price: 79.2, stock_quantity: 0, in_order_quantity: 0, available_quantity: 0, group_id: 1, updated_at: null, ...overrides };
}

describe('webshopProduct contract', () => {
  it('keys the workflow by connection, shop and shop product id, keeping ids above 2^53 exact', () => {
    assert.equal(webshopProductWorkflowId('acme', 'shopify', '9007199254740993'), 'webshop-product:acme:shopify-9007199254740993');
    assert.equal(webshopProductWorkflowId('acme', 'woocommerce', '42'), 'webshop-product:acme:woocommerce-42');
    assert.equal(webshopProductSummary('woocommerce', '42'), 'WooCommerce product 42 → Rackbeat → accounting');
  });
});

describe('variantsFromWooProduct', () => {
  it('reads a simple product as its one variant', () => {
    const variants = variantsFromWooProduct({ id: 10, name: 'Krus &amp; fad', type: 'simple', sku: 'MUG-01', price: '99.00', regular_price: '99.00' }, []);
    assert.deepEqual(variants, [{ source: 'woocommerce', productId: '10', sku: 'MUG-01', name: 'Krus & fad', price: '99.00', barcode: null }]);
  });

  it("names a variable product's variations after the parent and their options, each with its own SKU and price", () => {
    const variants = variantsFromWooProduct({ id: 20, name: 'T-shirt', type: 'variable', sku: '', price: '', regular_price: '' }, [
      { id: 21, sku: 'TEE-S', price: '100.00', regular_price: '125.00', attributes: [{ id: 1, name: 'Size', option: 'S' }] },
      { id: 22, sku: '', price: '125.00', regular_price: '125.00', attributes: [{ id: 1, name: 'Size', option: 'M' }, { id: 2, name: 'Colour', option: 'Blå' }] },
      { id: 23, sku: 'TEE-X', price: '125.00', regular_price: '', attributes: [] },
    ]);
    assert.deepEqual(variants, [
      { source: 'woocommerce', productId: '21', sku: 'TEE-S', name: 'T-shirt - S', price: '125.00', barcode: null },
      { source: 'woocommerce', productId: '22', sku: '', name: 'T-shirt - M, Blå', price: '125.00', barcode: null },
      { source: 'woocommerce', productId: '23', sku: 'TEE-X', name: 'T-shirt', price: '125.00', barcode: null },
    ]);
  });

  it('recognises a trashed product, and nothing else, as deleted', () => {
    assert.equal(isTrashedWooProduct({ id: 1, name: 'x', status: 'trash' }), true);
    assert.equal(isTrashedWooProduct({ id: 1, name: 'x', status: 'publish' }), false);
    assert.equal(isTrashedWooProduct({ id: 1 }), false);
  });
});

describe('rackbeatProductChanges', () => {
  const wanted = { number: 'MUG-01', name: 'Krus', group: 1, sales_price: 79.2, barcode: '5701234000031' };

  it('is empty when name, price (to the cent) and barcode already match', () => {
    assert.deepEqual(rackbeatProductChanges(rackbeatProduct({ sales_price: 79.2000001 }), wanted), {});
  });

  it('names only the fields that differ, never the group', () => {
    assert.deepEqual(rackbeatProductChanges(rackbeatProduct({ name: 'Kop', sales_price: 80, group_id: 3 }), wanted), { name: 'Krus', sales_price: 79.2 });
    assert.deepEqual(rackbeatProductChanges(rackbeatProduct({ barcode: null }), wanted), { barcode: '5701234000031' });
  });

  it("keeps Rackbeat's barcode when the shop has none", () => {
    assert.deepEqual(rackbeatProductChanges(rackbeatProduct(), { ...wanted, barcode: null }), {});
  });
});
