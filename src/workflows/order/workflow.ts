import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { EconomicState, Hold, OrderContext, OrderSnapshot, StepResult } from '../../activities/order-types';
import { hasPatch } from '../common/patches';
import { TransferLoop } from '../common/transfer-loop';
import type { TransferStep } from '../common/transfer-status';
import type { ShopRefund } from '../../domain/webshop/shop-refund';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, type WebshopPayment } from './contract';
import { holdFromFailure } from './holds';
import { eventsNeedWork, targetRefs } from './wake';
import { TRANSFER_RETRY } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

/** Business rejections fail at once; everything else (429, 5xx, network, lost responses) retries for as long as it takes. */
const steps = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // Slow steps heartbeat (activities/failure.ts): a worker that dies mid-step is noticed this fast.
  heartbeatTimeout: '15 seconds',
  retry: TRANSFER_RETRY,
});

/** What a finished transfer read last: the poller skips changes it has already seen. */
export interface OrderLifecycleResult {
  /** Rackbeat's `updated_at` of the order at the last read. */
  sourceUpdatedAt?: string;
}

/** Carried across continue-as-new. */
export interface OrderLifecycleCarry {
  seenDeliveries: string[];
  state: EconomicState;
  steps: TransferStep[];
  /** The shop order was marked fulfilled (webshop orders only). */
  fulfilled?: boolean;
  /** The shop's payment, from the webshop transfer's `webshop.booked` signal. */
  payment?: WebshopPayment;
  /** Shop refunds received (`webshop.refunded`), and those whose credit step is done. */
  refunds?: ShopRefund[];
  creditedRefunds?: string[];
  /** The last step succeeded and nothing held since: the state is what e-conomic has. */
  lastStepOk?: boolean;
}

/**
 * Payments come from the webshop's signal instead of a Rackbeat `is_paid` flag (none is
 * attested); an order made in Rackbeat itself has no payment to register. Histories recorded
 * before this keep reading the flag from the recorded step results.
 */
const PAYMENT_FROM_WEBSHOP = 'payment-from-webshop' as const;

/**
 * Shop refunds after booking become credit notes (docs/refunds.md). Only transfers that receive a
 * `webshop.refunded` signal reach this branch, so recorded histories never meet it.
 */
const REFUND_CREDIT_NOTES = 'refund-credit-notes' as const;
/**
 * Search attributes change only when the transfer is held, done or cancelled (one billed action
 * less per order). Transfers started with the older `searchAttributeUpserts: 'settled'` input keep
 * it; those started before either upsert every change, so their histories replay.
 */
const SETTLED_SEARCH_ATTRIBUTES = 'settled-search-attributes' as const;

const refundKey = (refund: ShopRefund): string => `${refund.source}:${refund.id}`;

/**
 * F2: one workflow per Rackbeat order. Every Rackbeat order event wakes it; the order is re-read
 * and its flags decide the next step: on booking the e-conomic draft (order or invoice), changes
 * update it, cancelling deletes it, the trigger state (`invoiceWhen`) turns it into a draft
 * invoice that is booked, a paid shop order gets its payment (from the webshop transfer's signal)
 * registered, and a cancellation after
 * booking is credited. Business problems hold the transfer until a change or a retry.
 */
