import type { InvoicingStep } from '../economic/invoicing';
import type { DraftRef } from './types';

/*
 * The draft step (`advanceDraft`): keep the e-conomic draft in step with the Rackbeat order, then
 * wait or invoice. Pure: the activity reads where the documents stand, asks this, then writes.
 */

/**
 * Whether the step may read the one draft it knows by number instead of the lookups by reference:
 * only on the first attempt of a step whose state the workflow trusts (no attempt before it can have written).
 */
export function readKnownDraftOnly(trusted: boolean | undefined, attempt: number): boolean {
  return trusted === true && attempt === 1;
}

export interface DraftStepInput {
  /** The draft the workflow knows. */
  draft: DraftRef;
  /** The revision the draft was last written with. */
  draftRevision: string;
  /** The revision of the order (with its refunds) as read now. */
  revision: string;
  /** Where the order's documents stand in e-conomic. */
  from: InvoicingStep;
  /** Whether the order is at its invoicing trigger. */
  reached: boolean;
}

export interface DraftStep {
  /** The draft still there as a draft of the known type, to update: its number, or undefined when it has moved on (or is gone). */
  draftNumber: number | undefined;
  /** Replace the draft's body (after a fresh preflight): the order changed since it was written. */
  update: boolean;
  /** `wait`: still a draft before the trigger; `invoice`: at the trigger, or an earlier attempt already went past the draft. */
  then: 'wait' | 'invoice';
}

export function decideDraftStep(input: DraftStepInput): DraftStep {
  const { draft, from } = input;
  const draftNumber = from.step === 'register-sent' && draft.type === 'order' ? from.orderNumber : from.step === 'book' && draft.type === 'invoice' ? from.draftInvoiceNumber : undefined;
  const update = draftNumber !== undefined && input.revision !== input.draftRevision;
  // Anything further along than the draft means an earlier attempt passed the trigger.
  const then = !input.reached && draftNumber !== undefined ? 'wait' : 'invoice';
  return { draftNumber, update, then };
}
