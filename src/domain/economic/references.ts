/**
 * `references.other` (≤250 characters, filterable) names the Rackbeat order on every e-conomic
 * document, so a lookup finds an earlier transfer after the one-hour idempotency window.
 */
export function orderReference(connectionId: string, rackbeatOrderNumber: string | number): string {
  return `rackbeat:${connectionId}:order:${rackbeatOrderNumber}`;
}

/** A different reference from the order's, so looking up the invoice never finds its credit note. */
export function creditNoteReference(connectionId: string, rackbeatOrderNumber: string | number): string {
  return `rackbeat:${connectionId}:credit:${rackbeatOrderNumber}`;
}

/** One per shop refund: its credit note is found by this, never by the order's or the cancellation's reference. */
export function refundReference(connectionId: string, source: string, refundId: string): string {
  return `webshop:${connectionId}:refund:${source}:${refundId}`;
}
