import { ERROR_CODES } from './errors';
import { idFromSelf } from './paths';
import type { Doc, EconomicStore } from './store';
import { computeTotals, dueDateFor } from './totals';
import { Checker, isObject } from './validation';

/**
 * Orders and draft invoices share one document shape and one required list (restdocs; schemas
 * `orders.drafts.post`, `invoices.drafts.post`): date, currency, customer, layout, paymentTerms,
 * recipient, recipient.name, recipient.vatZone.
 */
export function validateSalesDocument(body: unknown, store: EconomicStore): Doc {
  const c = new Checker(store);
  if (!isObject(body)) {
    c.invalid([], 'The request body must be a JSON object.', body);
    c.issues.throwIfAny();
    throw new Error('unreachable');
  }
  c.date(body, 'date', [], true);
  c.date(body, 'dueDate', []);
  const currency = c.string(body, 'currency', [], { required: true, pattern: /^[a-zA-Z]{3}$/ });
  if (currency !== undefined && !store.currencies.has(currency.toUpperCase())) {
    c.issues.add(['currency'], ERROR_CODES.notFoundReference, 'The currency does not exist.', currency);
  }
  c.number(body, 'exchangeRate', [], { maxDecimal: 6, min: 0, max: 999_999_999_999 });
  const terms = c.numRef(body, 'paymentTerms', [], { required: true, key: 'paymentTermsNumber', exists: (n) => store.paymentTerms.has(n) });
  if (terms !== undefined && store.paymentTerms.get(terms)?.paymentTermsType === 'dueDate' && body.dueDate === undefined) {
    c.issues.add(['dueDate'], ERROR_CODES.required, "Property 'dueDate' is required with payment terms of type dueDate.", null);
  }
  c.numRef(body, 'customer', [], { required: true, key: 'customerNumber', exists: (n) => store.customers.has(n) });
  c.numRef(body, 'layout', [], { required: true, key: 'layoutNumber', exists: (n) => store.layouts.has(n) });
  checkRecipient(c, body);
  checkOptionalParts(c, body);
  checkLines(c, body);
  c.issues.throwIfAny();
  return body;
}

function checkRecipient(c: Checker, body: Doc): void {
  const recipient = c.object(body, 'recipient', [], true);
  if (!recipient) return;
  const at = ['recipient'];
  c.string(recipient, 'name', at, { required: true, max: 250 });
  for (const [key, max] of [['address', 250], ['zip', 50], ['city', 250], ['country', 50], ['ean', 13], ['publicEntryNumber', 40]] as const) {
    c.string(recipient, key, at, { max });
  }
  c.numRef(recipient, 'vatZone', at, { required: true, key: 'vatZoneNumber', exists: (n) => c.store.vatZones.has(n) });
}

function checkOptionalParts(c: Checker, body: Doc): void {
  const delivery = c.object(body, 'delivery', []);
  if (delivery) {
    for (const [key, max] of [['address', 255], ['zip', 30], ['city', 50], ['country', 50], ['deliveryTerms', 100]] as const) c.string(delivery, key, ['delivery'], { max });
    c.date(delivery, 'deliveryDate', ['delivery']);
  }
  const notes = c.object(body, 'notes', []);
  if (notes) {
    c.string(notes, 'heading', ['notes'], { max: 250 });
    c.string(notes, 'textLine1', ['notes'], { max: 1000 });
    c.string(notes, 'textLine2', ['notes'], { max: 1000 });
  }
  const references = c.object(body, 'references', []);
  if (references) c.string(references, 'other', ['references'], { max: 250 });
}

