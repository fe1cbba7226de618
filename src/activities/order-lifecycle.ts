import { activityInfo, ApplicationFailure, Context, log } from '@temporalio/activity';
import type { OrderSettings } from '../config';
import type { EconomicClient, SalesDocumentInput } from '../connectors/economic';
import { AuthError, NotFoundError } from '../connectors/http';
import type { RackbeatClient, RackbeatOrder } from '../connectors/rackbeat';
import {
  creditNoteReference,
  documentRevision,
  holdReasons,
  type EconomicMapping,
  type InvoicingStep,
  mapCreditNote,
  mapCustomerPayment,
  mapSalesDocument,
  nextInvoicingStep,
  orderReference,
  preflightOrder,
} from '../domain/economic';
import { webshopRefFromHeading } from '../domain/webshop/source-ref';
import type { ClientRegistry } from './clients';
import type { CatalogCache } from './economic-catalog';
import { translated } from './failure';
import { type MasterDataSync, shortHash } from './master-data';
import { invoiceOrder } from './order-invoicing';
import { findBookedInvoice, findDraftInvoice, findDraftOrder, findInvoicingProgress, findPaymentVoucher } from './order-lookup';
import type { WebshopPayment } from '../workflows/order/contract';
import type { ShopRefund } from '../domain/webshop/shop-refund';
import type { PaymentTermsInfo } from '../domain/economic/preflight-checks';
import { draftRefundLines, refundLineSettings, revisionWithRefunds } from './order-refund-lines';
import type { EconomicState, Hold, OrderContext, OrderSnapshot, StepResult } from './order-types';

export interface OrderActivityDeps {
  clients: ClientRegistry;
  catalogs: CatalogCache;
  masterData: MasterDataSync;
}

type BookedState = Extract<EconomicState, { phase: 'booked' }>;
type DraftState = Extract<EconomicState, { phase: 'draft' }>;

/**
 * The order lifecycle's steps. Each re-reads the Rackbeat order (webhooks are thin), writes to
 * e-conomic with an Idempotency-Key derived from the workflow id and the step, and looks up
 * `references.other` before creating whenever an earlier write could exist (a retry, a new run).
 */
