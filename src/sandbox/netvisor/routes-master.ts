import type { ResourceTable } from './resources';
import { invalidData, invalidXml, NetvisorFailure } from './responses';
import { forbiddenCharacters } from './sales-rules';
import type { NetvisorStore, SimCustomer, SimProduct } from './store';
import { child, comma, leaves, readNumber, scaled, tag, textAt, type XmlElement } from './xml-tree';

const PASCAL: Record<string, string> = {
  internalidentifier: 'InternalIdentifier', externalidentifier: 'ExternalIdentifier', name: 'Name', nameextension: 'NameExtension',
  streetaddress: 'StreetAddress', city: 'City', postnumber: 'PostNumber', country: 'Country', phonenumber: 'PhoneNumber',
  email: 'Email', isactive: 'IsActive', isprivatecustomer: 'IsPrivateCustomer', defaultpaymentterm: 'DefaultPaymentTerm',
  productcode: 'ProductCode', productgroup: 'ProductGroup', description: 'Description', unit: 'Unit',
  issalesproduct: 'IsSalesProduct', comment: 'Comment',
};
const VAT_NAMES: Record<string, string> = { KOMY: 'Kotimaan myynti', EUMY: 'EU-myynti', EUUM: 'EU:n ulkopuolinen myynti', EUPM309: 'EU-palvelumyynti (309)', EUPM312: 'EU-palvelumyynti (312)', MUUL: 'Muu arvonlisäveroton liikevaihto', RAMY: 'Rakentamispalvelun myynti', NONE: 'Ei alv-käsittelyä' };

function render(fields: Record<string, string>, skip: string[] = []): string {
  return Object.entries(fields).filter(([k]) => !skip.includes(k)).map(([k, v]) => tag(PASCAL[k] ?? k, v)).join('');
}

/** `d.M.yyyy`, as Netvisor writes dates in accountingperiodlist.nv despite `format="ansi"`. */
function finnishDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

function section(root: XmlElement | undefined, name: string): XmlElement {
  const el = child(root, name);
  if (!el) throw invalidXml(`'root' must contain '${name}'`);
  return el;
}

function editTarget<T>(map: Map<number, T>, id: string | undefined, what: string): T {
  const found = map.get(Number(id));
  if (id === undefined || !found) throw invalidData(`${what} not found with Netvisor identifier: ${id ?? '(no id parameter)'}`);
  return found;
}

