import type { NetvisorStore } from './store';

/**
 * Demo company: three payment terms (paymenttermlist.nv keys 1–3), two customers (one without a default payment term), two products, fiscal years
 * 2025–2027 with 2025 locked, and one existing invoice (1000) and order (500) so the number series
 * rule has something to overlap.
 */
export function seedNetvisor(store: NetvisorStore): void {
  store.periods = {
    accountingLockDate: '2025-12-31',
    vatLockDate: '2025-12-31',
    fiscalYears: ['2025', '2026', '2027'].map((year) => ({ key: store.key(), name: year, begin: `${year}-01-01`, end: `${year}-12-31` })),
  };
  store.paymentTerms = [
    { key: 1, name: '14 päivää netto', netDays: 14 },
    { key: 2, name: '30 päivää netto', netDays: 30 },
    { key: 3, name: 'Heti', netDays: 0 },
  ];
  const withTerm = store.key();
  store.customers.set(withTerm, {
    key: withTerm,
    code: '1001',
    base: { internalidentifier: '1001', externalidentifier: '1967543-8', name: 'Oy Asiakas Ab', streetaddress: 'Pajukuja 2', city: 'Lappeenranta', postnumber: '53100', country: 'FI', isactive: '1' },
    additional: { defaultpaymentterm: '1' },
  });
  const withoutTerm = store.key();
  store.customers.set(withoutTerm, {
    key: withoutTerm,
    code: '1002',
    base: { internalidentifier: '1002', name: 'Matti Meikäläinen', city: 'Helsinki', country: 'FI', isactive: '1', isprivatecustomer: '1' },
    additional: {},
  });
  for (const [code, name, price, vat] of [
    ['P-100', 'Hylly', '49,90', 25.5],
    ['P-200', 'Keittokirja', '25,00', 10],
  ] as const) {
    const key = store.key();
    store.products.set(key, {
      key,
      code,
      base: { productcode: code, productgroup: 'Tuotteet', name, unitprice: price, unit: 'kpl', isactive: '1', issalesproduct: '1' },
      defaultVatPercentage: vat,
    });
  }
  for (const [kind, number] of [
    ['invoice', '1000'],
    ['order', '500'],
  ] as const) {
    const key = store.key();
    store.documents.set(key, {
      key,
      kind,
      number,
      date: '2026-01-15',
      amount: 62.62,
      status: kind === 'invoice' ? 'open' : 'undelivered',
      customerCode: '1001',
      customerName: 'Oy Asiakas Ab',
      paymentTermNetDays: 14,
      lines: [{ productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY', quantity: 1 }],
    });
  }
}
