import type { DocumentPreview } from './document-preview';
import { type NetvisorPreviewDeps, previewNetvisorDocument } from './netvisor-document';
import type { OrderPreview, OrderPreviewDeps } from './order';
import { previewOrder } from './order';

/** `YYYY-MM-DD` inclusive window over the Rackbeat order date. */
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
