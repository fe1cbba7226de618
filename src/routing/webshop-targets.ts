import type { Connection } from '../config';
import type { WebshopSource } from '../domain/webshop/shop-order';
import { TRANSFER_FLOWS } from '../flows/registry';
import { type AnyTransferFlow, transferTarget, type TransferTarget, type WebshopDelivery, type WebshopTopicKind } from '../workflows/common/transfer-flow';

/** Which topics of each shop are about orders, products and refunds (docs/connectors/shopify.md, woocommerce.md). */
const TOPICS: Record<WebshopSource, Partial<Record<WebshopTopicKind, RegExp>>> = {
  shopify: { order: /^orders\/(create|paid|updated|cancelled|edited)$/, product: /^products\/(create|update|delete)$/, refund: /^refunds\/create$/ },
  // WooCommerce has no refund topic: a refund arrives as an order update.
  woocommerce: { order: /^order\.(created|updated|deleted|restored)$/, product: /^product\.(created|updated|deleted|restored)$/ },
};

export function webshopTopicKind(source: WebshopSource, topic: string): WebshopTopicKind | undefined {
  return (Object.entries(TOPICS[source]) as [WebshopTopicKind, RegExp][]).find(([, pattern]) => pattern.test(topic))?.[0];
}

/** The transfer one webshop delivery starts or wakes, or why it is ignored. Pure. */
export function routeWebshopDelivery(connection: Connection, delivery: WebshopDelivery, receivedAt: string, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): { target: TransferTarget } | { ignored: string } {
  const kind = webshopTopicKind(delivery.source, delivery.topic);
  const generic = `no flow of connection ${connection.id} handles ${delivery.source} ${delivery.topic}`;
  const flow = kind && flows.find((f) => f.webshop?.topic === kind);
  if (!flow?.webshop) return { ignored: generic };
  if (!flow.enabledFor(connection)) return { ignored: flow.disabledReason?.(connection) ?? generic };
  return { target: transferTarget(flow, connection, flow.webshop.key(delivery), flow.webshop.args(delivery, receivedAt)) };
}
