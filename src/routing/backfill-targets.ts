import type { Connection } from '../config';
import { WEBSHOP_SOURCES, type WebshopSource } from '../domain/webshop/shops';
import { type AnyTransferFlow, transferTarget, type TransferTarget } from '../workflows/common/transfer-flow';

/** `shopify:820982911946154508` → the shop and its order id: how a backfill lists a webshop document. */
export function parseWebshopBackfillNumber(number: string): { source: WebshopSource; id: string } | undefined {
  const at = number.indexOf(':');
  const source = number.slice(0, at) as WebshopSource;
  const id = number.slice(at + 1);
  return at > 0 && WEBSHOP_SOURCES.includes(source) && /^\d+$/.test(id) ? { source, id } : undefined;
}

/** The listed number of a webshop document, as `BackfillInput.numbers` carries it. */
export function webshopBackfillNumber(source: WebshopSource, id: string): string {
  return `${source}:${id}`;
}

/**
 * The transfer one listed document of a backfill starts or wakes, through the flow's own wakes as
 * a webhook would: a webshop flow takes `{source}:{id}` as a shop delivery, a Rackbeat flow a
 * document number as a Rackbeat change. The delivery id is `backfill:{flow}:{number}`, so the same
 * document started twice is one delivery to its transfer, which re-reads the document. Pure.
 */
export function backfillTarget(flow: AnyTransferFlow, connection: Connection, number: string, receivedAt: string): TransferTarget {
  const deliveryId = `backfill:${flow.flow}:${number}`;
  const shop = flow.webshop ? parseWebshopBackfillNumber(number) : undefined;
  if (flow.webshop && shop) {
    const delivery = { source: shop.source, topic: 'backfill', resourceId: shop.id, deliveryId };
    return transferTarget(flow, connection, flow.webshop.key(delivery), flow.webshop.args(delivery, receivedAt));
  }
  if (flow.rackbeat && /^\d+$/.test(number)) {
    const resource = flow.rackbeat.resources[0]!;
    const change = { event: `${resource}.backfill`, resource, key: number, keyName: 'number', deliveryId };
    return transferTarget(flow, connection, flow.rackbeat.key(change), flow.rackbeat.args(change, receivedAt));
  }
  throw new Error(`backfill of flow ${flow.flow} cannot address '${number}': ${flow.webshop ? 'a webshop flow takes {shop}:{order id}' : flow.rackbeat ? 'a Rackbeat flow takes a document number' : 'it has neither Rackbeat nor webshop wakes'}`);
}
