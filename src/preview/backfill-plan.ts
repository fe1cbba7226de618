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

/** What a backfill starts: documents not yet transferred (new ones, and those that would be held: their transfer holds them with the fix). */
export function toStart(previews: OrderPreview[]): string[] {
  return previews.filter((p) => p.verdict === 'new' || p.verdict === 'held').map((p) => p.orderNumber);
}

export function summarise(previews: OrderPreview[]): string {
  const counts = new Map<string, number>();
  for (const p of previews) counts.set(p.verdict, (counts.get(p.verdict) ?? 0) + 1);
  const parts = ['new', 'transferred', 'held', 'waiting', 'cancelled'].filter((v) => counts.has(v)).map((v) => `${counts.get(v)} ${v}`);
  return `${previews.length} order(s) in the window${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