function checkLines(c: Checker, body: Doc): void {
  const lines = body.lines;
  if (lines === undefined) return;
  if (!Array.isArray(lines)) {
    c.invalid(['lines'], "Property 'lines' must be an array.", lines);
    return;
  }
  lines.forEach((line: unknown, i) => {
    const at = ['lines', i];
    if (!isObject(line)) {
      c.invalid(at, 'A line must be an object.', line);
      return;
    }
    c.string(line, 'description', at, { max: 2500 });
    const product = c.strRef(line, 'product', at, { key: 'productNumber', exists: (n) => c.store.products.has(n) });
    for (const key of ['quantity', 'unitNetPrice', 'discountPercentage', 'unitCostPrice']) c.number(line, key, at, { maxDecimal: 2 });
    c.numRef(line, 'unit', at, { key: 'unitNumber', exists: (n) => c.store.units.has(n) });
    if (line.product !== undefined && line.quantity === undefined) {
      c.issues.add([...at, 'quantity'], ERROR_CODES.quantityRequired, 'Quantity must be set when a product is set.', null);
    }
    if (product !== undefined && line.description === undefined) {
      c.issues.add([...at, 'description'], ERROR_CODES.required, 'A line with a product needs a description.', null);
    }
  });
}

/** The stored form: references reduced to their numbers, totals computed here, never taken from the caller. */
export function normalizeSalesDocument(body: Doc, store: EconomicStore): Doc {
  const ref = (value: unknown, key: string, asString = false): Doc | undefined => {
    if (!isObject(value)) return undefined;
    const id = value[key] ?? (typeof value.self === 'string' ? selfId(value.self, asString) : undefined);
    return { [key]: id };
  };
  const recipient = body.recipient as Doc;
  const paymentTerms = ref(body.paymentTerms, 'paymentTermsNumber') as { paymentTermsNumber: number };
  const vatZone = ref(recipient.vatZone, 'vatZoneNumber') as { vatZoneNumber: number };
  const lines = ((body.lines as Doc[] | undefined) ?? []).map((line, i) => {
    const product = ref(line.product, 'productNumber', true);
    const productDoc = product ? store.products.get(product.productNumber as string) : undefined;
    const unit = ref(line.unit, 'unitNumber') ?? (isObject(productDoc?.unit) ? { unitNumber: productDoc.unit.unitNumber } : undefined);
    return {
      lineNumber: i + 1,
      sortKey: (line.sortKey as number | undefined) ?? i + 1,
      ...(line.description === undefined ? {} : { description: line.description }),
      ...(product ? { product } : {}),
      ...(unit ? { unit } : {}),
      quantity: (line.quantity as number | undefined) ?? 1,
      unitNetPrice: (line.unitNetPrice as number | undefined) ?? (productDoc?.salesPrice as number | undefined) ?? 0,
      discountPercentage: (line.discountPercentage as number | undefined) ?? 0,
      unitCostPrice: (line.unitCostPrice as number | undefined) ?? (productDoc?.costPrice as number | undefined) ?? 0,
      // Kept as sent (departments module; traels `orders_drafts_one.json` lines carry it).
      ...(isObject(line.departmentalDistribution) ? { departmentalDistribution: line.departmentalDistribution } : {}),
    };
  });
  const currency = (body.currency as string).toUpperCase();
  const date = body.date as string;
  const terms = store.paymentTerms.get(paymentTerms.paymentTermsNumber) as Doc;
  const doc: Doc = {
    date,
    currency,
    exchangeRate: (body.exchangeRate) ?? 100,
    dueDate: dueDateFor(date, terms, body.dueDate as string | undefined),
    paymentTerms,
    customer: ref(body.customer, 'customerNumber'),
    recipient: { ...recipient, vatZone },
    layout: ref(body.layout, 'layoutNumber'),
  };
  for (const key of ['delivery', 'deliveryLocation', 'notes', 'references', 'project'] as const) {
    if (isObject(body[key])) doc[key] = body[key];
  }
  return { ...doc, ...computeTotals(lines, vatZone.vatZoneNumber, store) };
}

function selfId(self: string, asString: boolean): string | number {
  const id = idFromSelf(self);
  return asString ? id : Number(id);
}
