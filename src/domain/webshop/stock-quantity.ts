/**
 * Shops hold whole units: a fractional Rackbeat quantity (a product sold by weight) is rounded
 * down, so the shop never offers more than Rackbeat has. Decision, not from a vendor doc.
 */
export function shopQuantity(available: number): number {
  return Math.floor(available);
}
