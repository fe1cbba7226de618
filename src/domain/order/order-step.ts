import { type OrderDecisionSettings, reachedTrigger } from './trigger';
import type { DraftRef, OrderSnapshot } from './types';

/*
 * The first step of an order transfer (`reconcileOrder`): which of the order's e-conomic
 * documents to look up by reference, and what to do with what was found. Pure: the activity
 * reads, asks these, then writes.
 */

/** Whether the order is anywhere e-conomic must know of: booked or cancelled. Otherwise the step only waits. */
export function orderConcernsEconomic(snapshot: Pick<OrderSnapshot, 'booked' | 'cancelled'>): boolean {
  return snapshot.booked || snapshot.cancelled;
}

/** Whether to look for a booked invoice: only once the order is at its trigger or cancelled (before that only a draft can exist). */
export function lookForBookedInvoice(snapshot: Pick<OrderSnapshot, 'booked' | 'shipped' | 'cancelled'>, settings: Pick<OrderDecisionSettings, 'invoiceWhen'>): boolean {
  return reachedTrigger(snapshot, settings) || snapshot.cancelled;
}

/** Which drafts to look up by reference when no booked invoice was found; the draft order only when no draft invoice was. */
export interface DraftLookups {
  draftInvoice: boolean;
  draftOrder: boolean;
}

/**
 * Before the trigger only a draft of the type in use can exist (an order falls back to an invoice
 * on agreements with the inventory module); at the trigger or cancelled, either.
 */
export function draftLookups(snapshot: Pick<OrderSnapshot, 'booked' | 'shipped' | 'cancelled'>, settings: OrderDecisionSettings, hasInventoryModule: boolean): DraftLookups {
  const anyStage = lookForBookedInvoice(snapshot, settings);
  const draftType = draftTypeInUse(settings, hasInventoryModule);
  return { draftInvoice: draftType === 'invoice' || anyStage, draftOrder: draftType === 'order' || anyStage };
}

/** The draft type rackbridge creates for the settings: an order only where the agreement lets it write orders. */
export function draftTypeInUse(settings: Pick<OrderDecisionSettings, 'documentType'>, hasInventoryModule: boolean): DraftRef['type'] {
  return settings.documentType === 'order' && !hasInventoryModule ? 'order' : 'invoice';
}

/** What the lookups by reference found (absent: not looked up, or nothing). */
export interface FoundDocuments {
  bookedInvoiceNumber?: number;
  /** A draft invoice wins over a draft order. */
  draft?: DraftRef;
}

export type OrderStep =
  /** Neither booked nor cancelled: nothing to write yet. */
  | { kind: 'wait' }
  /** Cancelled after its invoice was booked: credit it. */
  | { kind: 'credit'; bookedInvoiceNumber: number }
  /** Its invoice is booked already (by an earlier run): take it as is, its payment is not registered again. */
  | { kind: 'adopt-booked'; bookedInvoiceNumber: number }
  /** Cancelled with a draft: delete the draft. */
  | { kind: 'delete-draft'; draft: DraftRef }
  /** Cancelled before anything reached e-conomic. */
  | { kind: 'cancelled-before' }
  /** A draft exists: continue from it (the next step keeps it in step). */
  | { kind: 'adopt-draft'; draft: DraftRef }
  /** Nothing exists: preflight, master data, then create the draft. */
  | { kind: 'create' };

/** The next step from the order's snapshot and what the lookups found. */
export function decideOrderStep(snapshot: Pick<OrderSnapshot, 'booked' | 'cancelled'>, found: FoundDocuments): OrderStep {
  if (!orderConcernsEconomic(snapshot)) return { kind: 'wait' };
  if (found.bookedInvoiceNumber !== undefined) {
    return snapshot.cancelled ? { kind: 'credit', bookedInvoiceNumber: found.bookedInvoiceNumber } : { kind: 'adopt-booked', bookedInvoiceNumber: found.bookedInvoiceNumber };
  }
  if (snapshot.cancelled) return found.draft ? { kind: 'delete-draft', draft: found.draft } : { kind: 'cancelled-before' };
  return found.draft ? { kind: 'adopt-draft', draft: found.draft } : { kind: 'create' };
}
