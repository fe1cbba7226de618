import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Customer, CustomerInput, Product } from '../../src/connectors/economic/types';
import type { RackbeatCustomer, RackbeatProduct } from '../../src/connectors/rackbeat/types';
import {
  customerChanges,
  customerUpdateBody,
  DEFAULT_ECONOMIC_MAPPING,
  mapCustomer,
  mapProduct,
  PreflightRequiredError,
  productChanges,
  productUpdateBody,
} from '../../src/domain/economic';

const mapping = { ...DEFAULT_ECONOMIC_MAPPING, paymentTermsMap: { '3': 2 }, productGroupMap: { '2': 3 } };

const rackbeatCustomer: RackbeatCustomer = {
  number: 1,
  name: 'Nordisk Cykel ApS',
  contact_email: 'indkob@nordiskcykel.dk',
  contact_phone: '+45 12 34 56 78',
  company_vat: 'DK12345678',
  ean: '5790001234567',
  currency: 'DKK',
  vat_zone: 'domestic',
  payment_terms_id: 3,
  address_street: 'Vesterbrogade 10',
  address_street2: '2. sal',
  address_zipcode: '1620',
  address_city: 'København V',
  address_country: 'DK',
};

const desiredCustomer = mapCustomer(rackbeatCustomer, mapping);

const economicCustomer: Customer = {
  customerNumber: 1,
  name: 'Nordisk Cykel ApS',
  currency: 'DKK',
  customerGroup: { customerGroupNumber: 2 },
  vatZone: { vatZoneNumber: 1 },
  paymentTerms: { paymentTermsNumber: 2 },
  layout: { layoutNumber: 21 },
  email: 'indkob@nordiskcykel.dk',
  ean: '5790001234567',
  corporateIdentificationNumber: 'DK12345678',
  address: 'Vesterbrogade 10\n2. sal',
  zip: '1620',
  city: 'København V',
  country: 'DK',
  balance: 1200,
  self: 'https://restapi.e-conomic.com/customers/1',
};

describe('mapCustomer', () => {
  it('maps a Rackbeat customer to the whole e-conomic customer body', () => {
    assert.deepEqual(desiredCustomer, {
      customerNumber: 1,
      name: 'Nordisk Cykel ApS',
      currency: 'DKK',
      customerGroup: { customerGroupNumber: 1 },
      vatZone: { vatZoneNumber: 1 },
      paymentTerms: { paymentTermsNumber: 2 },
      layout: { layoutNumber: 19 },
      email: 'indkob@nordiskcykel.dk',
      ean: '5790001234567',
      address: 'Vesterbrogade 10\n2. sal',
      zip: '1620',
      city: 'København V',
      country: 'DK',
      corporateIdentificationNumber: 'DK12345678',
    });
  });

  it('leaves out blank fields instead of sending empty strings or null', () => {
    const bare = mapCustomer({ ...rackbeatCustomer, contact_email: '', ean: null, company_vat: ' ', address_street: null, address_street2: null }, mapping);
    assert.deepEqual(['email', 'ean', 'corporateIdentificationNumber', 'address'].filter((key) => key in bare), []);
  });

  it('uses the fallback payment terms only when the customer has none', () => {
    const withoutTerms = { ...rackbeatCustomer, payment_terms_id: null };
    assert.deepEqual(mapCustomer(withoutTerms, mapping, { fallbackPaymentTermsNumber: 1 }).paymentTerms, { paymentTermsNumber: 1 });
    assert.deepEqual(mapCustomer(rackbeatCustomer, mapping, { fallbackPaymentTermsNumber: 1 }).paymentTerms, { paymentTermsNumber: 2 });
    assert.throws(() => mapCustomer(withoutTerms, mapping), PreflightRequiredError);
  });
});

describe('customerChanges', () => {
  it('finds no change when e-conomic holds what Rackbeat says, whatever group, layout and balance it has', () => {
    assert.deepEqual(customerChanges(economicCustomer, desiredCustomer), []);
  });

  const { email: _email, ...desiredWithoutEmail } = desiredCustomer;
  const cases: [string, Partial<Customer>, CustomerInput, string[]][] = [
    ['a renamed customer', { name: 'Nordisk Cykel A/S' }, desiredCustomer, ['name']],
    ['another e-mail and city', { email: 'old@nordiskcykel.dk', city: 'Aarhus' }, desiredCustomer, ['email', 'city']],
    ['another VAT zone and payment terms', { vatZone: { vatZoneNumber: 2 }, paymentTerms: { paymentTermsNumber: 1 } }, desiredCustomer, ['vatZone', 'paymentTerms']],
    ['an e-mail Rackbeat no longer has', {}, desiredWithoutEmail, ['email']],
  ];
  for (const [what, existing, desired, fields] of cases) {
    it(`names the fields for ${what}`, () => assert.deepEqual(customerChanges({ ...economicCustomer, ...existing }, desired), fields));
  }

  it('builds an update body that keeps the group and layout e-conomic has', () => {
    const body = customerUpdateBody(economicCustomer, desiredCustomer);
    assert.deepEqual([body.customerGroup, body.layout, body.name], [{ customerGroupNumber: 2 }, { layoutNumber: 21 }, 'Nordisk Cykel ApS']);
  });
});

