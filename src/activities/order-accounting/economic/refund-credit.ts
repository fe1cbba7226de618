import type { OrderSettings } from '../../../config';
import { refundReference } from '../../../domain/economic';
import type { StepResult } from '../../../domain/order';
import { invoiceHasRefund, mapRefundCreditNote } from '../../../domain/refunds';
import { type ShopRefund, webshopLabel } from '../../../domain/webshop';
import type { BookedState, OrderActivityDeps, OrderRead } from '../port';
import { findBookedInvoice, findDraftInvoice } from './lookup';
import { refundLineSettings } from './refund-lines';
import { orderSystems, today } from './systems';

/**
 * One credit note per shop refund of a booked invoice, exactly once: found first by the refund's
 * own reference (booked, then draft), skipped when the invoice already carries the refund's lines
 * (it came off the draft before invoicing), else created and — with `bookInvoice` — booked, each
 * write with an Idempotency-Key of the workflow id, the refund id and the step.
 */
export async function creditRefund(deps: OrderActivityDeps, { ctx, snapshot }: OrderRead, settings: OrderSettings, booked: BookedState, refund: ShopRefund): Promise<StepResult> {
  const { bookedInvoiceNumber } = booked;
  const { rackbeat, economic, mapping } = orderSystems(deps.clients, ctx);
  const state: BookedState = booked;
  const what = `${webshopLabel(refund.source)} refund ${refund.id}`;
  const reference = refundReference(ctx.connectionId, refund.source, refund.id);
  const key = (step: string): string => `${ctx.workflowId}:refund-${refund.source}-${refund.id}:${step}`;
  const bookedCredit = await findBookedInvoice(economic, reference);
  if (bookedCredit) return { snapshot, state, did: `credit note ${bookedCredit.bookedInvoiceNumber} for ${what} was already booked` };
  let draftNumber = (await findDraftInvoice(economic, reference))?.draftInvoiceNumber;
  if (draftNumber === undefined) {
    const invoice = await economic.getBookedInvoice(bookedInvoiceNumber);
    if (invoiceHasRefund(invoice, refund)) return { snapshot, state, did: `${what} was taken off the draft before invoice ${bookedInvoiceNumber} was booked` };
    const mapped = mapRefundCreditNote(invoice, refund, { connectionId: ctx.connectionId, date: today(), settings: refundLineSettings(deps.clients, ctx.connectionId) });
    if (!mapped.ok) return { snapshot, state, did: `map ${what}`, hold: mapped.hold };
    // A helper product the invoice did not use (the rounding product) must exist in e-conomic first.
    const onInvoice = new Set((invoice.lines ?? []).map((l) => l.product?.productNumber));
    for (const number of new Set((mapped.body.lines ?? []).map((l) => (l.product && 'productNumber' in l.product ? l.product.productNumber : undefined)).filter((n): n is string => n !== undefined && !onInvoice.has(n)))) {
      await deps.masterData.ensureProduct(ctx.connectionId, economic, await rackbeat.getProduct(number), mapping);
    }
    draftNumber = (await economic.createDraftInvoice(mapped.body, key('draft'))).value.draftInvoiceNumber;
  }
  if (!settings.bookInvoice) return { snapshot, state, did: `credit note draft ${draftNumber} for ${what} waits in e-conomic for the bookkeeper (bookInvoice is off)` };
  const credit = await economic.bookInvoice({ draftInvoiceNumber: draftNumber }, key('book'));
  return { snapshot, state, did: `credit note ${credit.value.bookedInvoiceNumber} booked for ${what} (invoice ${bookedInvoiceNumber})` };
}
