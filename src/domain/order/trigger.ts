import type { OrderSnapshot } from './types';

/** The settings the order lifecycle's decisions read (a subset of a connection's `orders`). */
export interface OrderDecisionSettings {
  /** Create an e-conomic order (then invoice it) or directly a draft invoice. */
  documentType: 'order' | 'invoice';
  /** The Rackbeat state that turns the draft into an invoice. */
  invoiceWhen: 'booked' | 'shipped';
}

/** Whether the Rackbeat order has reached the state that invoices it. */
export function reachedTrigger(snapshot: Pick<OrderSnapshot, 'booked' | 'shipped'>, settings: Pick<OrderDecisionSettings, 'invoiceWhen'>): boolean {
  return settings.invoiceWhen === 'booked' ? snapshot.booked : snapshot.shipped;
}
