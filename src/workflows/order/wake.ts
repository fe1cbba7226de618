import type { EconomicState } from '../../activities/order-types';
import type { OrderEvent } from './contract';

/**
 * Order keys whose change cannot alter the e-conomic document or the next step. Rackbeat sends
 * `order.updated` for them (a shipment created, a partial shipment, …); acting on them would
 * cost an activity and change nothing.
 */
const IRRELEVANT_CHANGES = new Set(['shipments', 'is_partly_shipped', 'is_ready_for_shipping', 'is_ready_for_invoicing', 'is_archived', 'is_invoiced', 'is_partly_invoiced']);

/** Whether a batch of events can change anything for a transfer in this state. Pure. */
export function eventsNeedWork(events: OrderEvent[], state: EconomicState, held: boolean): boolean {
  if (held) return true;
  return events.some((event) => {
    if (event.event !== 'order.updated' || !event.changed || event.changed.length === 0) return true;
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
