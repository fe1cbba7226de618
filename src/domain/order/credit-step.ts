/*
 * Crediting a booked invoice whose Rackbeat order was cancelled: at most one credit note, whatever
 * an earlier attempt reached. Pure: the activity looks up by the credit note's reference, asks this, then writes.
 */

export interface FoundCreditNote {
  /** The booked credit note with the reference, if any. */
  bookedNumber?: number;
  /** The draft credit note with the reference, if any. */
  draftNumber?: number;
}

export type CreditStep =
  /** Booked already: write nothing. */
  | { kind: 'adopt'; creditNoteNumber: number }
  /** A draft exists (an earlier attempt created it): book that one. */
  | { kind: 'book-draft'; draftNumber: number }
  /** Nothing yet: create the draft from the booked invoice, then book it. */
  | { kind: 'create-and-book' };

export function decideCredit(found: FoundCreditNote): CreditStep {
  if (found.bookedNumber !== undefined) return { kind: 'adopt', creditNoteNumber: found.bookedNumber };
  if (found.draftNumber !== undefined) return { kind: 'book-draft', draftNumber: found.draftNumber };
  return { kind: 'create-and-book' };
}

/** A booked order's later reads: a cancellation is credited, anything else leaves it as it is. */
export function decideBooked(snapshot: { cancelled: boolean }): 'credit' | 'keep' {
  return snapshot.cancelled ? 'credit' : 'keep';
}
