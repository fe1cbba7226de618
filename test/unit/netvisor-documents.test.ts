import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { customerXml, productXml, salesDocumentXml } from '../../src/connectors/netvisor/documents';

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false });

/** Child element names of the element at `path`, in document order. */
function childNames(xml: string, ...path: string[]): string[] {
  let nodes = ordered.parse(xml) as Record<string, unknown>[];
  for (const name of path) {
    const found = nodes.find((n) => name in n);
    assert.ok(found, `no <${name}>`);
    nodes = found[name] as Record<string, unknown>[];
  }
  return nodes.map((n) => Object.keys(n).find((k) => k !== ':@')!).filter((k) => k !== '#text');
}

const fullInvoice = {
  number: '2001',
  date: '2026-03-01',
  dueDate: '2026-03-15',
  deliveryDate: '2026-02-28',
  amount: 125.25,
  currency: 'EUR',
  status: 'open',
  customerCode: '1001',
  ourReference: 'RB-2001',
  yourReference: 'PO 7',
  privateComment: 'from Rackbeat',
  paymentTerm: 'customerdefault' as const,
  paymentTermNetDays: 14,
  orderNumber: '77',
  lines: [{ productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY' as const, quantity: 2, discountPercentage: 5, freeText: 'note' }],
};

describe('Netvisor request XML', () => {
  it('writes sales invoice elements in the DTD order', () => {
    assert.deepEqual(childNames(salesDocumentXml(fullInvoice, 'invoice'), 'root', 'salesinvoice'), [
      'salesinvoicenumber', 'salesinvoicedate', 'salesinvoiceduedate', 'salesinvoicedeliverydate', 'salesinvoiceamount',
      'invoicetype', 'salesinvoicestatus', 'salesinvoiceourreference', 'salesinvoiceyourreference', 'salesinvoiceprivatecomment',
      'invoicingcustomeridentifier', 'paymentterm', 'paymenttermnetdays', 'ordernumber', 'invoicelines',
    ]);
    assert.deepEqual(childNames(salesDocumentXml(fullInvoice, 'invoice'), 'root', 'salesinvoice', 'invoicelines', 'invoiceline', 'salesinvoiceproductline'), [
      'productidentifier', 'productname', 'productunitprice', 'productvatpercentage', 'salesinvoiceproductlinequantity',
      'salesinvoiceproductlinediscountpercentage', 'salesinvoiceproductlinefreetext',
    ]);
  });

  it('writes decimal commas, amounts and prices at their 2-decimal scale (49,90 not 49,9), attributes, and leaves out optional elements that have no value', () => {
    const xml = salesDocumentXml({ date: '2026-03-01', amount: 0, status: 'undelivered', customerCode: '1001', paymentTermNetDays: 14, lines: [{ productCode: 'P-100', productName: 'Hylly', unitPrice: 49.9, vatPercentage: 25.5, vatCode: 'KOMY', quantity: 1.5 }] }, 'order');
    assert.equal(
      xml,
      '<root><salesinvoice><salesinvoicedate format="ansi">2026-03-01</salesinvoicedate><salesinvoiceamount>0,00</salesinvoiceamount><invoicetype>order</invoicetype>' +
        '<salesinvoicestatus type="netvisor">undelivered</salesinvoicestatus><invoicingcustomeridentifier type="customer">1001</invoicingcustomeridentifier>' +
        '<paymenttermnetdays>14</paymenttermnetdays><invoicelines><invoiceline><salesinvoiceproductline><productidentifier type="customer">P-100</productidentifier>' +
        '<productname>Hylly</productname><productunitprice type="net">49,90</productunitprice><productvatpercentage vatcode="KOMY">25,5</productvatpercentage>' +
        '<salesinvoiceproductlinequantity>1,5</salesinvoiceproductlinequantity></salesinvoiceproductline></invoiceline></invoicelines></salesinvoice></root>',
    );
  });

  it('escapes XML special characters in text', () => {
    const xml = customerXml({ name: 'Smith & Sons <Oy>' });
    assert.match(xml, /<name>Smith &amp; Sons &lt;Oy&gt;<\/name>/);
  });

  it('writes customer and product elements in the DTD order', () => {
    assert.deepEqual(childNames(customerXml({ code: '1', businessId: '1-2', name: 'A', streetAddress: 's', city: 'c', postNumber: 'p', country: 'FI', phoneNumber: '0', email: 'e', isActive: true, isPrivateCustomer: false }), 'root', 'customer', 'customerbaseinformation'), [
      'internalidentifier', 'externalidentifier', 'name', 'streetaddress', 'city', 'postnumber', 'country', 'phonenumber', 'email', 'isactive', 'isprivatecustomer',
    ]);
    const product = productXml({ code: 'P', group: 'G', name: 'N', description: 'D', unitPrice: 1.5, unitPriceType: 'net', unit: 'kpl', isActive: true, isSalesProduct: true, defaultVatPercentage: 25.5 });
    assert.deepEqual(childNames(product, 'root', 'product'), ['productbaseinformation', 'productbookkeepingdetails']);
    assert.deepEqual(childNames(product, 'root', 'product', 'productbaseinformation'), ['productcode', 'productgroup', 'name', 'description', 'unitprice', 'unit', 'isactive', 'issalesproduct']);
  });
});
