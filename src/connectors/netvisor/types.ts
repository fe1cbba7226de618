/** Typed configuration; nothing here reads the environment. */
export interface NetvisorClientConfig {
  /** e.g. `https://isvapi.netvisor.fi` (test) or `https://integration.netvisor.fi` (production). */
  baseUrl: string;
  /** Integration name (`X-Netvisor-Authentication-Sender`); keep it ASCII. */
  sender: string;
  customerId: string;
  customerKey: string;
  partnerId: string;
  partnerKey: string;
  /** Business id (Y-tunnus) of the target company, e.g. `1967543-8`. */
  organisationId: string;
  /** Language of Netvisor's error texts. @default 'EN' */
  language?: 'FI' | 'EN' | 'SE';
  /** Per-request timeout in milliseconds; Netvisor asks for at least 120 000. @default 120000 */
  timeoutMs?: number;
  /** Clock for timestamps (tests). @default () => new Date() */
  now?: () => Date;
  /**
   * Source of transaction ids; must return a new value on every call (tests override it to
   * provoke REQUEST_NOT_UNIQUE). @default crypto.randomUUID without dashes
   */
  transactionId?: () => string;
}

export type VatCode = 'NONE' | 'KOMY' | 'EUMY' | 'EUUM' | 'EUPM312' | 'EUPM309' | 'MUUL' | 'RAMY' | 'KOMY0';

export interface SalesLineInput {
  /** Product code (`productidentifier type="customer"`). */
  productCode: string;
  productName: string;
  /** Net unit price. */
  unitPrice: number;
  vatPercentage: number;
  vatCode: VatCode;
  quantity: number;
  discountPercentage?: number;
  freeText?: string;
}

export interface SalesDocumentInput {
  /** Omit to let Netvisor pick the next number. */
  number?: string;
  /** `YYYY-MM-DD`. */
  date: string;
  dueDate?: string;
  deliveryDate?: string;
  /** Gross total; 0 lets Netvisor compute it from the lines (P11). */
  amount: number;
  currency?: string;
  /** Invoice: `open` | `unsent`; order: `undelivered` | `delivered`. */
  status: string;
  /** Customer code (`invoicingcustomeridentifier type="customer"`). */
  customerCode: string;
  ourReference?: string;
  yourReference?: string;
  privateComment?: string;
  /** `customerdefault` uses the customer's default term. At least one of this, netDays or dueDate is required. */
  paymentTerm?: 'customerdefault' | 'companydefault';
  paymentTermNetDays?: number;
  orderNumber?: string;
  lines: SalesLineInput[];
}

export interface CustomerInput {
  code?: string;
  businessId?: string;
  name: string;
  streetAddress?: string;
  city?: string;
  postNumber?: string;
  /** ISO-3166 alpha-2. */
  country?: string;
  phoneNumber?: string;
  email?: string;
  isActive?: boolean;
  isPrivateCustomer?: boolean;
  /** The customer's default payment term: the NetvisorKey of a term in paymenttermlist.nv (not net days). */
  defaultPaymentTermKey?: string;
}

export interface ProductInput {
  code?: string;
  group: string;
  name: string;
  description?: string;
  unitPrice: number;
  unitPriceType: 'net' | 'gross';
  unit?: string;
  isActive: boolean;
  isSalesProduct: boolean;
  defaultVatPercentage?: number;
}

export interface SalesDocumentListOptions {
  /** Only documents with a NetvisorKey above this (paging, 500 per call). */
  aboveNetvisorKey?: number;
  invoiceNumber?: string;
  customerCode?: string;
  beginDate?: string;
  endDate?: string;
}

export interface CustomerListOptions {
  keyword?: string;
  /** At most 100 codes. */
  codes?: string[];
}

export interface ProductListOptions {
  keyword?: string;
}
