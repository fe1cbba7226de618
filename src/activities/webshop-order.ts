import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { ShopOrder, WebshopSettings, WebshopSource } from '../domain/webshop';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import { transferTarget } from '../workflows/common/transfer-flow';
import { WEBSHOP_REFUND_TRANSFER } from '../workflows/webshop/refund-contract';
import { ORDER_TRANSFER, WEBSHOP_BOOKED_EVENT, type WebshopPayment, webshopBookedDeliveryId } from '../workflows/order/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import type { TransferContext } from './transfer-types';
import { orderDone, planWebshopOrder, type WebshopOrderOutcome } from './webshop-order-plan';
import { createWebshopPorts } from './webshop/ports';

export { findRackbeatOrder, type WebshopOrderOutcome } from './webshop-order-plan';

/** The payment the order lifecycle registers in e-conomic, from the shop order itself. */
function paymentOf(order: ShopOrder, ref: { source: WebshopSource; shopOrderId: string }): WebshopPayment | undefined {
  if (!order.paid) return undefined;
  return { source: ref.source, shopOrderId: ref.shopOrderId, amountCents: order.totals.total, currency: order.currency, gateway: order.paymentGateway };
}

/**
 * F1: a webshop order → one Rackbeat order. The shop order is re-read (WooCommerce payloads show
 * the order at delivery time, Shopify's at trigger time), its state decides, and every write is
 * preceded by a lookup by source reference so a retry or a second run never makes a second order.
 */
export function createWebshopOrderActivities(clients: ClientRegistry, temporalClient?: Client) {
  const ports = createWebshopPorts();
  /**
   * F1 → F2: signal-with-start of the booked order's lifecycle, carrying the shop's payment. No
   * attested Rackbeat event announces booking (rackbeat-verified §0.3), so this is what starts
   * the lifecycle promptly; the workflow de-duplicates by delivery id.
   */
  const startOrderLifecycle = async (connectionId: string, rackbeatOrder: number, ref: { source: WebshopSource; shopOrderId: string }, payment: WebshopPayment | undefined): Promise<void> => {
    const { connection } = clients.get(connectionId);
    if (!connection.economic) return;
    const event = { deliveryId: webshopBookedDeliveryId(ref.source, ref.shopOrderId, payment !== undefined), event: WEBSHOP_BOOKED_EVENT, receivedAt: new Date().toISOString(), ...(payment ? { payment } : {}) };
    await signalWithStartTransfer(temporalClient ?? getClient(), transferTarget(ORDER_TRANSFER, connection, String(rackbeatOrder), [event]));
  };

  const readShopOrder = (connectionId: string, source: WebshopSource, id: string): Promise<ShopOrder> => ports.get(clients.get(connectionId), source).readOrder(id);

  return {
    /**
     * F2's last step: the shipped Rackbeat order marks its shop order fulfilled, once (each
     * shop's port reads first, so a retry reports what was already done).
     */
    async fulfilWebshopOrder(ctx: { connectionId: string }, webshop: { source: WebshopSource; id: string }): Promise<string> {
      return translated(() => ports.get(clients.get(ctx.connectionId), webshop.source).fulfilOrder(webshop.id));
    },

    async syncWebshopOrder(ctx: TransferContext, ref: { source: WebshopSource; shopOrderId: string }, settings: WebshopSettings): Promise<WebshopOrderOutcome> {
      return translated(async () => {
        const { rackbeat, connection } = clients.get(ctx.connectionId);
        const plan = await planWebshopOrder(rackbeat, await readShopOrder(ctx.connectionId, ref.source, ref.shopOrderId), settings, WEBSHOP_REFUND_TRANSFER.enabledFor(connection));
        if (plan.step === 'stop') return plan.outcome;
        const { order, existing } = plan;
        const did: string[] = [];

        let target = existing;
        const created = !target;
        if (!target) {
          let customerNumber: number;
          if ('create' in plan.customer) {
            // Created only now that the order will be written: a held order leaves no customer behind.
            customerNumber = (await rackbeat.createCustomer(plan.customer.create)).number;
            did.push(`created Rackbeat customer ${customerNumber}`);
          } else customerNumber = plan.customer.number;
          // No order.created webhook: the order lifecycle starts at booking, and every signal is a billed action.
          target = await rackbeat.createOrder({ ...plan.input, customer_id: customerNumber }, { suppressWebhooks: true });
          did.push(`created Rackbeat order ${target.number} (${(plan.expected.total / 100).toFixed(2)} ${order.currency})`);
        } else if (plan.lineChanges) {
          for (const line of target.lines) await rackbeat.deleteOrderLine(target.number, line.id);
          for (const line of plan.input.lines) await rackbeat.addOrderLine(target.number, line);
          did.push(`updated the lines of Rackbeat order ${target.number}`);
        }
        // No is_paid write (no source writes it, rackbeat-verified §3.2): the payment travels in the signal.
        const payment = paymentOf(order, ref);
        const booking = !target.is_booked;
        if (booking) {
          await rackbeat.bookOrder(target.number);
          did.push(`booked Rackbeat order ${target.number}`);
        }
        // Also when paid after booking (orderTrigger created, a later WooCommerce payment): the lifecycle gets the payment.
        if (booking || created || payment) await startOrderLifecycle(ctx.connectionId, target.number, ref, payment);
        return orderDone(target.number, did.length ? did.join('; ') : `Rackbeat order ${target.number} is up to date`);
      });
    },
  };
}
