import { SANDBOX_CREDENTIALS } from '../defaults';
import type { Doc, EconomicStore } from './store';

/** The inventory module as it appears in `GET /self` (traels `self.json`). */
export const INVENTORY_MODULE = { moduleNumber: 15, name: 'Lager' } as const;

const BASE_MODULES = [
  { moduleNumber: 3, name: 'Indscanning' },
  { moduleNumber: 14, name: 'Dimension (afdeling/kvantum)' },
  { moduleNumber: 57, name: 'Budget' },
];

export function selfDocument(store: EconomicStore): Doc {
  const modules = store.agreement.inventoryModule ? [...BASE_MODULES, INVENTORY_MODULE] : BASE_MODULES;
  return { ...store.self, modules };
}

/** Demo agreement: master data as in the recorded responses, two customers, a few products. */
export function seedEconomic(store: EconomicStore): void {
  store.self = {
    agreementNumber: SANDBOX_CREDENTIALS.economic.agreementNumber,
    agreementType: { agreementTypeNumber: 1, name: 'denmark' },
    userName: 'sandbox',
    signupDate: '2026-01-05',
    user: { loginId: 'sandbox', email: 'books@sandbox.example', name: 'Sandbox User', language: { languageNumber: 1, name: 'Danish', culture: 'da-DK', self: 'https://restapi.e-conomic.com/languages/1' }, agreementNumber: SANDBOX_CREDENTIALS.economic.agreementNumber },
    company: { name: 'Rackbridge Sandbox ApS', addressLine1: 'Langebrogade 1', zip: '1411', city: 'Copenhagen', phoneNumber: '+4512345678', faxNumber: '', attention: 'Bogholderiet', email: 'books@sandbox.example', companyIdentificationNumber: '29403473' },
    bankInformation: { bankName: 'Sandbox Bank', swiftCode: 'SNDBDKKK', ibanNumber: 'DK5000400440116243', bankSortCode: '1234', bankAccountNumber: '123456789', pbsCustomerGroupNumber: '1', giro: '' },
    application: { appNumber: 1, name: 'rackbridge sandbox', appPublicToken: 'sandbox-app-public-token', created: '2026-01-05', requiredRoles: [{ roleNumber: 2, name: 'SuperUser' }] },
    settings: { baseCurrency: 'DKK' },
    companyAffiliation: 'e-conomic',
    canSendElectronicInvoice: true,
  };
  put(store.vatZones, [
    { vatZoneNumber: 1, name: 'Domestic', enabledForCustomer: true, enabledForSupplier: true },
    { vatZoneNumber: 2, name: 'EU', enabledForCustomer: true, enabledForSupplier: true },
    { vatZoneNumber: 3, name: 'Abroad', enabledForCustomer: true, enabledForSupplier: true },
    { vatZoneNumber: 4, name: 'Domestic exempt VAT', enabledForCustomer: true, enabledForSupplier: false },
  ], 'vatZoneNumber');
  put(store.paymentTerms, [
    { paymentTermsNumber: 1, daysOfCredit: 8, name: 'Netto 8 dage', paymentTermsType: 'net', description: 'Netto 8 dage' },
    { paymentTermsNumber: 2, daysOfCredit: 30, name: 'Løbende måned + 30', paymentTermsType: 'invoiceMonth' },
    { paymentTermsNumber: 3, daysOfCredit: 0, name: 'Kontant', paymentTermsType: 'paidInCash' },
    { paymentTermsNumber: 7, name: 'Forfaldsdato', paymentTermsType: 'dueDate' },
  ], 'paymentTermsNumber');
  put(store.layouts, [
    { layoutNumber: 19, name: 'DK. std. m. bankoplys. 1.5' },
    { layoutNumber: 20, name: 'DK. std. m. girokort 1.5' },
    { layoutNumber: 21, name: 'Eng. std. m. bankoplys. 1.5' },
  ], 'layoutNumber');
  put(store.units, [
    { unitNumber: 1, name: 'stk.' },
    { unitNumber: 2, name: 'timer' },
    { unitNumber: 3, name: 'pcs.' },
  ], 'unitNumber');
  // vatExempt is the simulator's own flag (not in the API): groups "u/moms" carry no VAT.
  put(store.productGroups, [
    { productGroupNumber: 1, name: 'Varer m/moms' },
    { productGroupNumber: 2, name: 'Varer u/moms', vatExempt: true },
    { productGroupNumber: 3, name: 'Ydelser m/moms' },
    { productGroupNumber: 4, name: 'Ydelser u/moms', vatExempt: true },
  ], 'productGroupNumber');
  put(store.customerGroups, [
    { customerGroupNumber: 1, name: 'Indenlandske kunder' },
    { customerGroupNumber: 2, name: 'Udenlandske kunder' },
  ], 'customerGroupNumber');
  put(store.journals, [
    { journalNumber: 1, name: 'Daglig', settings: { voucherNumbers: { minimumVoucherNumber: 1 } } },
    {
      journalNumber: 2,
      name: 'Indbetalinger',
      settings: { voucherNumbers: { minimumVoucherNumber: 50001 }, entryTypeRestrictedTo: 'customerPayment', contraAccounts: { customerPayments: { accountNumber: 5820 } } },
    },
  ], 'journalNumber');
  for (let year = 2020; year <= 2030; year++) store.accountingYears.add(String(year));
  for (const code of ['DKK', 'EUR', 'SEK', 'NOK', 'USD', 'GBP']) store.currencies.add(code);

  if (!store.customers.has(1)) {
    store.createCustomer({ customerNumber: 1, name: 'Toj & Co Grossisten', currency: 'DKK', customerGroup: { customerGroupNumber: 1 }, vatZone: { vatZoneNumber: 1 }, paymentTerms: { paymentTermsNumber: 1 }, layout: { layoutNumber: 20 }, address: 'Vejlevej 21', zip: '7000', city: 'Fredericia', country: 'Danmark', email: 'faktura@toj.example', corporateIdentificationNumber: '22001884' });
  }
  if (!store.customers.has(2)) {
    store.createCustomer({ customerNumber: 2, name: 'Nordisk Kommune', currency: 'DKK', customerGroup: { customerGroupNumber: 1 }, vatZone: { vatZoneNumber: 1 }, paymentTerms: { paymentTermsNumber: 2 }, address: 'Torvet 1', zip: '8700', city: 'Horsens', country: 'Danmark', ean: '5798000363007' });
  }
  const products: Doc[] = [
    { productNumber: 'TSHIRT-M', name: 'T-shirt, medium', salesPrice: 100, costPrice: 40, productGroup: { productGroupNumber: 1 }, unit: { unitNumber: 1 } },
    { productNumber: 'HOODIE-L', name: 'Hoodie, large', salesPrice: 250, costPrice: 110.5, productGroup: { productGroupNumber: 1 }, unit: { unitNumber: 1 } },
    { productNumber: 'SHIPPING', name: 'Fragt', salesPrice: 49, costPrice: 0, productGroup: { productGroupNumber: 3 } },
  ];
  for (const product of products) if (!store.products.has(product.productNumber as string)) store.createProduct(product);
}

function put(map: Map<number, Doc>, docs: Doc[], key: string): void {
  for (const doc of docs) map.set(doc[key] as number, doc);
}
