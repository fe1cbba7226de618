import { activityInfo, Context } from '@temporalio/activity';
import { AuthError } from '../../../connectors/http';
import { mapCustomerPayment, nextInvoicingStep, orderReference } from '../../../domain/economic';
import { decideDraftStep, decideOrderStep, draftLookups, type FoundDocuments, lookForBookedInvoice, orderConcernsEconomic, readKnownDraftOnly, reachedTrigger } from '../../../domain/order';
import { notConfigured } from '../../failure';
import { shortHash } from '../../master-data';
import type { DraftState, OrderAccountingPort, OrderActivityDeps } from '../port';
import { creditBookedInvoice, deleteDraft } from './credit';
import { confirmDraft, refusedForInventoryModule } from './draft-reads';
import { invoiceOrder } from './invoicing';
import { findBookedInvoice, findDraftInvoice, findDraftOrder, findInvoicingProgress, findPaymentVoucher } from './lookup';
import { documentBody, prepareOrder } from './prepare';
import { creditRefund } from './refund-credit';
import { revisionWithRefunds } from './refund-lines';
import { orderKey as key, orderSystems, today } from './systems';

/**
 * The order lifecycle on e-conomic: a draft order (or draft invoice) at booking, registered as
 * sent and upgraded through the upgrade-instructions template at the trigger, booked, the shop's
 * payment entered as a voucher, cancellations and refunds credited. Every write carries an
 * Idempotency-Key derived from the workflow id and the step, and `references.other` is looked up
 * before creating whenever an earlier write could exist (a retry, a new run).
 */