export function masterResources(store: NetvisorStore): ResourceTable {
  const nextCustomerCode = (): string => String(Math.max(1000, ...[...store.customers.values()].map((c) => Number(c.code)).filter(Number.isInteger)) + 1);

  const writeCustomer = (customer: SimCustomer, el: XmlElement, adding: boolean): void => {
    const baseEl = child(el, 'customerbaseinformation');
    const base = { ...customer.base, ...leaves(baseEl) };
    const automatic = child(baseEl, 'internalidentifier')?.attrs.type === 'automatic';
    if (adding && automatic && !base.internalidentifier) base.internalidentifier = nextCustomerCode();
    if (adding && !base.name) throw invalidData('Customer name is required');
    const code = base.internalidentifier ?? '';
    const clash = store.customerByCode(code);
    if (clash && clash.key !== customer.key) throw new NetvisorFailure('DUPLICATE_DATA', `A customer with customer code ${code} already exists`);
    customer.base = base;
    customer.code = code;
    const additionalEl = child(el, 'customeradditionalinformation');
    const termEl = child(additionalEl, 'defaultpaymentterm');
    // type="netvisor" names a term of paymenttermlist.nv by its key (reference §7.1; R3's customer DTD): net days are not a key.
    if (termEl?.attrs.type === 'netvisor' && termEl.text !== '' && !store.paymentTerms.some((t) => String(t.key) === termEl.text.trim())) {
      throw invalidData(`Payment term not found with Netvisor identifier: ${termEl.text}`);
    }
    customer.additional = { ...customer.additional, ...leaves(additionalEl) };
    if (termEl?.attrs.type) customer.defaultPaymentTermType = termEl.attrs.type;
  };

  const writeProduct = (product: SimProduct, el: XmlElement): void => {
    const baseEl = child(el, 'productbaseinformation');
    const base = { ...product.base, ...leaves(baseEl) };
    const bad = forbiddenCharacters(store, base.name ?? '');
    if (bad.length > 0) throw invalidData(`Product name '${base.name ?? ''}' contains characters that are not allowed: ${bad.join(' ')}`);
    if (readNumber(base.unitprice) === undefined) throw invalidData(`unitprice '${base.unitprice ?? ''}' is not a number`);
    const vatText = textAt(el, 'productbookkeepingdetails', 'defaultvatpercentage');
    const vat = readNumber(vatText);
    if (vatText !== undefined && (vat === undefined || !store.allVatPercentages().has(vat))) throw invalidData(`VAT percentage '${vatText}' does not exist in Netvisor`);
    const code = base.productcode ?? '';
    const clash = store.productByCode(code);
    if (clash && clash.key !== product.key) throw new NetvisorFailure('DUPLICATE_DATA', `A product with product code ${code} already exists`);
    product.base = base;
    product.code = code;
    const priceType = child(baseEl, 'unitprice')?.attrs.type;
    if (priceType) product.unitPriceType = priceType;
    if (vat !== undefined) product.defaultVatPercentage = vat;
  };

  /**
   * getcustomer.nv with every element of the recorded real answers (fixtures/netvisor/responses (GetCustomer*.xml of both clients)),
   * unset values as empty elements: `CustomerAdditionalInformation` is never an empty element.
   * `DefaultPaymentTerm` (the term key, type as sent) is not in the recorded samples; its form follows the request DTD.
   */
  const presentCustomer = (c: SimCustomer): string => {
    const b = c.base;
    const a = c.additional;
    const leaf = (name: string, value: string | undefined, attrs: Record<string, string> = {}) => tag(name, value ?? '', attrs);
    const term = a.defaultpaymentterm ? tag('DefaultPaymentTerm', a.defaultpaymentterm, { type: c.defaultPaymentTermType ?? 'netvisor' }) : '';
    return (
      '<Customer><CustomerBaseInformation>' +
      leaf('NetvisorKey', String(c.key)) +
      leaf('InternalIdentifier', b.internalidentifier) +
      leaf('ExternalIdentifier', b.externalidentifier) +
      // Every customer is in a group; both recorded answers show the default group 1 "Asiakasryhmä 1".
      leaf('CustomerGroupNetvisorKey', '1') +
      leaf('CustomerGroupName', b.customergroupname || 'Asiakasryhmä 1') +
      leaf('Name', b.name) +
      leaf('NameExtension', b.nameextension) +
      leaf('StreetAddress', b.streetaddress) +
      leaf('City', b.city) +
      leaf('PostNumber', b.postnumber) +
      leaf('Country', b.country, { type: 'ISO-3166' }) +
      leaf('PhoneNumber', b.phonenumber) +
      leaf('FaxNumber', b.faxnumber) +
      leaf('Email', b.email) +
      leaf('EmailInvoicingAddress', b.emailinvoicingaddress) +
      leaf('HomePageUri', b.homepageuri) +
      leaf('IsActive', b.isactive ?? '1') +
      '</CustomerBaseInformation>' +
      `<CustomerFinvoiceDetails>${leaf('FinvoiceAddress', undefined)}${leaf('FinvoiceRouterCode', undefined)}</CustomerFinvoiceDetails>` +
      `<CustomerDeliveryDetails>${leaf('DeliveryName', undefined)}${leaf('DeliveryStreetAddress', undefined)}${leaf('DeliveryCity', undefined)}${leaf('DeliveryPostNumber', undefined)}</CustomerDeliveryDetails>` +
      `<CustomerContactDetails>${leaf('ContactPerson', undefined)}${leaf('ContactPersonEmail', undefined)}${leaf('ContactPersonPhone', undefined)}</CustomerContactDetails>` +
      '<CustomerAdditionalInformation>' +
      leaf('Comment', a.comment) +
      leaf('ReferenceNumber', a.customerreferencenumber) +
      leaf('BalanceLimit', undefined) +
      leaf('YourDefaultReference', a.yourdefaultreference) +
      leaf('DefaultTextBeforeInvoiceLines', a.defaulttextbeforeinvoicelines) +
      leaf('DefaultTextAfterInvoiceLines', a.defaulttextafterinvoicelines) +
      term +
      '</CustomerAdditionalInformation></Customer>'
    );
  };
  const presentProduct = (p: SimProduct): string =>
    `<Product><ProductBaseInformation>${tag('NetvisorKey', String(p.key))}${render(p.base, ['unitprice'])}${tag('UnitPrice', scaled(readNumber(p.base.unitprice) ?? 0, 4), { type: p.unitPriceType ?? 'net' })}</ProductBaseInformation>` +
    (p.defaultVatPercentage === undefined ? '' : `<ProductBookkeepingDetails>${tag('DefaultVatPercent', comma(p.defaultVatPercentage))}</ProductBookkeepingDetails>`) +
    '</Product>';

  return {
    post: {
      'customer.nv': ({ query, root }) => {
        const el = section(root, 'customer');
        if (query.method === 'edit') {
          writeCustomer(editTarget(store.customers, query.id, 'Customer'), el, false);
          return '';
        }
        if (query.method !== 'add') throw invalidData(`Unknown method '${query.method ?? ''}'`);
        const customer: SimCustomer = { key: store.key(), code: '', base: {}, additional: {} };
        writeCustomer(customer, el, true);
        store.customers.set(customer.key, customer);
        return `<Replies><InsertedDataIdentifier>${customer.key}</InsertedDataIdentifier></Replies>`;
      },
      'product.nv': ({ query, root }) => {
        const el = section(root, 'product');
        if (query.method === 'edit') {
          writeProduct(editTarget(store.products, query.id, 'Product'), el);
          return '';
        }
        if (query.method !== 'add') throw invalidData(`Unknown method '${query.method ?? ''}'`);
        const product: SimProduct = { key: store.key(), code: '', base: {} };
        writeProduct(product, el);
        store.products.set(product.key, product);
        return `<Replies><InsertedDataIdentifier>${product.key}</InsertedDataIdentifier></Replies>`;
      },
    },
    get: {
      'getcustomer.nv': ({ query }) => presentCustomer(editTarget(store.customers, query.id, 'Customer')),
      'customerlist.nv': ({ query }) => {
        const codes = query.customercodelist?.split(',').map((c) => c.trim());
        const keyword = query.keyword?.toLowerCase();
        const rows = [...store.customers.values()]
          .filter((c) => !codes || codes.includes(c.code))
          .filter((c) => !keyword || [c.base.name, c.code, c.base.externalidentifier, c.base.nameextension].some((v) => v?.toLowerCase().includes(keyword)))
          .map((c) => `<Customer>${tag('Netvisorkey', String(c.key))}${tag('Name', c.base.name ?? '')}${tag('Code', c.code)}${tag('OrganisationIdentifier', c.base.externalidentifier ?? '')}</Customer>`);
        return `<Customerlist>${rows.join('')}</Customerlist>`;
      },
      'getproduct.nv': ({ query }) => {
        const p = query.id !== undefined ? store.products.get(Number(query.id)) : store.productByCode(query.code ?? '');
        return p ? presentProduct(p) : '<Product></Product>';
      },
      'productlist.nv': ({ query }) => {
        const keyword = query.keyword?.toLowerCase();
        const rows = [...store.products.values()]
          .filter((p) => !keyword || [p.base.name, p.code].some((v) => v?.toLowerCase().includes(keyword)))
          .map((p) => `<Product>${tag('NetvisorKey', String(p.key))}${tag('ProductCode', p.code)}${tag('Name', p.base.name ?? '')}${tag('UnitPrice', scaled(readNumber(p.base.unitprice) ?? 0, 4))}</Product>`);
        return `<ProductList>${rows.join('')}</ProductList>`;
      },
      // paymenttermlist.nv (reference §5): no recorded answer; the element names are the simulator's choice.
      'paymenttermlist.nv': () =>
        `<PaymentTermList>${store.paymentTerms.map((t) => `<PaymentTerm>${tag('NetvisorKey', String(t.key))}${tag('Name', t.name)}${tag('NetDays', String(t.netDays))}</PaymentTerm>`).join('')}</PaymentTermList>`,
      'vatcodelist.nv': () =>
        `<VatCodeList>${Object.entries(store.vatTable)
          .map(([code, rates]) => `<VatCode>${tag('Code', code)}${tag('Name', VAT_NAMES[code] ?? code)}<VatPercentages>${rates.map((r) => tag('VatPercentage', comma(r))).join('')}</VatPercentages></VatCode>`)
          .join('')}</VatCodeList>`,
      'accountingperiodlist.nv': () => {
        const p = store.periods;
        const lock = (name: string, date: string | undefined) => (date ? tag(name, finnishDate(date), { format: 'ansi' }) : '');
        return (
          `<AccountingPeriodList><PeriodLockInformation>${lock('AccountingPeriodLockDate', p.accountingLockDate)}${lock('VatPeriodLockDate', p.vatLockDate)}</PeriodLockInformation>` +
          p.fiscalYears.map((y) => `<Period>${tag('NetvisorKey', String(y.key))}${tag('Name', y.name)}${tag('BeginDate', finnishDate(y.begin), { format: 'ansi' })}${tag('EndDate', finnishDate(y.end), { format: 'ansi' })}</Period>`).join('') +
          '</AccountingPeriodList>'
        );
      },
    },
  };
}