export function createOrderActivities(deps: OrderActivityDeps) {
  const systems = (ctx: OrderContext): { rackbeat: RackbeatClient; economic: EconomicClient; mapping: EconomicMapping } => {
    const { rackbeat, economic, connection } = deps.clients.get(ctx.connectionId);
    if (!economic || !connection.economic) {
      throw ApplicationFailure.create({ type: 'NotConfiguredError', nonRetryable: true, message: `connection ${ctx.connectionId} has no e-conomic settings` });
    }
    return { rackbeat, economic, mapping: connection.economic.mapping };
  };
  const today = (): string => new Date().toISOString().slice(0, 10);
  const key = (ctx: OrderContext, step: string): string => `${ctx.workflowId}:${step}`;

  /** Preflight and master data: returns the document type to create, or why the transfer is held. */
  const prepare = async (ctx: OrderContext, settings: OrderSettings, order: RackbeatOrder): Promise<{ documentType: 'order' | 'invoice'; did: string[] } | { hold: Hold }> => {
    const { rackbeat, economic, mapping } = systems(ctx);
    if (!order.customer) return { hold: { code: 'CUSTOMER_MISSING', message: `Rackbeat order ${order.number} has no customer: set one in Rackbeat.` } };
    const catalog = await deps.catalogs.get(ctx.connectionId, economic);
    // A BOM line (`child_type: lot`) is read from /lots, a product line from /products (rackbeat-verified §0.6, §7).
    const items = [...new Map(order.lines.map((l) => [`${l.child_type}:${l.item.number}`, l])).values()];
    const unknownType = items.find((l) => l.child_type !== 'product' && l.child_type !== 'lot');
    if (unknownType) return { hold: holdReasons.lineTypeUnsupported(order.number, unknownType.item.number, unknownType.child_type) };
    const [customer, ...products] = await Promise.all([rackbeat.getCustomer(order.customer.number), ...items.map((l) => rackbeat.getLineItem(l))]);
    const preflight = preflightOrder({ order, customer, products, catalog, mapping, documentType: settings.documentType, sendBy: settings.sendBy });
    if (!preflight.ok) return { hold: preflight.hold };
    const did = [...preflight.notes];
    const customerDid = await deps.masterData.ensureCustomer(ctx.connectionId, economic, customer, mapping, order.payment_terms?.number);
    if (customerDid) did.push(customerDid);
    for (const product of products) {
      const productDid = await deps.masterData.ensureProduct(ctx.connectionId, economic, product, mapping);
      if (productDid) did.push(productDid);
    }
    return { documentType: preflight.documentType, did };
  };

  /**
   * The document body for the order, with the lines that take the shop's refunds off it (refunds
   * that arrived before invoicing), or why those lines cannot be made.
   */
  const documentBody = (ctx: OrderContext, order: RackbeatOrder, mapping: EconomicMapping, paymentTerms: readonly PaymentTermsInfo[] | undefined, refunds: readonly ShopRefund[] | undefined): { body: () => SalesDocumentInput } | { hold: Hold } => {
    const base = (): SalesDocumentInput => mapSalesDocument(order, { connectionId: ctx.connectionId, date: today(), mapping, paymentTerms });
    if (!refunds || refunds.length === 0) return { body: base };
    const extra = draftRefundLines(refunds, refundLineSettings(deps.clients, ctx.connectionId), order.lines.length + 1);
    if ('hold' in extra) return { hold: extra.hold };
    return {
      body: () => {
        const mapped = base();
        return { ...mapped, lines: [...(mapped.lines ?? []), ...extra.lines] };
      },
    };
  };

  /** A credit note for a booked invoice whose Rackbeat order was cancelled; at most one. */
  const credit = async (ctx: OrderContext, snapshot: OrderSnapshot, bookedInvoiceNumber: number): Promise<StepResult> => {
    const { economic } = systems(ctx);
    const reference = creditNoteReference(ctx.connectionId, ctx.orderNumber);
    const existing = await findBookedInvoice(economic, reference);
    if (existing) return { snapshot, state: { phase: 'credited', bookedInvoiceNumber, creditNoteNumber: existing.bookedInvoiceNumber }, did: `credit note ${existing.bookedInvoiceNumber} already booked` };
    let draftNumber = (await findDraftInvoice(economic, reference))?.draftInvoiceNumber;
    if (draftNumber === undefined) {
      const booked = await economic.getBookedInvoice(bookedInvoiceNumber);
      const body = mapCreditNote(booked, { connectionId: ctx.connectionId, rackbeatOrderNumber: ctx.orderNumber, date: today() });
      draftNumber = (await economic.createDraftInvoice(body, key(ctx, 'credit-note-draft'))).value.draftInvoiceNumber;
    }
    const creditNote = await economic.bookInvoice({ draftInvoiceNumber: draftNumber }, key(ctx, 'credit-note-book'));
    return { snapshot, state: { phase: 'credited', bookedInvoiceNumber, creditNoteNumber: creditNote.value.bookedInvoiceNumber }, did: `credit note ${creditNote.value.bookedInvoiceNumber} booked for invoice ${bookedInvoiceNumber}` };
  };

  const deleteDraft = async (ctx: OrderContext, snapshot: OrderSnapshot, draft: DraftState['draft']): Promise<StepResult> => {
    const { economic } = systems(ctx);
    try {
      if (draft.type === 'order') await economic.deleteDraftOrder(draft.number, key(ctx, `delete-order-${draft.number}`));
      else await economic.deleteDraftInvoice(draft.number, key(ctx, `delete-invoice-${draft.number}`));
    } catch (err) {
      // Already gone: an earlier attempt deleted it, or someone did in e-conomic.
      if (!(err instanceof NotFoundError)) throw err;
    }
    return { snapshot, state: { phase: 'deleted' }, did: `e-conomic draft ${draft.type} ${draft.number} deleted` };
  };

  return {
    /**
     * Reads the order and finds what e-conomic already has for it by reference; when it is booked
     * and nothing exists, preflight, master data and the draft order or draft invoice, in one step.
     */
    async reconcileOrder(ctx: OrderContext, settings: OrderSettings, refunds?: ShopRefund[]): Promise<StepResult> {
      return translated(async () => {
        const { rackbeat, economic, mapping } = systems(ctx);
        const order = await rackbeat.getOrder(ctx.orderNumber);
        const snapshot = snapshotOf(order);
        if (!snapshot.booked && !snapshot.cancelled) return { snapshot, state: { phase: 'none' }, did: `order is ${snapshot.summary}: waiting for booking` };
        const reference = orderReference(ctx.connectionId, ctx.orderNumber);
        const reached = settings.invoiceWhen === 'booked' ? snapshot.booked : snapshot.shipped;
        // An order not yet at its trigger can only have a draft; otherwise look everywhere.
        if (reached || snapshot.cancelled) {
          const booked = await findBookedInvoice(economic, reference);
          if (booked) {
            if (snapshot.cancelled) return credit(ctx, snapshot, booked.bookedInvoiceNumber);
            return { snapshot, state: { phase: 'booked', bookedInvoiceNumber: booked.bookedInvoiceNumber, paymentRegistered: true }, did: `invoice ${booked.bookedInvoiceNumber} was already booked (its payment is not registered again)` };
          }
        }
        // Before the trigger only a draft of the type in use can exist (an order falls back to an invoice on inventory-module agreements).
        const catalog = await deps.catalogs.get(ctx.connectionId, economic);
        const draftType = settings.documentType === 'order' && !catalog.hasInventoryModule ? 'order' : 'invoice';
        const draftInvoice = draftType === 'invoice' || reached || snapshot.cancelled ? await findDraftInvoice(economic, reference) : undefined;
        const draftOrder = draftInvoice || (draftType === 'invoice' && !reached && !snapshot.cancelled) ? undefined : await findDraftOrder(economic, reference);
        const draft = draftInvoice ? { type: 'invoice' as const, number: draftInvoice.draftInvoiceNumber } : draftOrder === undefined ? undefined : { type: 'order' as const, number: draftOrder };
        if (snapshot.cancelled) {
          if (draft) return deleteDraft(ctx, snapshot, draft);
          return { snapshot, state: { phase: 'none' }, did: 'order cancelled before it reached e-conomic' };
        }
        if (draft) return { snapshot, state: { phase: 'draft', draft, revision: '' }, did: `found e-conomic draft ${draft.type} ${draft.number}` };
        const prepared = await prepare(ctx, settings, order);
        if ('hold' in prepared) return { snapshot, state: { phase: 'none' }, did: 'preflight', hold: prepared.hold };
        // Nothing was found just now: this create is the first for the order (its key covers a lost response).
        const { documentType } = prepared;
        const document = documentBody(ctx, order, mapping, catalog.paymentTerms, refunds);
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
      });
    },

    /**
     * Keeps the draft in step with the Rackbeat order: update, delete on cancel, invoice at the
     * trigger. It starts from the lookup by reference, not from `state`: an earlier attempt whose
     * answer was lost (or whose worker died) may have registered, upgraded or booked already.
     * Only the first attempt of a step whose `state` the workflow calls `trusted` (the transfer's
     * last step succeeded and nothing has held it since) reads the one draft it knows instead of
     * the five lookups: no attempt before it can have written; a draft gone from e-conomic (deleted
     * by hand) sends it to the full lookup, so nothing is written on a missing order.
     */
    async advanceDraft(ctx: OrderContext, settings: OrderSettings, state: DraftState, refunds?: ShopRefund[], trusted?: boolean): Promise<StepResult> {
      return translated(async () => {
        const { rackbeat, economic, mapping } = systems(ctx);
        const order = await rackbeat.getOrder(ctx.orderNumber);
        const snapshot = snapshotOf(order);
        if (snapshot.cancelled) return deleteDraft(ctx, snapshot, state.draft);
        // The payment term's type decides whether a dueDate is mandatory.
        const { paymentTerms } = await deps.catalogs.get(ctx.connectionId, economic);
        const document = documentBody(ctx, order, mapping, paymentTerms, refunds);
        if ('hold' in document) return { snapshot, state, did: 'refund lines', hold: document.hold };
        const { body } = document;
        const revision = revisionWithRefunds(snapshot.revision, refunds);
        const reference = orderReference(ctx.connectionId, ctx.orderNumber);
        const known = trusted === true && Context.current().info.attempt === 1 ? await confirmDraft(economic, state.draft, reference) : undefined;
        const from = known ?? nextInvoicingStep(await findInvoicingProgress(economic, reference));
        const draftNumber = from.step === 'register-sent' && state.draft.type === 'order' ? from.orderNumber : from.step === 'book' && state.draft.type === 'invoice' ? from.draftInvoiceNumber : undefined;
        const did: string[] = [];
        let current: DraftState = state;
        if (draftNumber !== undefined && revision !== state.revision) {
          const prepared = await prepare(ctx, settings, order);
          if ('hold' in prepared) return { snapshot, state, did: 'preflight of the changed order', hold: prepared.hold };
          did.push(...prepared.did);
          const updateKey = key(ctx, `update-${state.draft.type}-${shortHash(revision)}`);
          if (state.draft.type === 'order') await economic.replaceDraftOrder(draftNumber, body(), updateKey);
          else await economic.replaceDraftInvoice(draftNumber, body(), updateKey);
          current = { phase: 'draft', draft: { type: state.draft.type, number: draftNumber }, revision };
          did.push(`e-conomic draft ${state.draft.type} ${draftNumber} updated`);
        }
        const reached = settings.invoiceWhen === 'booked' ? snapshot.booked : snapshot.shipped;
        // Still a draft before the trigger: wait. Anything further along means an earlier attempt passed the trigger.
        if (!reached && draftNumber !== undefined) return { snapshot, state: current, did: did.join('; ') || 'no change' };
        const result = await invoiceOrder({ ctx, economic, settings, body, key: (step) => key(ctx, step), from });
        return { snapshot, state: result.state ?? current, did: [...did, ...result.did].join('; '), ...(result.hold ? { hold: result.hold } : {}) };
      });
    },

    /**
     * Books the order's draft invoice after a held booking (or one left as a draft by an earlier
     * step). `draftInvoiceNumber` is what the workflow last knew; the lookup by reference decides.
     */
    async bookInvoice(ctx: OrderContext, settings: OrderSettings, draftInvoiceNumber: number, refunds?: ShopRefund[]): Promise<StepResult> {
      return translated(async () => {
        const { rackbeat, economic, mapping } = systems(ctx);
        const order = await rackbeat.getOrder(ctx.orderNumber);
        const snapshot = snapshotOf(order);
        // The payment term's type decides whether a dueDate is mandatory.
        const { paymentTerms } = await deps.catalogs.get(ctx.connectionId, economic);
        const document = documentBody(ctx, order, mapping, paymentTerms, refunds);
        if ('hold' in document) return { snapshot, state: { phase: 'invoiced', draftInvoiceNumber }, did: 'refund lines', hold: document.hold };
        const result = await invoiceOrder({ ctx, economic, settings, body: document.body, key: (step) => key(ctx, step) });
        return { snapshot, state: result.state ?? { phase: 'invoiced', draftInvoiceNumber }, did: result.did.join('; '), ...(result.hold ? { hold: result.hold } : {}) };
      });
    },

    /** After booking: reads the order; a cancellation is credited. */
    async checkBooked(ctx: OrderContext, _settings: OrderSettings, state: BookedState): Promise<StepResult> {
      return translated(async () => {
        const { rackbeat } = systems(ctx);
        const snapshot = snapshotOf(await rackbeat.getOrder(ctx.orderNumber));
        if (snapshot.cancelled) return credit(ctx, snapshot, state.bookedInvoiceNumber);
        return { snapshot, state, did: `order is ${snapshot.summary}` };
      });
    },

    /** `payment` is the shop's, carried by the webshop transfer's signal; absent only in transfers started before. */
    async registerPayment(ctx: OrderContext, settings: OrderSettings, bookedInvoiceNumber: number, payment?: WebshopPayment): Promise<StepResult> {
      return translated(async () => {
        const { rackbeat, economic } = systems(ctx);
        const journalNumber = settings.registerPayment?.journalNumber;
        if (journalNumber === undefined) throw ApplicationFailure.create({ type: 'NotConfiguredError', nonRetryable: true, message: 'registerPayment is not configured' });
        const snapshot = snapshotOf(await rackbeat.getOrder(ctx.orderNumber));
        const invoice = await economic.getBookedInvoice(bookedInvoiceNumber);
        const paidBy = payment ? ` (${payment.source} order ${payment.shopOrderId}${payment.gateway ? `, ${payment.gateway}` : ''})` : '';
        const text = `Payment of Rackbeat order ${ctx.orderNumber}${paidBy}`;
        // A retry may follow a voucher whose answer was lost, past the Idempotency-Key's hour: look first.
        // The first attempt cannot have written one, so the happy path costs no extra call.
        const earlier = activityInfo().attempt > 1 ? await findPaymentVoucher(economic, journalNumber, bookedInvoiceNumber, text) : undefined;
        const number = earlier ? earlier.voucherNumber : (await economic.createCustomerPaymentVoucher(journalNumber, mapCustomerPayment(invoice, { date: today(), text }), key(ctx, 'payment'))).value[0]?.voucherNumber;
        return { snapshot, state: { phase: 'booked', bookedInvoiceNumber, paymentRegistered: true }, did: `payment of ${invoice.grossAmount} ${invoice.currency} ${earlier ? 'was already entered' : 'entered'} in journal ${journalNumber}${number ? ` (voucher ${number})` : ''} for the bookkeeper to book` };
      });
    },
  };

}

