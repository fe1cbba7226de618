import type { CustomerInput, ProductInput, SalesDocumentInput, SalesLineInput } from './types';
import { el, formatAmount, group, renderXml, type XmlNode } from './xml';

/**
 * Request bodies, each built in the order of Netvisor's DTDs (fixtures/netvisor/dtd, merged with
 * reference §6.2 for `paymentterm`). Netvisor refuses elements out of order with
 * `INVALID_DATA :: … XML message validation failed`, so the order here is the contract.
 */
export function salesDocumentXml(input: SalesDocumentInput, kind: 'invoice' | 'order'): string {
  const doc = group('salesinvoice', [
    el('salesinvoicenumber', input.number),
    el('salesinvoicedate', input.date, { format: 'ansi' }),
    el('salesinvoiceduedate', input.dueDate, { format: 'ansi' }),
    el('salesinvoicedeliverydate', input.deliveryDate, { format: 'ansi' }),
    // Compulsory even when 0 (0 = Netvisor computes the total from the lines, P11).
    { name: 'salesinvoiceamount', text: formatAmount(input.amount), ...(input.currency ? { attrs: { iso4217currencycode: input.currency } } : {}) },
    el('invoicetype', kind),
    el('salesinvoicestatus', input.status, { type: 'netvisor' }),
    el('salesinvoiceourreference', input.ourReference),
    el('salesinvoiceyourreference', input.yourReference),
    el('salesinvoiceprivatecomment', input.privateComment),
    el('invoicingcustomeridentifier', input.customerCode, { type: 'customer' }),
    el('paymentterm', input.paymentTerm, input.paymentTerm ? { type: input.paymentTerm } : undefined),
    el('paymenttermnetdays', input.paymentTermNetDays),
    el('ordernumber', input.orderNumber),
    group('invoicelines', input.lines.map(lineXml)),
  ]);
  return renderXml({ name: 'root', children: [doc] });
}

function lineXml(line: SalesLineInput): XmlNode | undefined {
  return group('invoiceline', [
    group('salesinvoiceproductline', [
      el('productidentifier', line.productCode, { type: 'customer' }),
      el('productname', line.productName),
      { name: 'productunitprice', text: formatAmount(line.unitPrice), attrs: { type: 'net' } },
      { name: 'productvatpercentage', text: decimalText(line.vatPercentage), attrs: { vatcode: line.vatCode } },
      { name: 'salesinvoiceproductlinequantity', text: decimalText(line.quantity) },
      el('salesinvoiceproductlinediscountpercentage', line.discountPercentage),
      el('salesinvoiceproductlinefreetext', line.freeText),
    ]),
  ]);
}

export function customerXml(input: CustomerInput): string {
  const customer = group('customer', [
    group('customerbaseinformation', [
      el('internalidentifier', input.code),
      el('externalidentifier', input.businessId),
      el('name', input.name),
      el('streetaddress', input.streetAddress),
      el('city', input.city),
      el('postnumber', input.postNumber),
      el('country', input.country, { type: 'ISO-3166' }),
      el('phonenumber', input.phoneNumber),
      el('email', input.email),
      el('isactive', bit(input.isActive)),
      el('isprivatecustomer', bit(input.isPrivateCustomer)),
    ]),
    group('customeradditionalinformation', [el('defaultpaymentterm', input.defaultPaymentTermKey, { type: 'netvisor' })]),
  ]);
  return renderXml({ name: 'root', children: [customer] });
}

export function productXml(input: ProductInput): string {
  const product = group('product', [
    group('productbaseinformation', [
      el('productcode', input.code),
      el('productgroup', input.group),
      el('name', input.name),
      el('description', input.description),
      { name: 'unitprice', text: formatAmount(input.unitPrice), attrs: { type: input.unitPriceType } },
      el('unit', input.unit),
      el('isactive', bit(input.isActive)),
      el('issalesproduct', bit(input.isSalesProduct)),
    ]),
    input.defaultVatPercentage === undefined ? undefined : group('productbookkeepingdetails', [{ name: 'defaultvatpercentage', text: decimalText(input.defaultVatPercentage) }]),
  ]);
  return renderXml({ name: 'root', children: [product] });
}

function decimalText(value: number): string {
  return el('x', value)?.text ?? '0';
}

function bit(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? '1' : '0';
}
