import { z } from 'zod';

/**
 * Response shapes of e-conomic's legacy REST API, from the published schemas and recorded
 * responses. Objects are loose: the live API carries undeclared fields (`pdf.download`,
 * `orderNumber` on booked invoices). Money stays a number exactly as the API sent it.
 */
const numberRef = <K extends string>(key: K) => z.looseObject({ [key]: z.number().int(), self: z.string().optional() } as Record<K, z.ZodNumber> & { self: z.ZodOptional<z.ZodString> });

export const paginationSchema = z.looseObject({
  maxPageSizeAllowed: z.number().int(),
  skipPages: z.number().int(),
  pageSize: z.number().int(),
  results: z.number().int(),
  resultsWithoutFilter: z.number().int(),
  firstPage: z.string(),
  previousPage: z.string().optional(),
  /** Absent on the last page. */
  nextPage: z.string().optional(),
  lastPage: z.string(),
});

export function collectionSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ collection: z.array(item), pagination: paginationSchema, self: z.string() });
}

export const moduleSchema = z.looseObject({ moduleNumber: z.number().int(), name: z.string(), self: z.string().optional() });

export const selfSchema = z.looseObject({
  agreementNumber: z.number().int(),
  company: z.looseObject({ name: z.string().optional() }).optional(),
  settings: z.looseObject({ baseCurrency: z.string() }).optional(),
  canSendElectronicInvoice: z.boolean().optional(),
  modules: z.array(moduleSchema).default([]),
  self: z.string().optional(),
});

export const paymentTermsSchema = z.looseObject({
  paymentTermsNumber: z.number().int(),
  name: z.string(),
  daysOfCredit: z.number().int().optional(),
  paymentTermsType: z.string(),
  description: z.string().optional(),
  self: z.string().optional(),
});

export const layoutSchema = z.looseObject({ layoutNumber: z.number().int(), name: z.string(), deleted: z.boolean().optional(), self: z.string().optional() });
export const vatZoneSchema = z.looseObject({
  vatZoneNumber: z.number().int(),
  name: z.string(),
  enabledForCustomer: z.boolean().optional(),
  enabledForSupplier: z.boolean().optional(),
  self: z.string().optional(),
});
export const unitSchema = z.looseObject({ unitNumber: z.number().int(), name: z.string(), self: z.string().optional() });
export const productGroupSchema = z.looseObject({ productGroupNumber: z.number().int(), name: z.string(), self: z.string().optional() });

export const customerSchema = z.looseObject({
  customerNumber: z.number().int(),
  name: z.string(),
  currency: z.string(),
  customerGroup: numberRef('customerGroupNumber'),
  vatZone: numberRef('vatZoneNumber'),
  paymentTerms: numberRef('paymentTermsNumber'),
  layout: numberRef('layoutNumber').optional(),
  email: z.string().optional(),
  ean: z.string().optional(),
  corporateIdentificationNumber: z.string().optional(),
  vatNumber: z.string().optional(),
  address: z.string().optional(),
  zip: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  barred: z.boolean().optional(),
  balance: z.number().optional(),
  dueAmount: z.number().optional(),
  lastUpdated: z.string().optional(),
  self: z.string(),
});

export const productSchema = z.looseObject({
  productNumber: z.string(),
  name: z.string(),
  description: z.string().optional(),
  salesPrice: z.number().optional(),
  costPrice: z.number().optional(),
  recommendedPrice: z.number().optional(),
  barCode: z.string().optional(),
  barred: z.boolean().optional(),
  productGroup: numberRef('productGroupNumber'),
  unit: numberRef('unitNumber').optional(),
  lastUpdated: z.string().optional(),
  self: z.string(),
});

export const lineSchema = z.looseObject({
  lineNumber: z.number().int().optional(),
  sortKey: z.number().int().optional(),
  description: z.string().optional(),
  product: z.looseObject({ productNumber: z.string(), self: z.string().optional() }).optional(),
  unit: numberRef('unitNumber').optional(),
  quantity: z.number().optional(),
  unitNetPrice: z.number().optional(),
  discountPercentage: z.number().optional(),
  unitCostPrice: z.number().optional(),
  totalNetAmount: z.number().optional(),
  vatRate: z.number().optional(),
  vatAmount: z.number().optional(),
});

const recipientSchema = z.looseObject({
  name: z.string(),
  address: z.string().optional(),
  zip: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  ean: z.string().optional(),
  vatZone: numberRef('vatZoneNumber'),
});

const salesDocumentShape = {
  date: z.string(),
  dueDate: z.string().optional(),
  currency: z.string(),
  exchangeRate: z.number().optional(),
  netAmount: z.number(),
  grossAmount: z.number(),
  vatAmount: z.number(),
  roundingAmount: z.number().optional(),
  paymentTerms: numberRef('paymentTermsNumber'),
  customer: numberRef('customerNumber'),
  recipient: recipientSchema,
  layout: numberRef('layoutNumber'),
  references: z.looseObject({ other: z.string().optional() }).optional(),
  notes: z.looseObject({ heading: z.string().optional(), textLine1: z.string().optional(), textLine2: z.string().optional() }).optional(),
  delivery: z.looseObject({}).optional(),
  lines: z.array(lineSchema).optional(),
  pdf: z.looseObject({ download: z.string() }).optional(),
  self: z.string(),
};

export const orderSchema = z.looseObject({ orderNumber: z.number().int(), ...salesDocumentShape });
export const draftInvoiceSchema = z.looseObject({ draftInvoiceNumber: z.number().int(), ...salesDocumentShape });
export const bookedInvoiceSchema = z.looseObject({
  bookedInvoiceNumber: z.number().int(),
  /** Present when the invoice came from an order (recorded responses; no schema declares it). */
  orderNumber: z.number().int().optional(),
  remainder: z.number(),
  remainderInBaseCurrency: z.number().optional(),
  sent: z.string().optional(),
  ...salesDocumentShape,
});

/** The upgrade-instructions template: a draft invoice body, ready to POST to /invoices/drafts. */
export const upgradeInstructionsSchema = z.looseObject({
  draftInvoice: z.looseObject({
    date: z.string(),
    currency: z.string(),
    customer: numberRef('customerNumber'),
    layout: numberRef('layoutNumber'),
    paymentTerms: numberRef('paymentTermsNumber'),
    recipient: recipientSchema,
    references: z.looseObject({ other: z.string().optional() }).optional(),
    lines: z.array(lineSchema).optional(),
  }),
});

export const journalSchema = z.looseObject({
  journalNumber: z.number().int(),
  name: z.string(),
  settings: z
    .looseObject({
      voucherNumbers: z.looseObject({ minimumVoucherNumber: z.number().int().optional() }).optional(),
      entryTypeRestrictedTo: z.string().optional(),
      contraAccounts: z.looseObject({ customerPayments: numberRef('accountNumber').optional() }).optional(),
    })
    .optional(),
  self: z.string().optional(),
});

export const voucherSchema = z.looseObject({
  voucherNumber: z.number().int(),
  accountingYear: z.looseObject({ year: z.string() }),
  journal: numberRef('journalNumber'),
  entries: z.looseObject({
    customerPayments: z.array(z.looseObject({ amount: z.number(), journalEntryNumber: z.number().int().optional(), customerInvoice: z.number().int().optional(), text: z.string().optional() })).optional(),
  }),
  self: z.string(),
});
export const vouchersSchema = z.array(voucherSchema);

/** DELETE answers 204 without a body. */
export const emptySchema = z.union([z.undefined(), z.literal('')]);
