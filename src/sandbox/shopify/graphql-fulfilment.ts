import type { FulfilmentService } from './fulfilment';
import { orderById } from './graphql-queries';
import { gid, parseId } from './ids';
import type { ShopEvent } from './models';
import type { ShopifyStore } from './store';

type Input = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `fulfillmentCreate(fulfillment: FulfillmentInput!)` → `FulfillmentCreatePayload`. */
export function fulfillmentCreate(store: ShopifyStore, service: FulfilmentService, input: unknown, events: ShopEvent[]): Record<string, unknown> {
  const body = (input && typeof input === 'object' ? input : {}) as Input;
  const groups = Array.isArray(body.lineItemsByFulfillmentOrder) ? (body.lineItemsByFulfillmentOrder as Input[]) : [];
  if (groups.length === 0) return { fulfillment: null, userErrors: [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'lineItemsByFulfillmentOrder must not be empty.' }] };
  const tracking = (body.trackingInfo && typeof body.trackingInfo === 'object' ? body.trackingInfo : {}) as Input;
  const outcome = service.create(
    {
      lineItemsByFulfillmentOrder: groups.map((g) => ({
        fulfillmentOrderId: parseId(g.fulfillmentOrderId, 'FulfillmentOrder') ?? 0n,
        fulfillmentOrderLineItems: Array.isArray(g.fulfillmentOrderLineItems)
          ? (g.fulfillmentOrderLineItems as Input[]).map((l) => ({ id: parseId(l.id, 'FulfillmentOrderLineItem') ?? 0n, quantity: typeof l.quantity === 'number' ? l.quantity : 0 }))
          : undefined,
      })),
      notifyCustomer: body.notifyCustomer === true,
      trackingInfo: { number: text(tracking.number), url: text(tracking.url), company: text(tracking.company) },
    },
    events,
  );
  if (!outcome.fulfillment) return { fulfillment: null, userErrors: outcome.userErrors };
  const f = outcome.fulfillment;
  return {
    fulfillment: {
      id: gid('Fulfillment', f.id),
      legacyResourceId: String(f.id),
      name: f.name,
      status: 'SUCCESS',
      createdAt: f.created_at,
      trackingInfo: f.tracking.number || f.tracking.url || f.tracking.company ? [f.tracking] : [],
      order: orderById(store, gid('Order', f.order_id), () => undefined),
    },
    userErrors: [],
  };
}
