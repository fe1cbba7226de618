/** In-memory state of one simulated Netvisor company. */
export interface SimCustomer {
  key: number;
  code: string;
  /** Leaf elements of `customerbaseinformation` as sent (lower-case names). */
  base: Record<string, string>;
  /** Leaf elements of `customeradditionalinformation`. */
  additional: Record<string, string>;
  /** The `type` attribute `defaultpaymentterm` was sent with. */
  defaultPaymentTermType?: string;
}

export interface SimProduct {
  key: number;
  code: string;
  base: Record<string, string>;
  unitPriceType?: string;
  defaultVatPercentage?: number;
}

export interface SimLine {
  productCode: string;
  productName: string;
  unitPrice: number;
  vatPercentage: number;
  vatCode: string;
  quantity: number;
}

export type DocumentKind = 'invoice' | 'order';

export interface SimDocument {
  key: number;
  kind: DocumentKind;
  number: string;
  date: string;
  dueDate?: string;
  deliveryDate?: string;
  amount: number;
  currency?: string;
  ourReference?: string;
  yourReference?: string;
  privateComment?: string;
  status: string;
  customerCode: string;
  customerName: string;
  paymentTermNetDays?: number;
  lines: SimLine[];
}

/** One row of paymenttermlist.nv: `defaultpaymentterm type="netvisor"` names a term by this key. */
export interface SimPaymentTerm {
  key: number;
  name: string;
  netDays: number;
}

export interface PeriodState {
  accountingLockDate?: string;
  vatLockDate?: string;
  fiscalYears: { key: number; name: string; begin: string; end: string }[];
}

/** Characters Netvisor's Rackbeat pages warn about in product names (seed rule); configurable. */
export const DEFAULT_FORBIDDEN_NAME_CHARACTERS = ['/', '*', '&', '#'];

/** Finnish rates since 1.9.2024 (P22); zero-rated codes for EU and export sales. */
export function defaultVatTable(): Record<string, number[]> {
  return { KOMY: [25.5, 14, 10, 0], EUMY: [0], EUUM: [0], EUPM309: [0], EUPM312: [0], MUUL: [0], RAMY: [0], NONE: [0] };
}

export class NetvisorStore {
  customers = new Map<number, SimCustomer>();
  products = new Map<number, SimProduct>();
  documents = new Map<number, SimDocument>();
  periods: PeriodState = { fiscalYears: [] };
  paymentTerms: SimPaymentTerm[] = [];
  vatTable: Record<string, number[]> = defaultVatTable();
  forbiddenNameCharacters: string[] = [...DEFAULT_FORBIDDEN_NAME_CHARACTERS];
  /** Transaction ids already seen (Netvisor: unique per request, REQUEST_NOT_UNIQUE otherwise). */
  usedTransactionIds = new Set<string>();
  /** List calls that will still miss the newest document (simulated replication lag; control API). */
  listLag = 0;
  /** The list lag the next added document gets. */
  lagNextAdd = 0;
  private nextKey = 100;

  key(): number {
    return this.nextKey++;
  }

  reset(): void {
    this.customers.clear();
    this.products.clear();
    this.documents.clear();
    this.periods = { fiscalYears: [] };
    this.paymentTerms = [];
    this.vatTable = defaultVatTable();
    this.forbiddenNameCharacters = [...DEFAULT_FORBIDDEN_NAME_CHARACTERS];
    this.usedTransactionIds.clear();
    this.listLag = 0;
    this.lagNextAdd = 0;
    this.nextKey = 100;
  }

  customerByCode(code: string): SimCustomer | undefined {
    return [...this.customers.values()].find((c) => c.code !== '' && c.code === code);
  }

  productByCode(code: string): SimProduct | undefined {
    return [...this.products.values()].find((p) => p.code !== '' && p.code === code);
  }

  /** Largest plain-integer number used by documents of this kind (0 when none). */
  largestNumber(kind: DocumentKind): number {
    let largest = 0;
    for (const d of this.documents.values()) if (d.kind === kind && /^\d+$/.test(d.number)) largest = Math.max(largest, Number(d.number));
    return largest;
  }

  documentByNumber(kind: DocumentKind, number: string): SimDocument | undefined {
    return [...this.documents.values()].find((d) => d.kind === kind && d.number === number);
  }

  allVatPercentages(): Set<number> {
    return new Set(Object.values(this.vatTable).flat());
  }
}