export function snapshotOf(order: RackbeatOrder): OrderSnapshot {
  const flags = { booked: order.is_booked, shipped: order.is_shipped, cancelled: order.is_cancelled };
  const set = Object.entries(flags).filter(([, v]) => v).map(([k]) => k);
  const webshop = webshopRefFromHeading(order.heading);
  return { ...flags, revision: documentRevision(order), summary: set.length ? set.join(', ') : 'not booked', ...(webshop ? { webshop } : {}), ...(order.updated_at ? { updatedAt: order.updated_at } : {}) };
}

/**
 * The draft the workflow knows, read by number: still a draft with the order's reference → the
 * next invoicing step; gone (404) or someone else's → undefined, and the caller looks up by reference.
 */
async function confirmDraft(economic: EconomicClient, draft: DraftState['draft'], reference: string): Promise<InvoicingStep | undefined> {
  try {
    const document = draft.type === 'order' ? await economic.getOrder('drafts', draft.number) : await economic.getDraftInvoice(draft.number);
    if (document.references?.other !== reference) return undefined;
    return draft.type === 'order' ? { step: 'register-sent', orderNumber: draft.number } : { step: 'book', draftInvoiceNumber: draft.number };
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** A 403 on an order write: when the agreement has the inventory module, say so precisely. */
async function refusedForInventoryModule(connectionId: string, economic: EconomicClient, catalogs: CatalogCache): Promise<void> {
  catalogs.forget(connectionId);
  const catalog = await catalogs.get(connectionId, economic);
  if (catalog.hasInventoryModule) {
    log.warn('e-conomic refused an order write: the agreement has the inventory module', { connectionId });
    throw ApplicationFailure.create({ type: 'InventoryModuleError', nonRetryable: true, message: 'the e-conomic agreement has the inventory module, which refuses order writes', details: [{ system: 'economic' }] });
  }
}
