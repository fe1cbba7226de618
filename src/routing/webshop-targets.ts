import type { Connection } from '../config';
import { webshopRefundArrival, webshopTopicKind, webshopTopicKinds, type WebshopTopicKind } from '../domain/webshop/shops';
import { TRANSFER_FLOWS } from '../flows/registry';
import { type AnyTransferFlow, transferTarget, type TransferTarget, type WebshopDelivery } from '../workflows/common/transfer-flow';
import { refundInOrderDeliveryId } from '../workflows/webshop/refund-contract';

export { webshopTopicKind };

/**
 * The deliveries one shop delivery is for a flow of `kind`: itself, or — for refunds that arrive
 * inside order deliveries — one per refund the order lists, addressed by the refund's id (one
 * transfer per refund), with a delivery id made of the order delivery's and the refund's
 * (`refundInOrderDeliveryId`): a repeated delivery is dropped, a later change of the order wakes
 * the refund's transfer again (a held one retries; the lifecycle makes nothing twice).
 */
function deliveriesFor(kind: WebshopTopicKind, delivery: WebshopDelivery): WebshopDelivery[] {
  if (kind !== 'refund' || webshopRefundArrival(delivery.source) !== 'order') return [delivery];
  return (delivery.refundIds ?? []).map((refundId) => ({
    source: delivery.source,
    topic: delivery.topic,
    resourceId: refundId,
    shopOrderId: delivery.resourceId,
    deliveryId: refundInOrderDeliveryId(delivery.deliveryId, refundId),
    name: delivery.name,
  }));
}

/** The transfers one webshop delivery starts or wakes (an order change, and the refunds it carries), or why it is ignored. Pure. */
export function routeWebshopDelivery(connection: Connection, delivery: WebshopDelivery, receivedAt: string, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): { targets: TransferTarget[] } | { ignored: string } {
  const generic = `no flow of connection ${connection.id} handles ${delivery.source} ${delivery.topic}`;
  const targets: TransferTarget[] = [];
  let ignored: string | undefined;
  for (const kind of webshopTopicKinds(delivery.source, delivery.topic)) {
    const flow = flows.find((f) => f.webshop?.topic === kind);
    if (!flow?.webshop) continue;
    const deliveries = deliveriesFor(kind, delivery);
    if (deliveries.length === 0) continue;
    if (!flow.enabledFor(connection)) {
      ignored ??= flow.disabledReason?.(connection);
      continue;
    }
    for (const d of deliveries) targets.push(transferTarget(flow, connection, flow.webshop.key(d), flow.webshop.args(d, receivedAt)));
  }
  return targets.length > 0 ? { targets } : { ignored: ignored ?? generic };
}
