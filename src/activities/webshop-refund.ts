import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { webshopLabel, type WebshopSource, webshopSourceRef } from '../domain/webshop';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import { transferTarget } from '../workflows/common/transfer-flow';
import { ORDER_TRANSFER, orderWorkflowId, WEBSHOP_REFUNDED_EVENT, webshopRefundDeliveryId } from '../workflows/order/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import type { TransferContext, TransferOutcome } from './transfer-types';
import { findRackbeatOrder } from './webshop-order';
import { createWebshopPorts } from './webshop/ports';

/**
 * The webshop refund flow's one step: the refund is read from the shop (a refund never changes
 * once made), its shop order's Rackbeat order found by the source reference in its heading, and
 * the refund signalled to that order's lifecycle, which writes to e-conomic. The delivery id is
 * the refund's, so a repeated forward is de-duplicated there.
 */
export function createWebshopRefundActivities(clients: ClientRegistry, temporalClient?: Client) {
  const ports = createWebshopPorts();
  return {
    async forwardWebshopRefund(ctx: TransferContext, ref: { source: WebshopSource; shopOrderId: string; refundId: string }): Promise<TransferOutcome> {
      return translated(async () => {
        const shop = clients.get(ctx.connectionId);
        const { connection, rackbeat } = shop;
        if (!connection.economic) return { result: 'skipped', did: `connection ${ctx.connectionId} has no e-conomic: refunds are not credited` };
        const refund = await ports.get(shop, ref.source).readRefund(ref.shopOrderId, ref.refundId);
        if (!refund) {
          const label = webshopLabel(ref.source);
          // The code keeps its Shopify name: held transfers and their alerts are keyed on it.
          return { result: 'held', did: 'read refund', hold: { code: 'SHOPIFY_REFUND_NOT_FOUND', message: `${label} order ${ref.shopOrderId} shows no refund ${ref.refundId}: check the order in ${label}, then send a retry.` } };
        }
        const order = await findRackbeatOrder(rackbeat, webshopSourceRef(ref.source, ref.shopOrderId));
        if (!order) {
          return {
            result: 'held',
            did: 'find Rackbeat order',
            hold: { code: 'REFUND_ORDER_NOT_IN_RACKBEAT', message: `${webshopLabel(ref.source)} order ${refund.orderName} has not reached Rackbeat, so refund ${refund.id} has nothing to credit yet: once the order's own transfer is done, send a retry.` },
          };
        }
        const orderNumber = String(order.number);
        const event = { deliveryId: webshopRefundDeliveryId(ref.source, refund.id), event: WEBSHOP_REFUNDED_EVENT, receivedAt: new Date().toISOString(), refund };
        await signalWithStartTransfer(temporalClient ?? getClient(), transferTarget(ORDER_TRANSFER, connection, orderNumber, [event]));
        return { result: 'done', did: `refund ${refund.id} of ${refund.orderName} handed to the transfer of Rackbeat order ${orderNumber}`, ref: `workflow:${orderWorkflowId(ctx.connectionId, orderNumber)}` };
      });
    },
  };
}
