/**
 * Rackbeat credit notes → Netvisor credit notes. Rackbeat attests only the call that makes one
 * (`POST /customer-invoices/{n}/create-creditnote`, rackbeat-verified §5): not the sign of its
 * amounts, nor which invoice it credits. So a customer invoice worth less than nothing is a credit
 * note, whichever way its lines carry the minus, and Netvisor gets its attested form (reference
 * §6.3, P5): quantity negative, unit price positive, amount negative.
 */
import { rackbeatLineNet, rackbeatVat } from '../webshop/rackbeat-amounts';

interface PricedLine {
  quantity: number;
  unitPrice: number;
  discountPercentage: number;
  vatPercentage: number;
}

/** A credit note's total is negative; without a total, its lines (net, as Rackbeat rounds them) add up to less than nothing. */
export function isCreditNote(total: number | null | undefined, lines: readonly PricedLine[]): boolean {
  if (total !== null && total !== undefined) return total < 0;
  return lines.reduce((sum, l) => sum + rackbeatLineNet(l.quantity, l.unitPrice, l.discountPercentage), 0) < 0;
}

/** The gross total of lines as Rackbeat rounds it (per line, half away from zero: a credit line is its invoice line negated). */
export function grossOfLines(lines: readonly PricedLine[]): number {
  const cents = lines.reduce((sum, l) => {
    const net = rackbeatLineNet(l.quantity, l.unitPrice, l.discountPercentage);
    return sum + net + rackbeatVat(net, l.vatPercentage);
  }, 0);
  return cents / 100;
}

/**
 * One credit-note line in Netvisor's form: the unit price positive and the minus on the quantity,
 * keeping the sign of quantity × price (a positive line among negative ones stays positive). A
 * line worth nothing gets a negative quantity, as a credit line does.
 */
export function creditNoteLine<T extends Pick<PricedLine, 'quantity' | 'unitPrice'>>(line: T): T {
  const sign = Math.sign(line.quantity) * Math.sign(line.unitPrice) || -1;
  return { ...line, quantity: line.quantity === 0 ? 0 : sign * Math.abs(line.quantity), unitPrice: Math.abs(line.unitPrice) };
}

/** The one sentence a finished credit-note transfer ends with. */
export function creditNoteUnmatched(number: number): string {
  return `Netvisor does not match credit note ${number} to an invoice and Rackbeat does not say which invoice it credits: match it in Netvisor by hand (or with matchcreditnote.nv)`;
}
