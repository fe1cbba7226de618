import type { DocumentPreview } from './document-preview';
import { type NetvisorPreviewDeps, previewNetvisorDocument } from './netvisor-document';
import type { OrderPreview, OrderPreviewDeps } from './order';
import { previewOrder } from './order';
import { previewWebshopOrder, type WebshopPreviewDeps } from './webshop-order';

/** `YYYY-MM-DD` inclusive window over the document date (UTC days). */
export interface BackfillWindow {
  since: string;
  until: string;
}

export function inWindow(date: string | undefined, window: BackfillWindow): boolean {
  if (!date) return false;
  const day = date.slice(0, 10);
  return day >= window.since && day <= window.until;
}

/**
 * The order flow's documents in the window (by Rackbeat `order_date`), each with its verdict and the
 * document rackbridge would send. Reads only: Rackbeat's order list, then per order the same reads
 * as the transfer's first step.
 */
export async function planOrderBackfill(deps: OrderPreviewDeps, window: BackfillWindow, onListed?: (n: number) => void): Promise<OrderPreview[]> {
  const numbers: string[] = [];
  for await (const order of deps.rackbeat.iterateOrders({ order_by: 'number', order_direction: 'ASC' })) {
    if (inWindow(order.order_date ?? undefined, window)) numbers.push(String(order.number));
  }
  onListed?.(numbers.length);
  const previews: OrderPreview[] = [];
  for (const n of numbers) previews.push(await previewOrder(deps, n));
  return previews;
}

/** The Netvisor invoice flow's documents in the window (by Rackbeat `invoice_date`), each with its verdict and the XML rackbridge would send. Reads only. */
export async function planNetvisorInvoiceBackfill(deps: NetvisorPreviewDeps, window: BackfillWindow): Promise<DocumentPreview[]> {
  const listed: { number: string; date: string | undefined }[] = [];
  for await (const invoice of deps.rackbeat.iterateCustomerInvoices({ order_by: 'number', order_direction: 'ASC' })) {
    if (inWindow(invoice.invoice_date ?? undefined, window)) listed.push({ number: String(invoice.number), date: invoice.invoice_date?.slice(0, 10) });
  }
  const previews: DocumentPreview[] = [];
  for (const { number, date } of listed) previews.push(await previewNetvisorDocument(deps, 'invoice', number, date));
  return previews;
}

const DAY_MS = 86_400_000;

/** Whether an instant (ms since epoch) falls on a UTC day of the window; an unreadable one does not. Pure. */
export function createdInWindow(createdAtMs: number, window: BackfillWindow): boolean {
  if (Number.isNaN(createdAtMs)) return false;
  return createdAtMs >= Date.parse(`${window.since}T00:00:00Z`) && createdAtMs < Date.parse(`${window.until}T00:00:00Z`) + DAY_MS;
}

/**
 * F1's documents in the window: per shop of the connection, the orders created on a day of the
 * window (UTC), oldest first, each with its verdict and the Rackbeat order rackbridge would create.
 * The shop's change listing (the reconcile's) is read from the window's start: an order created in
 * the window has changed since. Reads only: the listing, then per order the transfer's own reads.
 */
export async function planWebshopOrderBackfill(deps: WebshopPreviewDeps, window: BackfillWindow): Promise<DocumentPreview[]> {
  // A second early: WooCommerce's `modified_after` is exclusive, and an order made at 00:00:00 is in.
  const from = new Date(Date.parse(`${window.since}T00:00:00Z`) - 1_000);
  const previews: DocumentPreview[] = [];
  for (const port of deps.shops) {
    const listed = new Map<string, number>();
    for await (const order of port.changedOrdersSince(from)) {
      // Block-checkout carts are not orders yet (webshops.md §1 rule 6), as the reconcile ignores them.
      if (order.status !== 'checkout-draft' && createdInWindow(order.createdAtMs, window)) listed.set(order.id, order.createdAtMs);
    }
    const oldestFirst = [...listed].sort(([a, at], [b, bt]) => at - bt || (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const [id] of oldestFirst) previews.push(await previewWebshopOrder(deps, port.source, id));
  }
  return previews;
}
