import { z } from 'zod';
import { parseDecimal } from './xml';

/**
 * Shapes of parsed responses (element names lower-cased by the parser; attributes as `@_name`,
 * text beside attributes as `#text`). Everything leaving the connector goes through one of these.
 */
function textOf(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    return '#text' in record ? record['#text'] : '';
  }
  return value;
}

const text = z.preprocess(textOf, z.string());
const optText = z.preprocess(textOf, z.string().optional());
const decimal = z.preprocess(textOf, z.string()).transform((value, ctx) => {
  const parsed = parseDecimal(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a decimal: '${value}'` });
    return z.NEVER;
  }
  return parsed;
});
const optDecimal = z.preprocess((v) => {
  const t = textOf(v);
  return t === '' ? undefined : t;
}, decimal.optional());
const flag = z.preprocess(textOf, z.string()).transform((v) => v === '1');
/** Netvisor writes dates as `YYYY-MM-DD` or, in some lists, `d.M.yyyy` despite `format="ansi"`. */
const date = z.preprocess(textOf, z.string()).transform((value, ctx) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a date: '${value}'` });
  return z.NEVER;
});
const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : v), z.array(item));

export const statusSchema = z.object({ status: z.array(text).min(1) }).passthrough();
export const insertedSchema = z.object({ replies: z.object({ inserteddataidentifier: text }) }).passthrough();

/** Lifts the `vatcode` attribute next to the percentage so one object carries both. */
function liftVatCode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const line = value as Record<string, unknown>;
  const vat = line.productvatpercentage;
  const vatcode = typeof vat === 'object' && vat !== null ? (vat as Record<string, unknown>)['@_vatcode'] : undefined;
  return { ...line, vatcode };
}
const productLine = z.preprocess(
  liftVatCode,
  z.object({
    productidentifier: text,
    productname: text,
    productunitprice: decimal,
    productvatpercentage: decimal,
    vatcode: z.string().optional(),
    salesinvoiceproductlinequantity: decimal,
  }),
);
export const salesDocumentSchema = z.object({
  salesinvoicenumber: optText,
  ordernumber: optText,
  salesinvoicedate: date.optional(),
  orderdate: date.optional(),
  salesinvoiceduedate: date.optional(),
  salesinvoiceamount: decimal,
  invoicestatus: optText,
  orderstatus: optText,
  invoicingcustomername: optText,
  paymenttermnetdays: optDecimal,
  invoicelines: z.preprocess((v) => (v === '' || v === undefined ? {} : v), z.object({ invoiceline: list(z.object({ salesinvoiceproductline: list(productLine) }).passthrough()) }).passthrough()),
}).passthrough();
export type RawSalesDocument = z.infer<typeof salesDocumentSchema>;
export type RawProductLine = z.infer<typeof productLine>;

export const salesListItemSchema = z.object({
  netvisorkey: text,
  invoicenumber: text,
  invoicedate: date,
  invoicestatus: text,
  customercode: optText,
  customername: optText,
  invoicesum: decimal,
  opensum: optDecimal,
});
export const salesListSchema = z.object({ salesinvoicelist: z.preprocess((v) => (v === '' ? {} : v), z.object({ salesinvoice: list(salesListItemSchema) })) }).passthrough();

export const customerSchema = z.object({
  customerbaseinformation: z.object({
    internalidentifier: optText,
    externalidentifier: optText,
    name: text,
    streetaddress: optText,
    city: optText,
    postnumber: optText,
    country: optText,
    phonenumber: optText,
    email: optText,
    isactive: flag.optional(),
    isprivatecustomer: flag.optional(),
  }).passthrough(),
  customeradditionalinformation: z.preprocess((v) => (v === '' ? {} : v), z.object({ defaultpaymentterm: optText }).passthrough()).optional(),
}).passthrough();

export const customerListSchema = z.object({
  customerlist: z.preprocess((v) => (v === '' ? {} : v), z.object({
    customer: list(z.object({ netvisorkey: text, name: text, code: optText, organisationidentifier: optText })),
  })),
}).passthrough();

export const productSchema = z.object({
  productbaseinformation: z.object({
    netvisorkey: text,
    productcode: optText,
    productgroup: text,
    name: text,
    description: optText,
    unitprice: decimal,
    unit: optText,
    isactive: flag,
    issalesproduct: flag,
  }).passthrough(),
  productbookkeepingdetails: z.object({ defaultvatpercent: optDecimal }).passthrough().optional(),
}).passthrough();

export const productListSchema = z.object({
  productlist: z.preprocess((v) => (v === '' ? {} : v), z.object({
    product: list(z.object({ netvisorkey: text, productcode: optText, name: text, unitprice: decimal })),
  })),
}).passthrough();

export const vatCodeListSchema = z.object({
  vatcodelist: z.object({
    vatcode: list(z.object({ code: text, name: text, vatpercentages: z.preprocess((v) => (v === '' ? {} : v), z.object({ vatpercentage: list(decimal) })) })),
  }),
}).passthrough();

export const periodListSchema = z.object({
  accountingperiodlist: z.object({
    periodlockinformation: z.preprocess((v) => (v === '' ? {} : v), z.object({
      accountingperiodlockdate: z.preprocess((v) => (textOf(v) === '' ? undefined : v), date.optional()),
      vatperiodlockdate: z.preprocess((v) => (textOf(v) === '' ? undefined : v), date.optional()),
    }).passthrough()).optional(),
    period: list(z.object({ netvisorkey: text, name: text, begindate: date, enddate: date })),
  }),
}).passthrough();
