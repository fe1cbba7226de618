import type { EconomicState } from '../../activities/order-types';
import { IRRELEVANT_CHANGES, isIrrelevantUpdate } from '../../domain/rackbeat/order-changes';
import type { OrderEvent } from './contract';


/**
 * Whether a batch of events can change anything for a transfer in this state. Pure.
 * A new order is a draft until booked: `order.created` alone does not need a read. Rackbeat
 * attests no booking event, so an order created booked is found by the poller (`order.polled`).
 */
export function eventsNeedWork(events: OrderEvent[], state: EconomicState, held: boolean): boolean {
  if (held) return true;
  return events.some((event) => {
    if (event.event === 'order.created') return state.phase !== 'none';
    if (event.event !== 'order.updated' || !event.changed || event.changed.length === 0) return true;
    if (isIrrelevantUpdate(event)) return false;
    return event.changed.some((key) => !IRRELEVANT_CHANGES.has(key) && (key !== 'is_paid' || state.phase === 'booked'));
  });
}

/** `TargetRefs`: the e-conomic documents this transfer made, e.g. `economic:order:12`. */
export function targetRefs(state: EconomicState, history: string[]): string[] {
  const refs = new Set(history);
  switch (state.phase) {
    case 'draft':
      refs.add(`economic:${state.draft.type === 'order' ? 'order' : 'draft-invoice'}:${state.draft.number}`);
      break;
    case 'invoiced':
      refs.add(`economic:draft-invoice:${state.draftInvoiceNumber}`);
      break;
    case 'booked':
      refs.add(`economic:invoice:${state.bookedInvoiceNumber}`);
      break;
    case 'credited':
      refs.add(`economic:invoice:${state.bookedInvoiceNumber}`);
      refs.add(`economic:credit-note:${state.creditNoteNumber}`);
      break;
    default:
  }
  return [...refs];
}
