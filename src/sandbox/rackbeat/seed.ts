import { type Address, type CustomerRecord, emptyAddress, type ProductRecord } from './models';
import type { RackbeatStore } from './store';

/**
 * Demo data: a Danish webshop's Rackbeat account. Customer 4 has no payment terms on purpose
 * (Netvisor rejects such documents); `DESK/120` has a slash in its number (path escaping).
 * Customer 5, product group 4 and `HYLLY-80` carry Finnish VAT for the Netvisor demo.
 * `SET-OFFICE` is a BOM (lot) of a chair and a desk.
 */
export function seedRackbeat(store: RackbeatStore): void {
  const now = store.timestamp();
  for (const term of [
    { number: 1, name: 'Netto 8 dage', type: 'net', description: 'Netto 8 dage', maturity_days: 8 },
    { number: 2, name: 'Netto 14 dage', type: 'net', description: 'Netto 14 dage', maturity_days: 14 },
    { number: 3, name: 'Løbende måned + 30 dage', type: 'current_month', description: 'Løbende måned + 30 dage', maturity_days: 30 },
  ]) {
    store.paymentTerms.set(term.number, term);
  }
  for (const group of [
    { number: 1, name: 'Varer', vat_domestic: 25, vat_eu: 0, vat_abroad: 0, vat_domestic_exempt: 0, has_inventory: true, is_sellable: true },
    { number: 2, name: 'Ydelser', vat_domestic: 25, vat_eu: 0, vat_abroad: 0, vat_domestic_exempt: 0, has_inventory: false, is_sellable: true },
    { number: 3, name: 'Momsfrie varer', vat_domestic: 0, vat_eu: 0, vat_abroad: 0, vat_domestic_exempt: 0, has_inventory: true, is_sellable: true },
    { number: 4, name: 'Tuotteet (FI)', vat_domestic: 25.5, vat_eu: 0, vat_abroad: 0, vat_domestic_exempt: 0, has_inventory: true, is_sellable: true },
  ]) {
    store.productGroups.set(group.number, group);
  }

  for (const group of [
    { number: 1, name: 'Kunder DK' },
    { number: 2, name: 'Kunder EU' },
    { number: 3, name: 'Webshop' },
  ]) {
    store.customerGroups.set(group.number, group);
  }

  const customer = (c: Partial<CustomerRecord> & Pick<CustomerRecord, 'number' | 'name'>, address: Partial<Address>): void => {
    store.customers.set(c.number, {
      contact_email: null, contact_phone: null, company_vat: null, ean: null, currency: 'DKK', locale: 'da', vat_zone: 'domestic',
      payment_terms_id: 1, layout_id: 1, employee_id: 1, general_discount_percentage: 0, is_barred: false, customer_group_number: 1,
      created_at: now, updated_at: now, ...c, address: { ...emptyAddress(), ...address },
    });
    store.bump('customer', c.number);
  };
  customer({ number: 1, name: 'Nordisk Cykel ApS', contact_email: 'indkob@nordiskcykel.dk', company_vat: 'DK12345678', payment_terms_id: 1 },
    { street: 'Vesterbrogade 10', zipcode: '1620', city: 'København V', country: 'DK' });
  customer({ number: 2, name: 'Hansen Handel', contact_email: 'ordre@hansenhandel.dk', payment_terms_id: 2, general_discount_percentage: 5 },
    { street: 'Søndergade 3', zipcode: '8000', city: 'Aarhus C', country: 'DK' });
  customer({ number: 3, name: 'Berlin Bikes GmbH', contact_email: 'einkauf@berlinbikes.de', currency: 'EUR', locale: 'de', vat_zone: 'eu', company_vat: 'DE123456789', payment_terms_id: 3 },
    { street: 'Torstraße 1', zipcode: '10119', city: 'Berlin', country: 'DE' });
  customer({ number: 4, name: 'Kontant Kunde', contact_email: 'kunde@example.dk', payment_terms_id: null },
    { street: 'Algade 5', zipcode: '4000', city: 'Roskilde', country: 'DK' });
  // The Finnish side of the demo (a Netvisor connection on the same account): Finnish VAT, EUR.
  customer({ number: 5, name: 'Oy Pohjola Kaluste Ab', contact_email: 'osto@pohjolakaluste.fi', currency: 'EUR', locale: 'fi', company_vat: 'FI26524538', payment_terms_id: 2 },
    { street: 'Hämeenkatu 12', zipcode: '33100', city: 'Tampere', country: 'FI' });

  const product = (p: Partial<ProductRecord> & Pick<ProductRecord, 'number' | 'name' | 'group_number' | 'sales_price'>): void => {
    store.products.set(p.number, {
      id: store.next('product'), description: null, barcode: null, unit_name: 'stk', cost_price: 0, stock_quantity: 0, in_order_quantity: 0,
      is_barred: false, created_at: now, updated_at: now, ...p,
    });
  };
  product({ number: 'CHAIR-01', name: 'Kontorstol Basic', group_number: 1, sales_price: 799, cost_price: 420, stock_quantity: 40, barcode: '5701234000017' });
  product({ number: 'DESK/120', name: 'Hævesænkebord 120 cm', group_number: 1, sales_price: 2499.5, cost_price: 1500, stock_quantity: 12, barcode: '5701234000024' });
  product({ number: 'LAMP-RED', name: 'Bordlampe rød', group_number: 1, sales_price: 249, cost_price: 90, stock_quantity: 100 });
  product({ number: 'SRV-INSTALL', name: 'Montering', group_number: 2, sales_price: 450, unit_name: 'time' });
  product({ number: 'BOOK-DK', name: 'Brugsanvisning (trykt)', group_number: 3, sales_price: 50, stock_quantity: 30 });
  product({ number: 'HYLLY-80', name: 'Hylly 80 cm', group_number: 4, sales_price: 49.9, cost_price: 22, stock_quantity: 25 });
  // The helper products webshop orders map shipping, discounts and fees to (the webshop settings' defaults).
  product({ number: 'shipping', name: 'Fragt', group_number: 2, sales_price: 0, unit_name: 'stk' });
  product({ number: 'discount', name: 'Rabat', group_number: 2, sales_price: 0, unit_name: 'stk' });
  product({ number: 'fee', name: 'Gebyr', group_number: 2, sales_price: 0, unit_name: 'stk' });
  product({ number: 'rounding', name: 'Øreafrunding', group_number: 3, sales_price: 0, unit_name: 'stk' });
  product({ number: 'OLD-01', name: 'Udgået stol', group_number: 1, sales_price: 499, stock_quantity: 2, is_barred: true });

  // A BOM (lot): order lines for it read back with child_type `lot` and are read from /lots.
  store.lots.set('SET-OFFICE', {
    id: store.next('product'), number: 'SET-OFFICE', name: 'Kontorsæt (stol + bord)', description: 'Kontorstol Basic og hævesænkebord 120 cm',
    barcode: '5701234000031', group_number: 1, sales_price: 3099, cost_price: 1920,
    components: [{ item_number: 'CHAIR-01', quantity: 1 }, { item_number: 'DESK/120', quantity: 1 }], is_barred: false, created_at: now, updated_at: now,
  });
}