export function createEconomicOrderAccounting(deps: OrderActivityDeps): OrderAccountingPort {
  return {
    async reconcile({ ctx, order, snapshot }, settings, refunds) {
      const { economic, mapping } = orderSystems(deps.clients, ctx);
      const found: FoundDocuments = {};
      let catalog: Awaited<ReturnType<typeof deps.catalogs.get>> | undefined;
      if (orderConcernsEconomic(snapshot)) {
        const reference = orderReference(ctx.connectionId, ctx.orderNumber);
        const booked = lookForBookedInvoice(snapshot, settings) ? await findBookedInvoice(economic, reference) : undefined;
        if (booked) found.bookedInvoiceNumber = booked.bookedInvoiceNumber;
        else {
          catalog = await deps.catalogs.get(ctx.connectionId, economic);
          const lookups = draftLookups(snapshot, settings, catalog.hasInventoryModule);
          const draftInvoice = lookups.draftInvoice ? await findDraftInvoice(economic, reference) : undefined;
          const draftOrder = draftInvoice || !lookups.draftOrder ? undefined : await findDraftOrder(economic, reference);
          if (draftInvoice) found.draft = { type: 'invoice', number: draftInvoice.draftInvoiceNumber };
          else if (draftOrder !== undefined) found.draft = { type: 'order', number: draftOrder };
        }
      }
      const step = decideOrderStep(snapshot, found);
      switch (step.kind) {
        case 'wait':
          return { snapshot, state: { phase: 'none' }, did: `order is ${snapshot.summary}: waiting for booking` };
        case 'credit':
          return creditBookedInvoice(deps, ctx, snapshot, step.bookedInvoiceNumber);
        case 'adopt-booked':
          return { snapshot, state: { phase: 'booked', bookedInvoiceNumber: step.bookedInvoiceNumber, paymentRegistered: true }, did: `invoice ${step.bookedInvoiceNumber} was already booked (its payment is not registered again)` };
        case 'delete-draft':
          return deleteDraft(deps, ctx, snapshot, step.draft);
        case 'cancelled-before':
          return { snapshot, state: { phase: 'none' }, did: 'order cancelled before it reached e-conomic' };
        case 'adopt-draft':
          return { snapshot, state: { phase: 'draft', draft: step.draft, revision: '' }, did: `found e-conomic draft ${step.draft.type} ${step.draft.number}` };
        case 'create':
          break;
      }
      const prepared = await prepareOrder(deps, ctx, settings, order);
      if ('hold' in prepared) return { snapshot, state: { phase: 'none' }, did: 'preflight', hold: prepared.hold };
      // Nothing was found just now: this create is the first for the order (its key covers a lost response).
      const { documentType } = prepared;
      const document = documentBody(deps, ctx, order, mapping, catalog?.paymentTerms, refunds);
      if ('hold' in document) return { snapshot, state: { phase: 'none' }, did: 'refund lines', hold: document.hold };
      const body = document.body();
      try {
        const created =
          documentType === 'order'
            ? (await economic.createDraftOrder(body, key(ctx, 'create-order'))).value.orderNumber
            : (await economic.createDraftInvoice(body, key(ctx, 'create-invoice'))).value.draftInvoiceNumber;
        const did = [...prepared.did, `e-conomic draft ${documentType} ${created} created`].join('; ');
        return { snapshot, state: { phase: 'draft', draft: { type: documentType, number: created }, revision: revisionWithRefunds(snapshot.revision, refunds) }, did };
      } catch (err) {
        if (documentType === 'order' && err instanceof AuthError) await refusedForInventoryModule(ctx.connectionId, economic, deps.catalogs);
        throw err;
      }
    },

    /**
     * It starts from the lookup by reference, not from `state`: an earlier attempt whose answer
     * was lost (or whose worker died) may have registered, upgraded or booked already. Only the
     * first attempt of a `trusted` step reads the one draft it knows instead of the five lookups:
     * no attempt before it can have written; a draft gone from e-conomic (deleted by hand) sends
     * it to the full lookup, so nothing is written on a missing order.
     */
    async advance({ ctx, order, snapshot }, settings, state, refunds, trusted) {
      const { economic, mapping } = orderSystems(deps.clients, ctx);
      if (snapshot.cancelled) return deleteDraft(deps, ctx, snapshot, state.draft);
      // The payment term's type decides whether a dueDate is mandatory.
      const { paymentTerms } = await deps.catalogs.get(ctx.connectionId, economic);
      const document = documentBody(deps, ctx, order, mapping, paymentTerms, refunds);
      if ('hold' in document) return { snapshot, state, did: 'refund lines', hold: document.hold };
      const { body } = document;
      const revision = revisionWithRefunds(snapshot.revision, refunds);
      const reference = orderReference(ctx.connectionId, ctx.orderNumber);
      const known = readKnownDraftOnly(trusted, Context.current().info.attempt) ? await confirmDraft(economic, state.draft, reference) : undefined;
      const from = known ?? nextInvoicingStep(await findInvoicingProgress(economic, reference));
      const step = decideDraftStep({ draft: state.draft, draftRevision: state.revision, revision, from, reached: reachedTrigger(snapshot, settings) });
      const did: string[] = [];
      let current: DraftState = state;
      if (step.update && step.draftNumber !== undefined) {
        const prepared = await prepareOrder(deps, ctx, settings, order);
        if ('hold' in prepared) return { snapshot, state, did: 'preflight of the changed order', hold: prepared.hold };
        did.push(...prepared.did);
        const updateKey = key(ctx, `update-${state.draft.type}-${shortHash(revision)}`);
        if (state.draft.type === 'order') await economic.replaceDraftOrder(step.draftNumber, body(), updateKey);
        else await economic.replaceDraftInvoice(step.draftNumber, body(), updateKey);
        current = { phase: 'draft', draft: { type: state.draft.type, number: step.draftNumber }, revision };
        did.push(`e-conomic draft ${state.draft.type} ${step.draftNumber} updated`);
      }
      if (step.then === 'wait') return { snapshot, state: current, did: did.join('; ') || 'no change' };
      const result = await invoiceOrder({ ctx, economic, settings, body, key: (name) => key(ctx, name), from });
      return { snapshot, state: result.state ?? current, did: [...did, ...result.did].join('; '), ...(result.hold ? { hold: result.hold } : {}) };
    },

    /** `draftInvoiceNumber` is what the workflow last knew; the lookup by reference decides. */
    async book({ ctx, order, snapshot }, settings, draftInvoiceNumber, refunds) {
      const { economic, mapping } = orderSystems(deps.clients, ctx);
      // The payment term's type decides whether a dueDate is mandatory.
      const { paymentTerms } = await deps.catalogs.get(ctx.connectionId, economic);
      const document = documentBody(deps, ctx, order, mapping, paymentTerms, refunds);
      if ('hold' in document) return { snapshot, state: { phase: 'invoiced', draftInvoiceNumber }, did: 'refund lines', hold: document.hold };
      const result = await invoiceOrder({ ctx, economic, settings, body: document.body, key: (name) => key(ctx, name) });
      return { snapshot, state: result.state ?? { phase: 'invoiced', draftInvoiceNumber }, did: result.did.join('; '), ...(result.hold ? { hold: result.hold } : {}) };
    },

    creditCancelled: ({ ctx, snapshot }, bookedInvoiceNumber) => creditBookedInvoice(deps, ctx, snapshot, bookedInvoiceNumber),

    async registerPayment({ ctx, snapshot }, settings, bookedInvoiceNumber, payment) {
      const { economic } = orderSystems(deps.clients, ctx);
      const journalNumber = settings.registerPayment?.journalNumber;
      if (journalNumber === undefined) throw notConfigured('registerPayment is not configured');
      const invoice = await economic.getBookedInvoice(bookedInvoiceNumber);
      const paidBy = payment ? ` (${payment.source} order ${payment.shopOrderId}${payment.gateway ? `, ${payment.gateway}` : ''})` : '';
      const text = `Payment of Rackbeat order ${ctx.orderNumber}${paidBy}`;
      // A retry may follow a voucher whose answer was lost, past the Idempotency-Key's hour: look first.
      // The first attempt cannot have written one, so the happy path costs no extra call.
      const earlier = activityInfo().attempt > 1 ? await findPaymentVoucher(economic, journalNumber, bookedInvoiceNumber, text) : undefined;
      const number = earlier ? earlier.voucherNumber : (await economic.createCustomerPaymentVoucher(journalNumber, mapCustomerPayment(invoice, { date: today(), text }), key(ctx, 'payment'))).value[0]?.voucherNumber;
      return { snapshot, state: { phase: 'booked', bookedInvoiceNumber, paymentRegistered: true }, did: `payment of ${invoice.grossAmount} ${invoice.currency} ${earlier ? 'was already entered' : 'entered'} in journal ${journalNumber}${number ? ` (voucher ${number})` : ''} for the bookkeeper to book` };
    },

    creditRefund: (read, settings, booked, refund) => creditRefund(deps, read, settings, booked, refund),
  };
}
