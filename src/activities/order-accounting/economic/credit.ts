import { NotFoundError } from '../../../connectors/http';
import { creditNoteReference, mapCreditNote } from '../../../domain/economic';
import { decideCredit, type DraftRef, type OrderContext, type OrderSnapshot, type StepResult } from '../../../domain/order';
import { findBookedInvoice, findDraftInvoice } from './lookup';
import { type OrderActivityDeps, orderKey, orderSystems, today } from './systems';

/** A credit note for a booked invoice whose Rackbeat order was cancelled; at most one. */
export async function creditBookedInvoice(deps: OrderActivityDeps, ctx: OrderContext, snapshot: OrderSnapshot, bookedInvoiceNumber: number): Promise<StepResult> {
  const { economic } = orderSystems(deps.clients, ctx);
  const reference = creditNoteReference(ctx.connectionId, ctx.orderNumber);
  const booked = await findBookedInvoice(economic, reference);
  const draft = booked ? undefined : await findDraftInvoice(economic, reference);
  const step = decideCredit({ ...(booked ? { bookedNumber: booked.bookedInvoiceNumber } : {}), ...(draft ? { draftNumber: draft.draftInvoiceNumber } : {}) });
  if (step.kind === 'adopt') return { snapshot, state: { phase: 'credited', bookedInvoiceNumber, creditNoteNumber: step.creditNoteNumber }, did: `credit note ${step.creditNoteNumber} already booked` };
  let draftNumber: number;
  if (step.kind === 'book-draft') draftNumber = step.draftNumber;
  else {
    const invoice = await economic.getBookedInvoice(bookedInvoiceNumber);
    const body = mapCreditNote(invoice, { connectionId: ctx.connectionId, rackbeatOrderNumber: ctx.orderNumber, date: today() });
    draftNumber = (await economic.createDraftInvoice(body, orderKey(ctx, 'credit-note-draft'))).value.draftInvoiceNumber;
  }
  const creditNote = await economic.bookInvoice({ draftInvoiceNumber: draftNumber }, orderKey(ctx, 'credit-note-book'));
  return { snapshot, state: { phase: 'credited', bookedInvoiceNumber, creditNoteNumber: creditNote.value.bookedInvoiceNumber }, did: `credit note ${creditNote.value.bookedInvoiceNumber} booked for invoice ${bookedInvoiceNumber}` };
}

/** Deletes the order's draft after a cancellation; one already gone counts as deleted. */
export async function deleteDraft(deps: OrderActivityDeps, ctx: OrderContext, snapshot: OrderSnapshot, draft: DraftRef): Promise<StepResult> {
  const { economic } = orderSystems(deps.clients, ctx);
  try {
    if (draft.type === 'order') await economic.deleteDraftOrder(draft.number, orderKey(ctx, `delete-order-${draft.number}`));
    else await economic.deleteDraftInvoice(draft.number, orderKey(ctx, `delete-invoice-${draft.number}`));
  } catch (err) {
    // Already gone: an earlier attempt deleted it, or someone did in e-conomic.
    if (!(err instanceof NotFoundError)) throw err;
  }
  return { snapshot, state: { phase: 'deleted' }, did: `e-conomic draft ${draft.type} ${draft.number} deleted` };
}
