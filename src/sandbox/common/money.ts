/** Rounds money to cents the way a ledger does (half away from zero): a credit rounds to its invoice negated. */
export function roundMoney(value: number): number {
  return Math.sign(value) * Math.round((Math.abs(value) + Number.EPSILON) * 100) / 100;
}
