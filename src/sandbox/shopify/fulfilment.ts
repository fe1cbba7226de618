import type { ShopifyId } from './ids';
import type { FulfillmentRecord, ShopEvent, TrackingInfo } from './models';
import type { ShopifyStore } from './store';
import { fulfillmentStatus, fulfillmentView, orderView } from './views-order';

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: Array<{ fulfillmentOrderId: ShopifyId; fulfillmentOrderLineItems?: Array<{ id: ShopifyId; quantity: number }> | undefined }>;
  notifyCustomer: boolean;
  trackingInfo: TrackingInfo;
}

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export type FulfillmentOutcome = { fulfillment: FulfillmentRecord; userErrors: [] } | { fulfillment: null; userErrors: UserError[] };

/** `fulfillmentCreate`: fulfils fulfillment-order lines (all of them when none are listed). */
export class FulfilmentService {
  constructor(private readonly store: ShopifyStore) {}

  create(input: FulfillmentInput, events: ShopEvent[]): FulfillmentOutcome {
    const store = this.store;
    const errors: UserError[] = [];
    const picks: Array<{ foLineId: ShopifyId; quantity: number }> = [];
    let orderId: ShopifyId | undefined;
    input.lineItemsByFulfillmentOrder.forEach((group, i) => {
      const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderId'];
      const fo = store.fulfillmentOrders.get(group.fulfillmentOrderId);
      if (!fo) return errors.push({ field, message: 'Fulfillment order does not exist.' });
      // Message wording unconfirmed upstream.
      if (fo.status !== 'open' && fo.status !== 'in_progress') return errors.push({ field, message: `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status}.` });
      if (orderId !== undefined && orderId !== fo.order_id) return errors.push({ field, message: 'All fulfillment orders must belong to the same order.' });
      orderId = fo.order_id;
      const wanted = group.fulfillmentOrderLineItems?.length ? group.fulfillmentOrderLineItems : fo.lines.filter((l) => l.fulfillable_quantity > 0).map((l) => ({ id: l.id, quantity: l.fulfillable_quantity }));
      for (const want of wanted) {
        const line = fo.lines.find((l) => l.id === want.id);
        if (!line) errors.push({ field: ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderLineItems'], message: 'Fulfillment order line item does not exist.' });
        else if (want.quantity < 1 || want.quantity > line.fulfillable_quantity) errors.push({ field: ['fulfillment', 'lineItemsByFulfillmentOrder', String(i), 'fulfillmentOrderLineItems'], message: 'Invalid fulfillment order line item quantity requested.' });
        else picks.push({ foLineId: line.id, quantity: want.quantity });
      }
      return undefined;
    });
    if (errors.length > 0 || orderId === undefined || picks.length === 0) {
      return { fulfillment: null, userErrors: errors.length ? errors : [{ field: ['fulfillment'], message: 'Fulfillment has no line items to fulfill.' }] };
    }

    const order = store.order(orderId);
    const now = store.timestamp();
    const lines: FulfillmentRecord['lines'] = [];
    for (const fo of store.fulfillmentOrdersOf(order.id)) {
      for (const foLine of fo.lines) {
        const pick = picks.find((p) => p.foLineId === foLine.id);
        if (!pick) continue;
        foLine.fulfillable_quantity -= pick.quantity;
        const line = order.lines.find((l) => l.id === foLine.line_item_id);
        if (line) line.fulfilled += pick.quantity;
        lines.push({ line_item_id: foLine.line_item_id, quantity: pick.quantity });
      }
      if (fo.lines.every((l) => l.fulfillable_quantity === 0)) fo.status = 'closed';
      else if (fo.lines.some((l) => l.fulfillable_quantity < l.quantity)) fo.status = 'in_progress';
      fo.updated_at = now;
    }
    const fulfillment: FulfillmentRecord = {
      id: store.id(),
      order_id: order.id,
      name: `#${order.order_number}.${order.fulfillmentIds.length + 1}`,
      location_id: store.primaryLocation().id,
      tracking: input.trackingInfo,
      lines,
      notify_customer: input.notifyCustomer,
      created_at: now,
      updated_at: now,
    };
    store.fulfillments.set(fulfillment.id, fulfillment);
    order.fulfillmentIds.push(fulfillment.id);
    order.updated_at = now;
    events.push({ topic: 'fulfillments/create', body: fulfillmentView(store, fulfillment) });
    events.push({ topic: fulfillmentStatus(order) === 'fulfilled' ? 'orders/fulfilled' : 'orders/partially_fulfilled', body: orderView(store, order) });
    events.push({ topic: 'orders/updated', body: orderView(store, order) });
    return { fulfillment, userErrors: [] };
  }
}
