import { roundMoney } from '../../domain/webshop/money';
import { invalidData, NetvisorFailure } from './responses';
import type { DocumentKind, NetvisorStore, SimDocument, SimLine, SimPaymentTerm } from './store';
import { child, readNumber, textAt, type XmlElement } from './xml-tree';

/** Invoice statuses per document type (R3, R6). */
const STATUSES: Record<DocumentKind, string[]> = { invoice: ['open', 'unsent'], order: ['undelivered', 'delivered'] };

/** Characters of `name` that are on the forbidden list. */
export function forbiddenCharacters(store: NetvisorStore, name: string): string[] {
  return store.forbiddenNameCharacters.filter((ch) => name.includes(ch));
}

/**
 * Applies the seed rules (DESIGN.md §2, reference §4.3/§10) to a structurally valid
 * `salesinvoice` element and returns the document to store. Texts the reference leaves
 * undocumented are the simulator's own wording; categories follow the reference.
 */
export function acceptSalesDocument(store: NetvisorStore, doc: XmlElement): Omit<SimDocument, 'key'> {
  const type = (textAt(doc, 'invoicetype') ?? 'invoice').toLowerCase();
  if (type !== 'invoice' && type !== 'order') throw invalidData(`Unsupported invoicetype '${type}'`);
  const kind: DocumentKind = type;
  const status = (textAt(doc, 'salesinvoicestatus') ?? '').toLowerCase();
  if (!STATUSES[kind].includes(status)) throw invalidData(`Status '${status}' is not valid for invoicetype ${kind}`);

  const identifier = child(doc, 'invoicingcustomeridentifier');
  const idType = identifier?.attrs.type ?? '';
  const customer =
    idType === 'customer' ? store.customerByCode(identifier?.text ?? '') : idType === 'netvisor' ? store.customers.get(Number(identifier?.text)) : undefined;
  if (!customer) throw invalidData(`Customer not found (Asiakasta ei löydy): ${idType} identifier '${identifier?.text ?? ''}'`);

  const netDaysText = textAt(doc, 'paymenttermnetdays');
  const netDays = netDaysText === undefined ? undefined : readNumber(netDaysText);
  if (netDaysText !== undefined && (netDays === undefined || !Number.isInteger(netDays) || netDays < 0)) throw invalidData(`paymenttermnetdays '${netDaysText}' is not a whole number of days`);
  const term = child(doc, 'paymentterm');
  const termFromCustomer = term?.attrs.type === 'customerdefault' ? customerDefaultTerm(store, customer.additional.defaultpaymentterm) : undefined;
  const hasTerm = netDays !== undefined || textAt(doc, 'salesinvoiceduedate') !== undefined || (term !== undefined && (term.attrs.type !== 'customerdefault' || !!termFromCustomer));
  if (!hasTerm) throw invalidData('Payment term is missing: give paymenttermnetdays, salesinvoiceduedate or paymentterm (the customer has no default payment term)');

  const lines = readLines(store, doc);
  const date = textAt(doc, 'salesinvoicedate') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalidData(`salesinvoicedate '${date}' is not an ANSI date`);
  checkPeriod(store, date);

  const amountText = textAt(doc, 'salesinvoiceamount') ?? '';
  const amount = readNumber(amountText);
  if (amount === undefined) throw invalidData(`salesinvoiceamount '${amountText}' is not a number`);
  const number = textAt(doc, 'salesinvoicenumber') ?? String(store.largestNumber(kind) + 1);
  checkNumber(store, kind, number);

  // Credit notes (P5) have negative quantities and amount: rounding is the same either side of zero.
  const computed = roundMoney(lines.reduce((sum, l) => sum + l.unitPrice * l.quantity * (1 + l.vatPercentage / 100), 0));
  const dueDate = textAt(doc, 'salesinvoiceduedate');
  const termDays = netDays ?? termFromCustomer?.netDays;
  return {
    kind,
    number,
    date,
    ...(dueDate ? { dueDate } : {}),
    ...optionalText('deliveryDate', textAt(doc, 'salesinvoicedeliverydate')),
    ...optionalText('currency', child(doc, 'salesinvoiceamount')?.attrs.iso4217currencycode),
    ...optionalText('ourReference', textAt(doc, 'salesinvoiceourreference')),
    ...optionalText('yourReference', textAt(doc, 'salesinvoiceyourreference')),
    ...optionalText('privateComment', textAt(doc, 'salesinvoiceprivatecomment')),
    amount: amount === 0 ? computed : roundMoney(amount),
    status,
    customerCode: customer.code,
    customerName: customer.base.name ?? '',
    ...(termDays === undefined ? {} : { paymentTermNetDays: termDays }),
    lines,
  };
}