const rackbeatProduct: RackbeatProduct = {
  number: 'SRV-INSTALL',
  name: 'Montering',
  description: 'Montering pr. time',
  barcode: '5701234000031',
  sales_price: 450,
  cost_price: 0,
  stock_quantity: 0,
  in_order_quantity: 0,
  available_quantity: 0,
  group_id: 2,
  group: { number: 2, name: 'Ydelser' },
  is_barred: false,
};

const economicProduct: Product = {
  productNumber: 'SRV-INSTALL',
  name: 'Montering',
  description: 'Montering pr. time',
  salesPrice: 450,
  barCode: '5701234000031',
  productGroup: { productGroupNumber: 3 },
  self: 'https://restapi.e-conomic.com/products/SRV-INSTALL',
};

describe('mapProduct', () => {
  it('maps a Rackbeat product to the whole e-conomic product body, group through the map', () => {
    assert.deepEqual(mapProduct(rackbeatProduct, mapping), {
      productNumber: 'SRV-INSTALL',
      name: 'Montering',
      productGroup: { productGroupNumber: 3 },
      salesPrice: 450,
      costPrice: 0,
      barCode: '5701234000031',
      description: 'Montering pr. time',
    });
  });

  it('takes the group from group_id when the group object is missing, identity when unmapped', () => {
    assert.deepEqual(mapProduct({ ...rackbeatProduct, group: null, group_id: 1 }, mapping).productGroup, { productGroupNumber: 1 });
  });

  it('sends barred only for a barred product', () => {
    assert.equal(mapProduct({ ...rackbeatProduct, is_barred: true }, mapping).barred, true);
    assert.equal('barred' in mapProduct(rackbeatProduct, mapping), false);
  });
});

describe('productChanges', () => {
  const desired = mapProduct(rackbeatProduct, mapping);
  const cases: [string, Partial<Product>, string[]][] = [
    ['the same product (an absent cost price equals 0)', {}, []],
    ['a new price and name', { salesPrice: 400, name: 'Montage' }, ['name', 'salesPrice']],
    ['another group', { productGroup: { productGroupNumber: 1 } }, ['productGroup']],
    ['a barred product in e-conomic', { barred: true }, ['barred']],
    ['a different cost price', { costPrice: 120 }, ['costPrice']],
  ];
  for (const [what, existing, fields] of cases) {
    it(`finds ${JSON.stringify(fields)} for ${what}`, () => assert.deepEqual(productChanges({ ...economicProduct, ...existing }, desired), fields));
  }
});

describe('PUT bodies keep what e-conomic holds and rackbridge does not map', () => {
  it('keeps a customer’s telephoneAndFaxNumber and barred, drops self and metaData', () => {
    const existing = { ...economicCustomer, telephoneAndFaxNumber: '+45 70 00 00 00', barred: true, self: 'https://restapi.e-conomic.com/customers/1', metaData: { delete: {} } } as Customer;
    const body = customerUpdateBody(existing, desiredCustomer) as unknown as Record<string, unknown>;
    assert.deepEqual([body.telephoneAndFaxNumber, body.barred, 'self' in body, 'metaData' in body, body.name], ['+45 70 00 00 00', true, false, false, 'Nordisk Cykel ApS']);
  });

  it('keeps a product’s unit, recommendedPrice and inventory block, overwriting only the mapped fields', () => {
    const desired = mapProduct(rackbeatProduct, mapping);
    const existing = { ...economicProduct, name: 'Old name', unit: { unitNumber: 1 }, recommendedPrice: 450, inventory: { packageVolume: 0.2, recommendedCostPrice: 90 }, self: 'x' } as Product;
    const body = productUpdateBody(existing, desired) as unknown as Record<string, unknown>;
    assert.deepEqual([body.unit, body.recommendedPrice, body.inventory, 'self' in body, body.name, body.productNumber], [{ unitNumber: 1 }, 450, { packageVolume: 0.2, recommendedCostPrice: 90 }, false, desired.name, economicProduct.productNumber]);
  });
});
