import { invalidData, invalidXml } from './responses';
import { acceptSalesDocument } from './sales-rules';
import type { NetvisorStore, SimDocument } from './store';
import { child, comma, money, scaled, tag } from './xml-tree';
import type { ResourceTable } from './resources';

/** Netvisor returns at most 500 rows per list call. */
const LIST_LIMIT = 500;

export function salesResources(store: NetvisorStore): ResourceTable {
  return {
    post: {
      'salesinvoice.nv': ({ query, root }) => {
        if (query.method !== 'add') throw invalidData(`method '${query.method ?? ''}' is not supported by the sandbox for salesinvoice.nv (only add)`);
        const doc = child(root, 'salesinvoice');
        if (!doc) throw invalidXml("'root' must contain 'salesinvoice'");
        const key = store.key();
        store.documents.set(key, { key, ...acceptSalesDocument(store, doc) });
        store.listLag = store.lagNextAdd;
        store.lagNextAdd = 0;
        return `<Replies><InsertedDataIdentifier>${key}</InsertedDataIdentifier></Replies>`;
      },
    },
    get: {
      // Not found is OK with an empty element (R2 GetSalesInvoiceNotFound.xml).
      'getsalesinvoice.nv': ({ query }) => presentDocument(store, query.netvisorkey, 'invoice'),
      'getorder.nv': ({ query }) => presentDocument(store, query.netvisorkey, 'order'),
      'salesinvoicelist.nv': ({ query }) => {
        const kind = query.listtype === 'preinvoice' ? 'order' : 'invoice';
        const above = Number(query.invoicesabovenetvisorkey ?? 0);
        // A document added moments ago can be missing from lists (the control API's list lag): an add under its number still answers DUPLICATE_DATA.
        const lagging = store.listLag > 0 ? (store.listLag--, Math.max(0, ...[...store.documents.values()].map((d) => d.key))) : undefined;
        const rows = [...store.documents.values()]
          .filter((d) => d.kind === kind && d.key > above && d.key !== lagging)
          .filter((d) => query.invoicenumber === undefined || d.number === query.invoicenumber)
          .filter((d) => query.customercode === undefined || d.customerCode === query.customercode)
          .filter((d) => query.begininvoicedate === undefined || d.date >= query.begininvoicedate)
          .filter((d) => query.endinvoicedate === undefined || d.date <= query.endinvoicedate)
          .sort((a, b) => a.key - b.key)
          .slice(0, LIST_LIMIT);
        return `<SalesInvoiceList>${rows.map(listRow).join('')}</SalesInvoiceList>`;
      },
    },
  };
}

function listRow(d: SimDocument): string {
  return (
    '<SalesInvoice>' +
    tag('NetvisorKey', String(d.key)) +
    tag('InvoiceNumber', d.number) +
    tag('Invoicedate', d.date, { format: 'ansi' }) +
    tag('InvoiceStatus', d.status) +
    tag('CustomerCode', d.customerCode) +
    tag('CustomerName', d.customerName) +
    tag('InvoiceSum', money(d.amount)) +
    tag('OpenSum', money(d.amount)) +
    '</SalesInvoice>'
  );
}

/**
 * getsalesinvoice.nv answers `<SalesInvoice>` with every element, in the order, of the recorded
 * real answers (fixtures/netvisor/responses, GetSalesInvoice*.xml of both clients): unknown values are empty
 * elements, never left out, because clients (netvisor-api-client) require them. getorder.nv
 * answers `<SalesOrder>` with Order* names (the simulator's choice; no recorded sample).
 */