export async function orderLifecycle(input: OrderLifecycleInput, carry?: OrderLifecycleCarry): Promise<OrderLifecycleResult> {
  const { workflowId } = workflowInfo();
  const { settings } = input;
  const ctx: OrderContext = { connectionId: input.connectionId, orderNumber: input.orderNumber, workflowId };
  let payment: WebshopPayment | undefined = carry?.payment;
  const refunds: ShopRefund[] = [...(carry?.refunds ?? [])];
  const credited = new Set(carry?.creditedRefunds ?? []);
  const loop = new TransferLoop<OrderEvent>({
    connectionId: input.connectionId,
    flow: ORDER_FLOW,
    sourceRef: `rackbeat:order:${input.orderNumber}`,
    input,
    eventSignal: orderEventSignal,
    arrivalStep: (event) => ({ name: `received ${event.event}`, at: event.receivedAt, result: 'ok', ...(event.changed?.length ? { detail: `changed: ${event.changed.join(', ')}` } : {}) }),
    onEvent: (event) => {
      if (event.payment) payment = event.payment;
      const refund = event.refund;
      if (refund && !refunds.some((r) => refundKey(r) === refundKey(refund))) refunds.push(refund);
    },
    settledSearchAttributes: input.searchAttributeUpserts === 'settled' || hasPatch(input, SETTLED_SEARCH_ATTRIBUTES),
    notifyContext: ctx,
    seen: carry?.seenDeliveries,
    steps: carry?.steps,
  });
  const { status } = loop;
  let state: EconomicState = carry?.state ?? { phase: 'none' };
  let snapshot: OrderSnapshot | undefined;
  const refsHistory: string[] = [];
  /** Whether `state` came from a step that succeeded with no hold since (a fresh run's first step always looks up). */
  let lastStepOk = carry?.lastStepOk === true;

  /** Passed to the steps that write the draft, so the refunds come off it; nothing when there are none (as before refunds). */
  const refundArgs = (): [] | [ShopRefund[]] => (refunds.length > 0 ? [[...refunds]] : []);
  /** Refunds a booked invoice still owes a credit step for. */
  const refundsDue = (): ShopRefund[] => (state.phase === 'booked' ? refunds.filter((r) => !credited.has(refundKey(r))) : []);

  const now = (): string => new Date().toISOString();
  const show = (): void => {
    const refs = targetRefs(state, refsHistory);
    refsHistory.splice(0, refsHistory.length, ...refs);
    loop.show(refs);
  };
  const holdOn = (reason: Hold): Promise<void> => {
    lastStepOk = false;
    return loop.holdOn(reason);
  };

  /** Runs one step; a business failure becomes a hold instead of failing the workflow. */
  const run = async (name: string, step: () => Promise<StepResult>): Promise<boolean> => {
    await loop.pass(show);
    const at = now();
    try {
      const result = await step();
      snapshot = result.snapshot;
      state = result.state;
      if (!result.hold) loop.clearHold();
      if (result.hold) {
        status.step({ name, at, result: 'held', error: result.hold.code, detail: result.did });
        await holdOn(result.hold);
        return false;
      }
      status.step({ name, at, result: 'ok', detail: result.did });
      lastStepOk = true;
      return true;
    } catch (err) {
      const reason = holdFromFailure(err, name, input);
      status.step({ name, at, result: 'held', error: reason.code });
      await holdOn(reason);
      return false;
    }
  };

  let fulfilled = carry?.fulfilled ?? false;
  /** A shipped order that came from a webshop still owes the shop its fulfilment. */
  const owesFulfilment = (): boolean => !fulfilled && snapshot?.webshop !== undefined && snapshot.shipped && !snapshot.cancelled;
  /** Marks the shop order fulfilled once the Rackbeat order shipped; a failure holds the transfer. */
  const reportFulfilment = async (): Promise<void> => {
    const shop = snapshot?.webshop;
    if (!owesFulfilment() || !shop) return;
    await loop.pass(show);
    const at = now();
    // Not DONE while the shop still waits: a status read in between must not look finished.
    const before = status.snapshot();
    status.moveTo('PROCESSING', 'marking the shop order fulfilled');
    try {
      const did = await steps.fulfilWebshopOrder({ connectionId: input.connectionId }, shop);
      fulfilled = true;
      status.step({ name: 'mark shop order fulfilled', at, result: 'ok', detail: did });
      status.moveTo(before.stage, before.nextStep);
    } catch (err) {
      const reason = holdFromFailure(err, 'mark the shop order fulfilled', input);
      status.step({ name: 'mark shop order fulfilled', at, result: 'held', error: reason.code });
      await holdOn(reason);
    }
  };

  const trigger = (s: OrderSnapshot): boolean => (settings.invoiceWhen === 'booked' ? s.booked : s.shipped);

  /** Takes every step the order's state allows; returns true when the transfer is finished. */
  const advance = async (): Promise<boolean> => {
    let fresh = false;
    for (;;) {
      switch (state.phase) {
        case 'none': {
          if (fresh) return waitFor('waiting for the order to be booked in Rackbeat');
          if (!(await run('push to e-conomic', () => steps.reconcileOrder(ctx, settings, ...refundArgs())))) return false;
          fresh = true;
          if (state.phase === 'none' && snapshot?.cancelled) {
            status.moveTo('CANCELLED', 'nothing: the order was cancelled in Rackbeat before it reached e-conomic');
            return true;
          }
          break;
        }
        case 'draft': {
          if (fresh && snapshot && !trigger(snapshot) && !snapshot.cancelled) return waitFor(`waiting for the order to be ${settings.invoiceWhen} in Rackbeat`);
          const current = state;
          // The last step succeeded and nothing held since: `current` is what e-conomic has (the step may skip its lookups).
          const trusted = lastStepOk && loop.hold === undefined;
          const ok = await run('advance e-conomic draft', () => steps.advanceDraft(ctx, settings, current, refunds.length > 0 ? [...refunds] : undefined, trusted));
          fresh = true;
          if (!ok) return false;
          if (state.phase === 'draft') return waitFor(`waiting for the order to be ${settings.invoiceWhen} in Rackbeat`);
          break;
        }
        case 'invoiced': {
          if (!settings.bookInvoice) {
            status.moveTo('DONE', 'nothing: the draft invoice waits in e-conomic for the bookkeeper (bookInvoice is off)');
            return true;
          }
          const draftInvoiceNumber = state.draftInvoiceNumber;
          if (!(await run('book e-conomic invoice', () => steps.bookInvoice(ctx, settings, draftInvoiceNumber, ...refundArgs())))) return false;
          fresh = true;
          break;
        }
        case 'booked': {
          const booked = state;
          const due = refundsDue();
          if (due.length > 0 && hasPatch(input, REFUND_CREDIT_NOTES)) {
            for (const refund of due) {
              if (!(await run(`credit ${refund.source} refund ${refund.id}`, () => steps.creditRefund(ctx, settings, booked, refund)))) return false;
              credited.add(refundKey(refund));
            }
            fresh = true;
            break;
          }
          const wantsPayment = settings.registerPayment !== undefined && !booked.paymentRegistered;
          if (!wantsPayment) {
            status.moveTo('DONE', 'nothing: the invoice is booked in e-conomic');
            return true;
          }
          if (!fresh) {
            if (!(await run('check Rackbeat order', () => steps.checkBooked(ctx, settings, booked)))) return false;
            fresh = true;
            if (state.phase !== 'booked') break;
          }
          if (!hasPatch(input, PAYMENT_FROM_WEBSHOP)) {
            if (!snapshot?.paid) return waitFor('waiting for the order to be marked paid');
            if (!(await run('register payment in e-conomic', () => steps.registerPayment(ctx, settings, booked.bookedInvoiceNumber)))) return false;
            break;
          }
          if (!payment) {
            if (snapshot?.webshop) return waitFor('waiting for the shop order to be paid');
            status.moveTo('DONE', 'nothing: the invoice is booked in e-conomic (an order made in Rackbeat brings no payment to register)');
            return true;
          }
          const paid = payment;
          if (!(await run('register payment in e-conomic', () => steps.registerPayment(ctx, settings, booked.bookedInvoiceNumber, paid)))) return false;
          break;
        }
        case 'deleted':
        case 'credited':
          status.moveTo('CANCELLED', state.phase === 'deleted' ? 'nothing: the e-conomic draft was deleted with the Rackbeat order' : 'nothing: the invoice was credited in e-conomic');
          return true;
      }
    }
  };

  const waitFor = (next: string): false => {
    status.moveTo('WAITING', next);
    return false;
  };

  for (;;) {
    const { events, retried } = await loop.next();
    if (!retried && !eventsNeedWork(events, state, loop.hold !== undefined)) {
      if (state.phase === 'none') status.moveTo(status.stage, 'waiting for the order to be booked in Rackbeat');
      show();
      continue;
    }

    const finished = await advance();
    await reportFulfilment();
    if (finished && !owesFulfilment() && refundsDue().length === 0) {
      show();
      return snapshot?.updatedAt ? { sourceUpdatedAt: snapshot.updatedAt } : {};
    }
    show();

    if (loop.shouldContinueAsNew) {
      await continueAsNew<typeof orderLifecycle>(input, { seenDeliveries: loop.seenDeliveries(), state, steps: status.snapshot().steps, ...(fulfilled ? { fulfilled } : {}), ...(payment ? { payment } : {}), ...(refunds.length ? { refunds, creditedRefunds: [...credited] } : {}), ...(lastStepOk ? { lastStepOk } : {}) });
    }
  }
}
