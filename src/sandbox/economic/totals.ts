import type { Doc, EconomicStore } from './store';

/** Domestic Danish VAT. Zones 2–4 (EU, abroad, domestic exempt) carry none. */
const DOMESTIC_VAT_PERCENT = 25;
const DOMESTIC_VAT_ZONE = 1;

/**
 * Half away from zero, the same for a credit (negative) line as for its invoice line, so a line
 * negated is its negated amount. e-conomic does not publish its rounding (inferred; see
 * docs/connectors/economic.md): this is the rule the Rackbeat model uses too.
 */
export function round2(value: number): number {
  return (Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * 100)) / 100;
}

/** The VAT rate of a line: product groups named "u/moms" (without VAT) are exempt. */
export function vatRateOf(line: Doc, vatZoneNumber: number, store: EconomicStore): number {
  if (vatZoneNumber !== DOMESTIC_VAT_ZONE) return 0;
  const productNumber = (line.product as Doc | undefined)?.productNumber as string | undefined;
  const product = productNumber === undefined ? undefined : store.products.get(productNumber);
  const groupNumber = (product?.productGroup as Doc | undefined)?.productGroupNumber as number | undefined;
  const group = groupNumber === undefined ? undefined : store.productGroups.get(groupNumber);
  return group?.vatExempt === true ? 0 : DOMESTIC_VAT_PERCENT;
}

export function computeTotals(lines: Doc[], vatZoneNumber: number, store: EconomicStore): Doc {
  let net = 0;
  let vat = 0;
  let cost = 0;
  const withTotals = lines.map((line) => {
    const quantity = line.quantity as number;
    const totalNetAmount = round2(quantity * (line.unitNetPrice as number) * (1 - (line.discountPercentage as number) / 100));
    const lineCost = round2(quantity * (line.unitCostPrice as number));
    const margin = round2(totalNetAmount - lineCost);
    net += totalNetAmount;
    cost += lineCost;
    vat += round2((totalNetAmount * vatRateOf(line, vatZoneNumber, store)) / 100);
    return { ...line, totalNetAmount, marginInBaseCurrency: margin, marginPercentage: totalNetAmount === 0 ? 0 : round2((margin / totalNetAmount) * 100) };
  });
  const netAmount = round2(net);
  const vatAmount = round2(vat);
  const grossAmount = round2(netAmount + vatAmount);
  const margin = round2(netAmount - cost);
  return {
    lines: withTotals,
    netAmount,
    netAmountInBaseCurrency: netAmount,
    grossAmount,
    grossAmountInBaseCurrency: grossAmount,
    vatAmount,
    roundingAmount: 0,
    marginInBaseCurrency: margin,
    marginPercentage: netAmount === 0 ? 0 : round2((margin / netAmount) * 100),
    costPriceInBaseCurrency: round2(cost),
  };
}

/** Booked lines show their VAT rate and amount (traels `invoice_book.json`). */
export function bookedLines(doc: Doc, store: EconomicStore): Doc[] {
  const zone = ((doc.recipient as Doc).vatZone as Doc).vatZoneNumber as number;
  return ((doc.lines as Doc[] | undefined) ?? []).map((line) => {
    const vatRate = vatRateOf(line, zone, store);
    const { marginInBaseCurrency: _m, marginPercentage: _p, ...rest } = line;
    return { ...rest, vatRate, vatAmount: round2(((line.totalNetAmount as number) * vatRate) / 100) };
  });
}

/** Due date from the payment terms: `net` counts days from the date, `invoiceMonth` from the month's end. */
export function dueDateFor(date: string, terms: Doc, given: string | undefined): string {
  const type = terms.paymentTermsType as string;
  if (type === 'dueDate' && given) return given;
  const days = (terms.daysOfCredit as number | undefined) ?? 0;
  const d = new Date(`${date}T00:00:00Z`);
  if (type === 'invoiceMonth') d.setUTCMonth(d.getUTCMonth() + 1, 0);
  if (type !== 'paidInCash' && type !== 'prepaid') d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
