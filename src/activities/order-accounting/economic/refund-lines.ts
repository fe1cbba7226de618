import type { LineInput } from '../../../connectors/economic';
import { type RefundHold, type RefundLineSettings, refundLines } from '../../../domain/refunds';
import { parseWebshopSettings, type ShopRefund } from '../../../domain/webshop';
import type { ClientRegistry } from '../../clients';

/* Refunds that arrive before invoicing come off the order's e-conomic draft (docs/refunds.md). */

/** The webshop settings the refund lines are priced with (helper products, rounding). */
export function refundLineSettings(clients: ClientRegistry, connectionId: string): RefundLineSettings {
  return clients.get(connectionId).connection.webshop ?? parseWebshopSettings({});
}

/** The lines that take the refunds off a draft before it is invoiced, numbered after its own; or why they cannot be. */
export function draftRefundLines(refunds: readonly ShopRefund[], settings: RefundLineSettings, firstLineNumber: number): { lines: LineInput[] } | { hold: RefundHold } {
  const lines: LineInput[] = [];
  for (const refund of refunds) {
    const result = refundLines({ refund, settings, firstLineNumber: firstLineNumber + lines.length });
    if (!result.ok) return { hold: result.hold };
    lines.push(...result.lines);
  }
  return { lines };
}

/** The draft's revision with the refunds taken off it: a new refund changes it, so the draft is replaced. */
export function revisionWithRefunds(revision: string, refunds: readonly ShopRefund[] | undefined): string {
  return refunds && refunds.length > 0 ? `${revision}+refunds:${refunds.map((r) => `${r.source}:${r.id}`).join(',')}` : revision;
}