function presentDocument(store: NetvisorStore, keyText: string | undefined, kind: 'invoice' | 'order'): string {
  const wrapper = kind === 'invoice' ? 'SalesInvoice' : 'SalesOrder';
  const d = store.documents.get(Number(keyText));
  if (!d || d.kind !== kind) return `<${wrapper} />`;
  const lines = d.lines
    .map((l) => {
      const net = l.unitPrice * l.quantity;
      const vat = (net * l.vatPercentage) / 100;
      return (
        '<InvoiceLine><SalesInvoiceProductLine>' +
        tag('productidentifier', l.productCode, { type: 'customer' }) +
        tag('ProductName', l.productName) +
        tag('ProductUnitPrice', scaled(l.unitPrice, 4)) +
        tag('ProductVatPercentage', comma(l.vatPercentage), { vatcode: l.vatCode }) +
        tag('SalesInvoiceProductLineQuantity', comma(l.quantity)) +
        tag('SalesInvoiceProductLineDiscountPercentage', '0') +
        tag('SalesInvoiceProductLineFreeText', '') +
        tag('SalesInvoiceProductLineVatSum', money(vat)) +
        tag('SalesInvoiceProductLineSum', money(net + vat)) +
        tag('AccountingAccountSuggestion', '') +
        '</SalesInvoiceProductLine></InvoiceLine>'
      );
    })
    .join('');
  const c = store.customerByCode(d.customerCode)?.base ?? {};
  const head =
    kind === 'invoice'
      ? tag('SalesInvoiceNumber', d.number) + tag('SalesInvoiceDate', d.date, { format: 'ansi' })
      : tag('OrderNumber', d.number) + tag('OrderDate', d.date, { format: 'ansi' });
  const dueDate = d.dueDate ?? (d.paymentTermNetDays === undefined ? d.date : addDays(d.date, d.paymentTermNetDays));
  return (
    `<${wrapper}>` +
    head +
    tag('SalesInvoiceDeliveryDate', d.deliveryDate ?? d.date, { format: 'ansi' }) +
    tag('SalesInvoiceDueDate', dueDate, { format: 'ansi' }) +
    tag('SalesInvoiceReferencenumber', referenceNumber(d.key)) +
    tag('SalesInvoiceAmount', money(d.amount), { iso4217currencycode: d.currency ?? 'EUR' }) +
    tag('SellerIdentifier', '', { type: 'name' }) +
    tag(kind === 'invoice' ? 'InvoiceStatus' : 'OrderStatus', d.status) +
    tag('SalesInvoiceFreeTextBeforeLines', '') +
    tag('SalesInvoiceFreeTextAfterLines', '') +
    tag('SalesInvoiceOurReference', d.ourReference ?? '') +
    tag('SalesInvoiceYourReference', d.yourReference ?? '') +
    tag('SalesInvoicePrivateComment', d.privateComment ?? '') +
    tag('InvoicingCustomerName', d.customerName) +
    tag('InvoicingCustomerAddressline', c.streetaddress ?? '') +
    tag('InvoicingCustomerPostnumber', c.postnumber ?? '') +
    tag('InvoicingCustomerTown', c.city ?? '') +
    tag('InvoicingCustomerCountryCode', c.country ?? '', c.country ? { 'ISO-3166': c.country } : {}) +
    tag('MatchPartialPaymentsByDefault', 'No') +
    ['DeliveryAddressName', 'DeliveryAddressLine', 'DeliveryAddressPostnumber', 'DeliveryAddressTown', 'DeliveryAddressCountryCode', 'DeliveryMethod', 'DeliveryTerm'].map((n) => tag(n, '')).join('') +
    tag('PaymentTermNetDays', d.paymentTermNetDays === undefined ? '' : String(d.paymentTermNetDays)) +
    tag('PaymentTermCashDiscountDays', '') +
    tag('PaymentTermCashDiscount', '', { type: 'percentage' }) +
    `<InvoiceLines>${lines}</InvoiceLines></${wrapper}>`
  );
}

/** A Finnish reference number (viitenumero, 7-3-1 check digit) from the document's key; the numbering is the simulator's choice. */
function referenceNumber(key: number): string {
  const base = String(key);
  const weights = [7, 3, 1];
  const sum = [...base].reverse().reduce((s, digit, i) => s + Number(digit) * weights[i % 3]!, 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}

function addDays(iso: string, days: number): string {
  const at = new Date(`${iso}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
