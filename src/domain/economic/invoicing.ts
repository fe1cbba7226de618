/**
 * Where an order's e-conomic documents stand, as found by `references.other`, and the one step
 * that takes them further. Every writing step of the invoicing path starts from this lookup, so a
 * retry after a lost response, a killed worker or a 5xx that committed anyway continues from
 * whatever stage the earlier attempt reached instead of assuming the stage it started from.
 */
export interface InvoicingProgress {
  /** The booked invoice with the order's reference, if any. */
  bookedInvoiceNumber?: number;
  /** The draft invoice with the order's reference, if any. */
  draftInvoiceNumber?: number;
  /** e-conomic orders with the order's reference, in any state. */
  orders: { state: 'drafts' | 'sent' | 'archived'; orderNumber: number }[];
}

export type InvoicingStep =
  | { step: 'done'; bookedInvoiceNumber: number }
  | { step: 'book'; draftInvoiceNumber: number }
  | { step: 'upgrade'; orderNumber: number }
  | { step: 'register-sent'; orderNumber: number }
  /** The lookup by reference found nothing that leads to an invoice. */
  | { step: 'missing'; archivedOrderNumber?: number };

/** The furthest stage wins: a booked invoice, then a draft invoice, then a sent order, then a draft order. */
export function nextInvoicingStep(progress: InvoicingProgress): InvoicingStep {
  if (progress.bookedInvoiceNumber !== undefined) return { step: 'done', bookedInvoiceNumber: progress.bookedInvoiceNumber };
  if (progress.draftInvoiceNumber !== undefined) return { step: 'book', draftInvoiceNumber: progress.draftInvoiceNumber };
  const sent = progress.orders.find((o) => o.state === 'sent');
  if (sent) return { step: 'upgrade', orderNumber: sent.orderNumber };
  const draft = progress.orders.find((o) => o.state === 'drafts');
  if (draft) return { step: 'register-sent', orderNumber: draft.orderNumber };
  // An archived order without any invoice was upgraded and its invoice deleted, or it was deleted while sent.
  const archived = progress.orders.find((o) => o.state === 'archived');
  return archived ? { step: 'missing', archivedOrderNumber: archived.orderNumber } : { step: 'missing' };
}

/** Two lookups that name the same step after a refused write mean the refusal was real, not a stale stage. */
export function sameInvoicingStep(a: InvoicingStep, b: InvoicingStep): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
