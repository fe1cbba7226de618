import type { WebshopSource } from '../domain/webshop/shops';
/*
 * What the order-lifecycle activities return to the workflow: plain data, small enough for
 * history (numbers and flags, never whole documents).
 */

/** A stable code and one sentence saying what to fix, in which system. */
export interface Hold {
  code: string;
  message: string;
}

/** The Rackbeat order's flags as last read, and a revision of everything the document shows. */
export interface OrderSnapshot {
  booked: boolean;
  shipped: boolean;
  cancelled: boolean;
  /**
   * Only in histories recorded before payments came from the webshop (`is_paid` was read from
   * the Rackbeat order, which has no attested such flag). Never set now.
   */
  paid?: boolean;
  /** Changes when anything the e-conomic document shows changes. */
  revision: string;
  /** e.g. `booked, shipped` for the status. */
  summary: string;
  /** The webshop order it came from (F1), to report fulfilment back; absent for other orders. */
  webshop?: { source: WebshopSource; id: string };
  /** Rackbeat's `updated_at` of the order as read: the poller compares it with what it lists, in Rackbeat's own clock. */
  updatedAt?: string;
}

/** The draft document rackbridge keeps in e-conomic for the order before it is invoiced. */
export interface DraftRef {
  type: 'order' | 'invoice';
  number: number;
}

/** Where the order stands in e-conomic. */
export type EconomicState =
  | { phase: 'none' }
  | { phase: 'draft'; draft: DraftRef; revision: string }
  | { phase: 'invoiced'; draftInvoiceNumber: number }
  | { phase: 'booked'; bookedInvoiceNumber: number; paymentRegistered: boolean }
  | { phase: 'deleted' }
  | { phase: 'credited'; bookedInvoiceNumber: number; creditNoteNumber: number };

export interface StepResult {
  snapshot: OrderSnapshot;
  state: EconomicState;
  /** What the step did, in words, for the status. */
  did: string;
  /** Set when a preflight rule failed: nothing was written. */
  hold?: Hold;
}

export interface OrderContext {
  connectionId: string;
  orderNumber: string;
  /** Idempotency keys derive from it. */
  workflowId: string;
}
