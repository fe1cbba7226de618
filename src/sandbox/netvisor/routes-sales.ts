import { invalidData, invalidXml } from './responses';
import { acceptSalesDocument } from './sales-rules';
import type { NetvisorStore, SimDocument } from './store';
import { child, comma, tag } from './xml-tree';
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
    tag('InvoiceSum', comma(d.amount)) +
    tag('OpenSum', comma(d.amount)) +
    '</SalesInvoice>'
  );
}

/** getsalesinvoice.nv answers `<SalesInvoice>`; getorder.nv `<SalesOrder>` with Order* names (the simulator's choice). */
function presentDocument(store: NetvisorStore, keyText: string | undefined, kind: 'invoice' | 'order'): string {
  const wrapper = kind === 'invoice' ? 'SalesInvoice' : 'SalesOrder';
  const d = store.documents.get(Number(keyText));
  if (!d || d.kind !== kind) return `<${wrapper} />`;
  const lines = d.lines
    .map(
      (l) =>
        '<InvoiceLine><SalesInvoiceProductLine>' +
        tag('ProductIdentifier', l.productCode, { type: 'customer' }) +
        tag('ProductName', l.productName) +
        tag('ProductUnitPrice', comma(l.unitPrice)) +
        tag('ProductVatPercentage', comma(l.vatPercentage), { vatcode: l.vatCode }) +
        tag('SalesInvoiceProductLineQuantity', comma(l.quantity)) +
        '</SalesInvoiceProductLine></InvoiceLine>',
    )
    .join('');
  const head =
    kind === 'invoice'
      ? tag('SalesInvoiceNumber', d.number) + tag('SalesInvoiceDate', d.date, { format: 'ansi' })
      : tag('OrderNumber', d.number) + tag('OrderDate', d.date, { format: 'ansi' });
  return (
    `<${wrapper}>` +
    head +
    tag('SalesInvoiceDueDate', d.dueDate, { format: 'ansi' }) +
    tag('SalesInvoiceAmount', comma(d.amount), { iso4217currencycode: 'EUR' }) +
    tag(kind === 'invoice' ? 'InvoiceStatus' : 'OrderStatus', d.status) +
    tag('InvoicingCustomerName', d.customerName) +
    tag('PaymentTermNetDays', d.paymentTermNetDays === undefined ? undefined : String(d.paymentTermNetDays)) +
    `<InvoiceLines>${lines}</InvoiceLines></${wrapper}>`
  );
}
