import type { ResourceTable } from './resources';
import { invalidData, invalidXml, NetvisorFailure } from './responses';
import { forbiddenCharacters } from './sales-rules';
import type { NetvisorStore, SimCustomer, SimProduct } from './store';
import { child, comma, leaves, readNumber, tag, textAt, type XmlElement } from './xml-tree';

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
    customer.additional = { ...customer.additional, ...leaves(child(el, 'customeradditionalinformation')) };
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

  const presentCustomer = (c: SimCustomer): string =>
    `<Customer><CustomerBaseInformation>${render(c.base)}</CustomerBaseInformation><CustomerAdditionalInformation>${render(c.additional)}</CustomerAdditionalInformation></Customer>`;
  const presentProduct = (p: SimProduct): string =>
    `<Product><ProductBaseInformation>${tag('NetvisorKey', String(p.key))}${render(p.base, ['unitprice'])}${tag('UnitPrice', p.base.unitprice ?? '', { type: p.unitPriceType ?? 'net' })}</ProductBaseInformation>` +
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
          .map((p) => `<Product>${tag('NetvisorKey', String(p.key))}${tag('ProductCode', p.code)}${tag('Name', p.base.name ?? '')}${tag('UnitPrice', p.base.unitprice ?? '')}</Product>`);
        return `<ProductList>${rows.join('')}</ProductList>`;
      },
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
