import type { OrderSettings } from '../../config';
import type { RackbeatOrder } from '../../connectors/rackbeat';
import type { EconomicState, OrderContext, OrderSnapshot, StepResult } from '../../domain/order';
import type { ShopRefund } from '../../domain/webshop/shop-refund';
import type { WebshopPayment } from '../../workflows/order/contract';
import type { ClientRegistry } from '../clients';
import type { CatalogCache } from '../economic-catalog';
import type { MasterDataSync } from '../master-data';

export type DraftState = Extract<EconomicState, { phase: 'draft' }>;
export type BookedState = Extract<EconomicState, { phase: 'booked' }>;

/** The Rackbeat order a step acts on, read once by the lifecycle's activity (webhooks are thin). */
export interface OrderRead {
  ctx: OrderContext;
  order: RackbeatOrder;
  snapshot: OrderSnapshot;
}

/**
 * What the order lifecycle (F2) asks of the accounting system that invoices the order: each
 * method is one step's writes, starting from what the system already holds for the order (found
 * by the order's reference), so a retry or a new run never writes twice. The lifecycle's
 * activities read Rackbeat and hand over the order; an implementation returns the next state,
 * what it did, or why the transfer holds. One implementation per system, listed in
 * `ORDER_ACCOUNTING` (./systems.ts).
 */
export interface OrderAccountingPort {
  /** A booked order the transfer knows nothing of yet: adopt what the system has, or preflight, master data and the first draft (order or invoice). */
  reconcile(read: OrderRead, settings: OrderSettings, refunds: ShopRefund[] | undefined): Promise<StepResult>;
  /**
   * Keeps the draft in step with the order (update, delete when cancelled) and, at the trigger,
   * invoices it. `trusted`: the transfer's last step succeeded and nothing has held it since, so
   * the first attempt may read the one draft it knows instead of every lookup.
   */
  advance(read: OrderRead, settings: OrderSettings, state: DraftState, refunds: ShopRefund[] | undefined, trusted: boolean | undefined): Promise<StepResult>;
  /** Books the draft invoice an earlier step left (held, or `bookInvoice` was off). */
  book(read: OrderRead, settings: OrderSettings, draftInvoiceNumber: number, refunds: ShopRefund[] | undefined): Promise<StepResult>;
  /** Credits a booked invoice whose order was cancelled, once. */
  creditCancelled(read: OrderRead, bookedInvoiceNumber: number): Promise<StepResult>;
  /** Registers the shop's payment against the booked invoice, once. */
  registerPayment(read: OrderRead, settings: OrderSettings, bookedInvoiceNumber: number, payment: WebshopPayment | undefined): Promise<StepResult>;
  /** One credit note for one shop refund of a booked invoice, once per refund. */
  creditRefund(read: OrderRead, settings: OrderSettings, booked: BookedState, refund: ShopRefund): Promise<StepResult>;
}

/** What every implementation is built with, once per worker (one catalog cache, one master-data memory). */
export interface OrderActivityDeps {
  clients: ClientRegistry;
  catalogs: CatalogCache;
  masterData: MasterDataSync;
}
