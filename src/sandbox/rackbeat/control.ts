import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerDeliveryRoutes } from '../common/delivery-routes';
import { intParam } from './http';
import type { DomainEvent } from './models';
import type { OrderService } from './orders';
import type { RackbeatSimulatorSettings } from './settings';
import type { RackbeatStore } from './store';
import type { RackbeatViews } from './views';
import type { WebhookDispatcher } from './webhooks';

const deliveriesQuery = z.object({ event: z.string().optional(), webhook_id: z.coerce.number().int().optional(), state: z.string().optional() });
const settingsBody = z
  .object({
    webhookRetryDelaysMs: z.array(z.number().int().nonnegative()).optional(),
    webhookTimeoutMs: z.number().int().positive().optional(),
    webhookConnectTimeoutMs: z.number().int().positive().optional(),
    ordersBookedOnCreate: z.boolean().optional(),
    webhookShape: z.enum(['real', 'documented']).optional(),
    webhookDelivery: z.enum(['concurrent', 'one-at-a-time']).optional(),
    refusedWebhookEvents: z.array(z.string()).optional(),
    creditNoteAmounts: z.enum(['negative-quantities', 'negative-prices']).optional(),
  })
  .strict();

/** `/_sandbox/rackbeat/*`: the webhook delivery log, flushing retries, settings, webhook tokens, acts of a person in Rackbeat. */
export function registerRackbeatControl(
  app: FastifyInstance,
  deps: { store: RackbeatStore; views: RackbeatViews; dispatcher: WebhookDispatcher; settings: RackbeatSimulatorSettings; orders: OrderService },
): void {
  const { store, views, dispatcher, settings, orders } = deps;

  registerDeliveryRoutes(app, dispatcher, (query) => {
    const q = deliveriesQuery.parse(query);
    return {
      ...(q.event ? { event: q.event } : {}),
      ...(q.webhook_id === undefined ? {} : { webhookId: q.webhook_id }),
      ...(q.state ? { state: q.state } : {}),
    };
  });

  app.get('/settings', async () => settings);
  app.put('/settings', async (request) => {
    const patch = settingsBody.parse(request.body ?? {});
    // The dispatcher and the services hold this same object, so changes apply to the next request.
    Object.assign(settings, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    return settings;
  });

  /**
   * A person cancels the order in Rackbeat's UI. The API has no attested cancel route or
   * writable `is_cancelled` (rackbeat-verified §3.1), so tests cancel here. Fires webhooks.
   */
  app.post('/orders/:number/cancel', async (request) => {
    const events: DomainEvent[] = [];
    const order = orders.cancel(intParam((request.params as { number: string }).number, 'Order'), events);
    dispatcher.dispatch(events);
    return { order: views.order(order) };
  });

  /** Webhooks with their tokens: the API shows a token once, the sandbox lets operators look again. */
  app.get('/webhooks', async () => ({ webhooks: [...store.webhooks.values()].map((w) => views.webhook(w, true)) }));
}
