import type { OrderSettings } from '../config';
import { decideBooked, ORDER_ACCOUNTING_LABELS, orderAccountingOf, type OrderAccountingSystem, type OrderContext, type StepResult } from '../domain/order';
import type { ShopRefund } from '../domain/webshop/shop-refund';
import type { WebshopPayment } from '../workflows/order/contract';
import { missingSystem, translated } from './failure';
import type { BookedState, DraftState, OrderAccountingPort, OrderActivityDeps, OrderRead } from './order-accounting/port';
import { ORDER_ACCOUNTING } from './order-accounting/systems';
import { snapshotOf } from './order-snapshot';

export { snapshotOf } from './order-snapshot';
export type { OrderActivityDeps } from './order-accounting/port';

/**
 * The order lifecycle's steps, the activities the workflow calls. Each re-reads the Rackbeat order
 * (webhooks are thin) and hands it to the connection's accounting system (`ORDER_ACCOUNTING`),
 * which writes. `accounting` replaces the system for every connection (a test's own system).
 */
export function createOrderActivities(deps: OrderActivityDeps, accounting?: OrderAccountingPort) {
  const ports = new Map<OrderAccountingSystem, OrderAccountingPort>();
  const portFor = (ctx: OrderContext): OrderAccountingPort => {
    if (accounting) return accounting;
    const system = orderAccountingOf(deps.clients.get(ctx.connectionId).connection);
    if (!system) throw missingSystem(ctx.connectionId, ORDER_ACCOUNTING_LABELS);
    let port = ports.get(system);
    if (!port) ports.set(system, (port = ORDER_ACCOUNTING[system](deps)));
    return port;
  };
  /** The system that writes, then the order it acts on. */
  const read = async (ctx: OrderContext): Promise<{ port: OrderAccountingPort; read: OrderRead }> => {
    const port = portFor(ctx);
    const order = await deps.clients.get(ctx.connectionId).rackbeat.getOrder(ctx.orderNumber);
    return { port, read: { ctx, order, snapshot: snapshotOf(order) } };
  };

  return {
    /** Finds what the accounting system already has for the order; when it is booked and nothing exists, preflight, master data and the first draft, in one step. */
    async reconcileOrder(ctx: OrderContext, settings: OrderSettings, refunds?: ShopRefund[]): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        return port.reconcile(r, settings, refunds);
      });
    },

    /** Keeps the draft in step with the Rackbeat order: update, delete on cancel, invoice at the trigger. */
    async advanceDraft(ctx: OrderContext, settings: OrderSettings, state: DraftState, refunds?: ShopRefund[], trusted?: boolean): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        return port.advance(r, settings, state, refunds, trusted);
      });
    },

    /** Books the order's draft invoice after a held booking (or one left as a draft by an earlier step). */
    async bookInvoice(ctx: OrderContext, settings: OrderSettings, draftInvoiceNumber: number, refunds?: ShopRefund[]): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        return port.book(r, settings, draftInvoiceNumber, refunds);
      });
    },

    /** After booking: reads the order; a cancellation is credited. */
    async checkBooked(ctx: OrderContext, _settings: OrderSettings, state: BookedState): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        if (decideBooked(r.snapshot) === 'credit') return port.creditCancelled(r, state.bookedInvoiceNumber);
        return { snapshot: r.snapshot, state, did: `order is ${r.snapshot.summary}` };
      });
    },

    /** `payment` is the shop's, carried by the webshop transfer's signal; absent only in transfers started before. */
    async registerPayment(ctx: OrderContext, settings: OrderSettings, bookedInvoiceNumber: number, payment?: WebshopPayment): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        return port.registerPayment(r, settings, bookedInvoiceNumber, payment);
      });
    },

    /** One credit note per shop refund of a booked invoice, exactly once (docs/refunds.md). */
    async creditRefund(ctx: OrderContext, settings: OrderSettings, booked: BookedState, refund: ShopRefund): Promise<StepResult> {
      return translated(async () => {
        const { port, read: r } = await read(ctx);
        return port.creditRefund(r, settings, booked, refund);
      });
    },
  };
}
