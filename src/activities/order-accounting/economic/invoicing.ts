import type { OrderSettings } from '../../../config';
import type { EconomicClient, SalesDocumentInput } from '../../../connectors/economic';
import { NotFoundError, RejectedRequestError } from '../../../connectors/http';
import { economicSendBy, holdFromEconomicRejection, holdReasons, type InvoicingStep, nextInvoicingStep, orderReference, sameInvoicingStep } from '../../../domain/economic';
import { findInvoicingProgress } from './lookup';
import type { EconomicState, Hold, OrderContext } from '../../order-types';

export interface InvoicingInput {
  ctx: OrderContext;
  economic: EconomicClient;
  settings: OrderSettings;
  /** The current mapping of the Rackbeat order, sent when the e-conomic order is registered as sent. */
  body: () => SalesDocumentInput;
  /** The Idempotency-Key of a step. */
  key: (step: string) => string;
  /** Where the lookup by reference left off, when the caller just made it. */
  from?: InvoicingStep;
}

export interface InvoicingOutcome {
  /** Absent with a hold: the caller keeps its state. */
  state?: EconomicState;
  did: string[];
  hold?: Hold;
}

/** Enough for every stage once (register, upgrade, book) plus a lookup after each refused write. */
const MAX_STEPS = 8;

/**
 * Takes the order's e-conomic documents from wherever they stand to a booked invoice (or a draft
 * invoice when `bookInvoice` is off). Each step starts from the lookup by `references.other`; a
 * write refused with 404 or 4xx is followed by a fresh lookup, because the refusal usually means an
 * earlier attempt whose answer was lost already did it (booking consumes the draft; upgrading
 * archives the order). Only when the same step comes back is the refusal taken as real.
 */
export async function invoiceOrder(input: InvoicingInput): Promise<InvoicingOutcome> {
  const { ctx, economic, settings, key } = input;
  const reference = orderReference(ctx.connectionId, ctx.orderNumber);
  const lookup = async (): Promise<InvoicingStep> => nextInvoicingStep(await findInvoicingProgress(economic, reference));
  const did: string[] = [];
  let next = input.from ?? (await lookup());
  /** After a refused write: the next stage if an earlier attempt got there, else the refusal itself. */
  const afterRefusal = async (err: unknown): Promise<InvoicingStep> => {
    if (!(err instanceof NotFoundError || err instanceof RejectedRequestError)) throw err;
    const found = await lookup();
    if (sameInvoicingStep(found, next)) throw err;
    return found;
  };

  for (let i = 0; i < MAX_STEPS; i++) {
    switch (next.step) {
      case 'done':
        return { state: { phase: 'booked', bookedInvoiceNumber: next.bookedInvoiceNumber, paymentRegistered: false }, did: [...did, `invoice ${next.bookedInvoiceNumber} is booked`] };
      case 'missing':
        return { did, hold: holdReasons.economicDocumentMissing(ctx.orderNumber, reference, next.archivedOrderNumber) };
      case 'register-sent': {
        const orderNumber = next.orderNumber;
        // Registered as sent first so e-conomic archives the order when it is upgraded (reference §11.5).
        try {
          await economic.registerOrderAsSent(orderNumber, input.body(), key('register-sent'));
          next = { step: 'upgrade', orderNumber };
        } catch (err) {
          next = await afterRefusal(err);
        }
        break;
      }
      case 'upgrade': {
        const orderNumber = next.orderNumber;
        try {
          const template = await economic.getUpgradeInstructions(orderNumber, 'sent');
          const { metaData: _ignored, ...draftInvoice } = template.draftInvoice as typeof template.draftInvoice & { metaData?: unknown };
          const created = (await economic.createDraftInvoice(draftInvoice, key('invoice'))).value.draftInvoiceNumber;
          did.push(`order ${orderNumber} turned into draft invoice ${created}`);
          next = { step: 'book', draftInvoiceNumber: created };
        } catch (err) {
          next = await afterRefusal(err);
        }
        break;
      }
      case 'book': {
        const { draftInvoiceNumber } = next;
        if (!settings.bookInvoice) return { state: { phase: 'invoiced', draftInvoiceNumber }, did: [...did, `draft invoice ${draftInvoiceNumber} ready`] };
        const sendBy = economicSendBy(settings.sendBy);
        try {
          const result = await economic.bookInvoice({ draftInvoiceNumber, ...(sendBy ? { sendBy } : {}) }, key('book'));
          const n = result.value.bookedInvoiceNumber;
          return { state: { phase: 'booked', bookedInvoiceNumber: n, paymentRegistered: false }, did: [...did, `invoice ${n} ${sendBy ? `booked and sent by ${sendBy}` : 'booked'}`] };
        } catch (err) {
          try {
            next = await afterRefusal(err);
          } catch (refused) {
            // A real refusal to book holds with the draft invoice kept (phase `invoiced`), to be booked by a retry.
            if (!(refused instanceof RejectedRequestError)) throw refused;
            const hold = holdFromEconomicRejection({ step: `the invoice for Rackbeat order ${ctx.orderNumber}`, message: refused.message, issues: refused.issues });
            return { state: { phase: 'invoiced', draftInvoiceNumber }, did, hold };
          }
        }
        break;
      }
    }
  }
  throw new Error(`invoicing Rackbeat order ${ctx.orderNumber} did not settle after ${MAX_STEPS} steps`);
}
