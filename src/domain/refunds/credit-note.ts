import type { BookedInvoice, SalesDocumentInput } from '../../connectors/economic/types';
import { creditNoteHeader } from '../economic/credit-note';
import { refundReference } from '../economic/references';
import { refundMarker, type ShopRefund } from '../webshop/shop-refund';
import { type KnownProductLine, type RefundHold, type RefundLineSettings, refundLines } from './credit-lines';

const SHOP = { shopify: 'Shopify', woocommerce: 'WooCommerce' } as const;

/** Whether a booked invoice already carries the refund's lines (it was taken off the draft before invoicing). */
export function invoiceHasRefund(booked: BookedInvoice, refund: Pick<ShopRefund, 'source' | 'id'>): boolean {
  const marker = refundMarker(refund);
  return (booked.lines ?? []).some((l) => l.description?.includes(marker) === true);
}

/**
 * The credit note (a draft invoice with negative quantities) for one shop refund of a booked
 * invoice: the invoice's customer, terms and rate, its own reference, the refunded lines at the
 * VAT rate each product was invoiced at.
 */
export function mapRefundCreditNote(
  booked: BookedInvoice,
  refund: ShopRefund,
  input: { connectionId: string; date: string; settings: RefundLineSettings },
): { ok: true; body: SalesDocumentInput; grossCents: number } | { ok: false; hold: RefundHold } {
  const invoiced = new Map<string, KnownProductLine>();
  for (const line of booked.lines ?? []) {
    const number = line.product?.productNumber;
    if (number !== undefined && !invoiced.has(number) && line.vatRate !== undefined) invoiced.set(number, { vatRate: line.vatRate, description: line.description });
  }
  if (refund.currency !== booked.currency) {
    return { ok: false, hold: { code: 'REFUND_CURRENCY_MISMATCH', message: `${SHOP[refund.source]} refund ${refund.id} is in ${refund.currency} but e-conomic invoice ${booked.bookedInvoiceNumber} is in ${booked.currency}: credit it in e-conomic by hand.` } };
  }
  const lines = refundLines({ refund, settings: input.settings, invoiced });
  if (!lines.ok) return lines;
  const text = `Credit note for invoice ${booked.bookedInvoiceNumber}: ${SHOP[refund.source]} refund ${refund.id} of order ${refund.orderName}`;
  return { ok: true, body: { ...creditNoteHeader(booked, { date: input.date, reference: refundReference(input.connectionId, refund.source, refund.id), text: text.slice(0, 1000) }), lines: lines.lines }, grossCents: lines.grossCents };
}
