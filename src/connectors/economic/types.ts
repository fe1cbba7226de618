import type { z } from 'zod';
import type {
  bookedInvoiceSchema,
  customerSchema,
  draftInvoiceSchema,
  journalSchema,
  layoutSchema,
  orderSchema,
  paginationSchema,
  paymentTermsSchema,
  productGroupSchema,
  productSchema,
  selfSchema,
  unitSchema,
  upgradeInstructionsSchema,
  vatZoneSchema,
  voucherSchema,
} from './schemas';

export interface EconomicClientConfig {
  /** e.g. `https://restapi.e-conomic.com`, or the sandbox's `http://127.0.0.1:4000/economic`. */
  baseUrl: string;
  appSecretToken: string;
  agreementGrantToken: string;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
}

/** A write's answer, and whether e-conomic replayed it from the idempotency cache (`X-ResultFromCache`). */
export interface WriteResult<T> {
  value: T;
  fromCache: boolean;
}

export interface ListOptions {
  /** A filter expression, e.g. built with `eq('references.other', 'R-1')`; escaped, not URL-encoded. */
  filter?: string;
  /** @default 0 */
  skipPages?: number;
  /** Max 1000. @default 20 (the API's default) */
  pageSize?: number;
  sort?: string;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
  hasNextPage: boolean;
}

export type Pagination = z.output<typeof paginationSchema>;
export type Self = z.output<typeof selfSchema>;
export type PaymentTerms = z.output<typeof paymentTermsSchema>;
export type Layout = z.output<typeof layoutSchema>;
export type VatZone = z.output<typeof vatZoneSchema>;
export type Unit = z.output<typeof unitSchema>;
export type ProductGroup = z.output<typeof productGroupSchema>;
export type Customer = z.output<typeof customerSchema>;
export type Product = z.output<typeof productSchema>;
export type Order = z.output<typeof orderSchema>;
export type DraftInvoice = z.output<typeof draftInvoiceSchema>;
export type BookedInvoice = z.output<typeof bookedInvoiceSchema>;
export type UpgradeInstructions = z.output<typeof upgradeInstructionsSchema>;
export type DraftInvoiceTemplate = UpgradeInstructions['draftInvoice'];
export type Journal = z.output<typeof journalSchema>;
export type Voucher = z.output<typeof voucherSchema>;

export type OrderState = 'drafts' | 'sent' | 'archived';
export type SendBy = 'none' | 'Email' | 'EAN';

/** References go by number or by `self` link (restdocs "Required properties"). */
export type NumberRef<K extends string> = { [P in K]: number } | { self: string };

export interface LineInput {
  lineNumber?: number;
  sortKey?: number;
  /** Required by e-conomic when the line has a product. Max 2500. */
  description?: string;
  product?: { productNumber: string } | { self: string };
  unit?: NumberRef<'unitNumber'>;
  /** At most 2 decimals (E04740). Required with a product (E04730). */
  quantity?: number;
  /** At most 2 decimals (E04740). */
  unitNetPrice?: number;
  discountPercentage?: number;
  unitCostPrice?: number;
}

/** Orders and draft invoices share this body; `date`, `currency`, `customer`, `layout`, `paymentTerms`, `recipient` are required. */
export interface SalesDocumentInput {
  date: string;
  currency: string;
  customer: NumberRef<'customerNumber'>;
  layout: NumberRef<'layoutNumber'>;
  paymentTerms: NumberRef<'paymentTermsNumber'>;
  recipient: {
    name: string;
    vatZone: NumberRef<'vatZoneNumber'>;
    address?: string;
    zip?: string;
    city?: string;
    country?: string;
    ean?: string;
    publicEntryNumber?: string;
  };
  dueDate?: string;
  exchangeRate?: number;
  delivery?: { address?: string; zip?: string; city?: string; country?: string; deliveryTerms?: string; deliveryDate?: string };
  notes?: { heading?: string; textLine1?: string; textLine2?: string };
  /** `other` (max 250) carries the source system's document number; it is filterable. */
  references?: { other?: string; customerContact?: NumberRef<'customerContactNumber'>; salesPerson?: NumberRef<'employeeNumber'> };
  lines?: LineInput[];
}

export interface OrderInput extends SalesDocumentInput {
  /** Only when re-posting a sent order's document to reopen it as a draft. */
  orderNumber?: number;
}

export interface CustomerInput {
  customerNumber?: number;
  name: string;
  currency: string;
  customerGroup: NumberRef<'customerGroupNumber'>;
  vatZone: NumberRef<'vatZoneNumber'>;
  paymentTerms: NumberRef<'paymentTermsNumber'>;
  layout?: NumberRef<'layoutNumber'>;
  email?: string;
  ean?: string;
  address?: string;
  zip?: string;
  city?: string;
  country?: string;
  corporateIdentificationNumber?: string;
  vatNumber?: string;
  telephoneAndFaxNumber?: string;
  mobilePhone?: string;
}

export interface ProductInput {
  productNumber: string;
  name: string;
  productGroup: NumberRef<'productGroupNumber'>;
  description?: string;
  salesPrice?: number;
  costPrice?: number;
  recommendedPrice?: number;
  barCode?: string;
  barred?: boolean;
  unit?: NumberRef<'unitNumber'>;
}

export interface BookInvoiceInput {
  draftInvoiceNumber: number;
  /** Schema casing: `Email`, `EAN`; omit (or `none`) to send nothing. */
  sendBy?: SendBy;
  /** Requests a specific booked-invoice number; refused when already used. */
  bookWithNumber?: number;
}

export interface CustomerPaymentInput {
  /** At most 2 decimals; the sign decides debit/credit (verify on a trial agreement, see reference §5). */
  amount: number;
  date: string;
  customer?: NumberRef<'customerNumber'>;
  contraAccount?: NumberRef<'accountNumber'>;
  /** The booked invoice number the payment settles. */
  customerInvoice?: number;
  currency?: { code: string };
  exchangeRate?: number;
  text?: string;
}

export interface CustomerPaymentVoucherInput {
  /** e.g. `"2026"`. */
  accountingYear: string;
  voucherNumber?: number;
  entries: CustomerPaymentInput[];
}

export interface OrderMatch {
  state: OrderState;
  order: Order;
}
