/**
 * One change to a Rackbeat document, however rackbridge learned of it: a webhook delivery (the
 * event name is Rackbeat's) or the reconcile poller (`<resource>.polled`). Every transfer re-reads
 * the document, so a change carries no data of its own beyond what routing needs.
 */
export interface RackbeatChange {
  /** `order.created`, `inventory.changed`, … or `order.polled` when the poller found the change. */
  event: string;
  /** The part of the event name before the first dot: `order`, `customer_invoice`, `product`, `inventory`, … */
  resource: string;
  /** The document's number as an exact decimal string, or the item (product/BOM) number. */
  key: string;
  /** What `key` is: Rackbeat numbers documents by `number`; an `id` key cannot be read by number. */
  keyName: string;
  /** Same id = same delivery: transfers drop ids they have seen. */
  deliveryId: string;
  /** Keys Rackbeat says changed (documented for updated events; no real body has shown them). */
  changed?: string[] | undefined;
  /** `product.deleted` of a product converted to a BOM: it lives on as a lot (changelog 2026-04-27). */
  convertedToLot?: boolean | undefined;
  /** `inventory.changed`: `item_type` (`product`, …) and `type` (`stock`, …) when the body has them. */
  itemType?: string | undefined;
  changeType?: string | undefined;
}

export function resourceOf(event: string): string {
  return event.split('.')[0] ?? event;
}
