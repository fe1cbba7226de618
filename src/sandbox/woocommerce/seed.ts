import type { ProductRecord, VariationRecord } from './models';
import type { WooStore } from './store';

/**
 * Demo catalogue of a Danish shop (DKK, prices incl. 25 % moms). SKUs equal the Rackbeat sandbox
 * product numbers, so stock and order lines match across the two simulators, except:
 * - `LAMP-GREEN`, a variation Rackbeat does not have: the stock flow must report it, not invent it;
 * - `LAMP`, the parent of the variable product: parents carry no stock, only variations do.
 * `BOOK-DK` is zero-rated, like Rackbeat's VAT-free product group; `SRV-INSTALL` keeps no stock.
 */
export function seedWooCommerce(store: WooStore): void {
  const now = store.now();
  const product = (p: Partial<ProductRecord> & Pick<ProductRecord, 'name' | 'sku' | 'regular_price'>): ProductRecord => {
    const record: ProductRecord = {
      id: store.next('post'),
      slug: p.sku.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      type: 'simple',
      status: 'publish',
      sale_price: '',
      tax_status: 'taxable',
      tax_class: '',
      virtual: false,
      attributes: [],
      variations: [],
      manage_stock: true,
      stock_quantity: 0,
      stock_status: 'instock',
      backorders: 'no',
      created_at: now,
      modified_at: now,
      ...p,
    };
    store.products.set(record.id, record);
    return record;
  };
  product({ name: 'Kontorstol Basic', sku: 'CHAIR-01', regular_price: '998.75', stock_quantity: 40 });
  product({ name: 'Hævesænkebord 120 cm', sku: 'DESK/120', regular_price: '3124.38', stock_quantity: 12 });
  product({ name: 'Montering', sku: 'SRV-INSTALL', regular_price: '562.50', virtual: true, manage_stock: false, stock_quantity: null });
  product({ name: 'Brugsanvisning (trykt)', sku: 'BOOK-DK', regular_price: '50.00', tax_class: 'zero-rate', stock_quantity: 30 });

  const lamp = product({
    name: 'Bordlampe',
    sku: 'LAMP',
    regular_price: '',
    type: 'variable',
    manage_stock: false,
    stock_quantity: null,
    attributes: [{ id: 1, name: 'Farve', position: 0, visible: true, variation: true, options: ['Rød', 'Grøn'] }],
  });
  const variation = (v: Pick<VariationRecord, 'sku' | 'regular_price' | 'stock_quantity'> & { option: string }): void => {
    const record: VariationRecord = {
      id: store.next('post'),
      parent_id: lamp.id,
      sku: v.sku,
      regular_price: v.regular_price,
      sale_price: '',
      tax_status: 'taxable',
      tax_class: 'parent',
      attributes: [{ id: 1, name: 'Farve', option: v.option }],
      manage_stock: true,
      stock_quantity: v.stock_quantity,
      stock_status: (v.stock_quantity ?? 0) > 0 ? 'instock' : 'outofstock',
      backorders: 'no',
      created_at: now,
      modified_at: now,
    };
    store.variations.set(record.id, record);
    lamp.variations.push(record.id);
  };
  variation({ sku: 'LAMP-RED', regular_price: '311.25', stock_quantity: 100, option: 'Rød' });
  variation({ sku: 'LAMP-GREEN', regular_price: '311.25', stock_quantity: 0, option: 'Grøn' });
}
