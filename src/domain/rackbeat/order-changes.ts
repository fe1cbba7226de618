/**
 * Order keys whose change cannot alter the e-conomic document or the next step. Rackbeat sends
 * `order.updated` for them (a shipment created, a partial shipment, …); acting on them would
 * cost an activity and change nothing.
 */
export const IRRELEVANT_CHANGES: ReadonlySet<string> = new Set(['shipments', 'is_partly_shipped', 'is_ready_for_shipping', 'is_ready_for_invoicing', 'is_archived', 'is_invoiced', 'is_partly_invoiced']);

/** An `order.updated` that only changed keys which cannot matter to any transfer (the webhook server drops it). */
export function isIrrelevantUpdate(event: { event: string; changed?: string[] | undefined }): boolean {
  return event.event === 'order.updated' && event.changed !== undefined && event.changed.length > 0 && event.changed.every((key) => IRRELEVANT_CHANGES.has(key));
}
