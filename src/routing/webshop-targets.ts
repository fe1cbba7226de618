import type { Connection } from '../config';
import { webshopTopicKind } from '../domain/webshop/shops';
import { TRANSFER_FLOWS } from '../flows/registry';
import { type AnyTransferFlow, transferTarget, type TransferTarget, type WebshopDelivery } from '../workflows/common/transfer-flow';

export { webshopTopicKind };

/** The transfer one webshop delivery starts or wakes, or why it is ignored. Pure. */
export function routeWebshopDelivery(connection: Connection, delivery: WebshopDelivery, receivedAt: string, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): { target: TransferTarget } | { ignored: string } {
  const kind = webshopTopicKind(delivery.source, delivery.topic);
  const generic = `no flow of connection ${connection.id} handles ${delivery.source} ${delivery.topic}`;
  const flow = kind && flows.find((f) => f.webshop?.topic === kind);
  if (!flow?.webshop) return { ignored: generic };
  if (!flow.enabledFor(connection)) return { ignored: flow.disabledReason?.(connection) ?? generic };
  return { target: transferTarget(flow, connection, flow.webshop.key(delivery), flow.webshop.args(delivery, receivedAt)) };
}