function readLines(store: NetvisorStore, doc: XmlElement): SimLine[] {
  const lines: SimLine[] = [];
  for (const invoiceLine of child(doc, 'invoicelines')?.children ?? []) {
    const line = child(invoiceLine, 'salesinvoiceproductline');
    if (!line) continue;
    const identifier = child(line, 'productidentifier');
    const product = identifier?.attrs.type === 'netvisor' ? store.products.get(Number(identifier.text)) : store.productByCode(identifier?.text ?? '');
    if (!product) throw invalidData(`Product not found with ${identifier?.attrs.type ?? ''} identifier '${identifier?.text ?? ''}'`);
    const name = textAt(line, 'productname') || product.base.name || '';
    const bad = forbiddenCharacters(store, name);
    if (bad.length > 0) throw invalidData(`Product name '${name}' contains characters that are not allowed: ${bad.join(' ')}`);
    const vat = child(line, 'productvatpercentage');
    const vatCode = vat?.attrs.vatcode ?? '';
    if (!vatCode) throw invalidData('VAT code cannot be retrieved from posting suggestion because no posting suggestion has been given.');
    const percentage = readNumber(vat?.text);
    const known = store.vatTable[vatCode];
    if (!known) throw invalidData(`VAT code '${vatCode}' is not in use`);
    if (percentage === undefined || !known.includes(percentage)) throw invalidData(`VAT percentage '${vat?.text ?? ''}' does not exist for VAT code ${vatCode}`);
    const unitPrice = readNumber(textAt(line, 'productunitprice'));
    const quantity = readNumber(textAt(line, 'salesinvoiceproductlinequantity'));
    if (unitPrice === undefined || quantity === undefined) throw invalidData('productunitprice and salesinvoiceproductlinequantity must be numbers');
    lines.push({ productCode: product.code, productName: name, unitPrice, vatPercentage: percentage, vatCode, quantity });
  }
  if (lines.length === 0) throw invalidData('At least one product line is required');
  return lines;
}

/** Fiscal year must exist and be open, no accounting or VAT lock on the date (P12) → PERIOD_LOCK. */
function checkPeriod(store: NetvisorStore, date: string): void {
  const p = store.periods;
  if (!p.fiscalYears.some((y) => y.begin <= date && date <= y.end)) throw new NetvisorFailure('PERIOD_LOCK', `No fiscal year has been established for ${date}`);
  if (p.accountingLockDate && date <= p.accountingLockDate) throw new NetvisorFailure('PERIOD_LOCK', `The accounting period is locked up to ${p.accountingLockDate}`);
  if (p.vatLockDate && date <= p.vatLockDate) throw new NetvisorFailure('PERIOD_LOCK', `The VAT period is locked up to ${p.vatLockDate}`);
}

/** An existing number → DUPLICATE_DATA; a lower number → the series overlap (P12) → INVALID_DATA. */
function checkNumber(store: NetvisorStore, kind: DocumentKind, number: string): void {
  if (store.documentByNumber(kind, number)) throw new NetvisorFailure('DUPLICATE_DATA', `A sales ${kind} with number ${number} already exists`);
  const largest = store.largestNumber(kind);
  if (/^\d+$/.test(number) && Number(number) < largest) {
    throw invalidData(`Sales ${kind} number ${number} overlaps the number series: the largest used number is ${largest}`);
  }
}

function optionalText<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** The customer's default payment term: its stored value is a paymenttermlist.nv key (type="netvisor"). */
function customerDefaultTerm(store: NetvisorStore, key: string | undefined): SimPaymentTerm | undefined {
  return key === undefined ? undefined : store.paymentTerms.find((t) => String(t.key) === key.trim());
}
