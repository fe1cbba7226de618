import type { z } from 'zod';
import type { customerSchema, productSchema, RawSalesDocument } from './schemas';

/** What the client returns: plain, camel-cased, amounts as numbers, dates `YYYY-MM-DD`. */
export interface SalesDocument {
  netvisorKey: string;
  number: string;
  date: string;
  dueDate?: string;
  amount: number;
  status: string;
  customerName?: string;
  paymentTermNetDays?: number;
  lines: SalesLine[];
}

export interface SalesLine {
  productCode: string;
  productName: string;
  unitPrice: number;
  vatPercentage: number;
  vatCode?: string;
  quantity: number;
}

export interface SalesDocumentSummary {
  netvisorKey: string;
  number: string;
  date: string;
  status: string;
  customerCode: string;
  customerName: string;
  sum: number;
  openSum?: number;
}

export interface Customer {
  netvisorKey: string;
  code: string;
  businessId: string;
  name: string;
  streetAddress?: string;
  city?: string;
  postNumber?: string;
  country?: string;
  email?: string;
  isActive?: boolean;
  /** The customer's default payment term as Netvisor shows it, if any. */
  defaultPaymentTerm?: string;
}

export interface CustomerSummary {
  netvisorKey: string;
  name: string;
  code: string;
  businessId: string;
}

export interface Product {
  netvisorKey: string;
  code: string;
  group: string;
  name: string;
  description?: string;
  unitPrice: number;
  unit?: string;
  isActive: boolean;
  isSalesProduct: boolean;
  defaultVatPercentage?: number;
}

export interface ProductSummary {
  netvisorKey: string;
  code: string;
  name: string;
  unitPrice: number;
}

export interface VatCodeInfo {
  code: string;
  name: string;
  percentages: number[];
}

export function toSalesDocument(netvisorKey: string, raw: RawSalesDocument): SalesDocument {
  const date = raw.salesinvoicedate ?? raw.orderdate ?? '';
  return {
    netvisorKey,
    number: raw.salesinvoicenumber ?? raw.ordernumber ?? '',
    date,
    ...(raw.salesinvoiceduedate ? { dueDate: raw.salesinvoiceduedate } : {}),
    amount: raw.salesinvoiceamount,
    status: raw.invoicestatus ?? raw.orderstatus ?? '',
    ...(raw.invoicingcustomername ? { customerName: raw.invoicingcustomername } : {}),
    ...(raw.paymenttermnetdays === undefined ? {} : { paymentTermNetDays: raw.paymenttermnetdays }),
    lines: raw.invoicelines.invoiceline.flatMap((l) =>
      l.salesinvoiceproductline.map((p) => ({
        productCode: p.productidentifier,
        productName: p.productname,
        unitPrice: p.productunitprice,
        vatPercentage: p.productvatpercentage,
        ...(p.vatcode ? { vatCode: p.vatcode } : {}),
        quantity: p.salesinvoiceproductlinequantity,
      })),
    ),
  };
}

export function toCustomer(netvisorKey: string, raw: z.output<typeof customerSchema>): Customer {
  const b = raw.customerbaseinformation;
  const term = raw.customeradditionalinformation?.defaultpaymentterm;
  return {
    netvisorKey,
    code: b.internalidentifier ?? '',
    businessId: b.externalidentifier ?? '',
    name: b.name,
    ...optional('streetAddress', b.streetaddress),
    ...optional('city', b.city),
    ...optional('postNumber', b.postnumber),
    ...optional('country', b.country),
    ...optional('email', b.email),
    ...(b.isactive === undefined ? {} : { isActive: b.isactive }),
    ...optional('defaultPaymentTerm', term),
  };
}

export function toProduct(raw: z.output<typeof productSchema>): Product {
  const b = raw.productbaseinformation;
  const vat = raw.productbookkeepingdetails?.defaultvatpercent;
  return {
    netvisorKey: b.netvisorkey,
    code: b.productcode ?? '',
    group: b.productgroup,
    name: b.name,
    ...optional('description', b.description),
    unitPrice: b.unitprice,
    ...optional('unit', b.unit),
    isActive: b.isactive,
    isSalesProduct: b.issalesproduct,
    ...(vat === undefined ? {} : { defaultVatPercentage: vat }),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
