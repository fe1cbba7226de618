import type { Connection } from '../config';
import { Secret } from '../domain/secret';
import type { WebhookTokenStore } from './token-store';

/** The Rackbeat events the order lifecycle listens to; any of them makes it re-read the order. */
export const RACKBEAT_ORDER_EVENTS = ['order.created', 'order.updated', 'order.booked', 'order.shipped', 'order.cancelled'] as const;

/** Master-data events that wake held order transfers (a fixed customer or product lets them through). */
export const RACKBEAT_MASTER_DATA_EVENTS = ['customer.updated', 'product.updated'] as const;

export const RACKBEAT_EVENTS = [...RACKBEAT_ORDER_EVENTS, ...RACKBEAT_MASTER_DATA_EVENTS] as const;

/** The Rackbeat events a connection's flows need: the order lifecycle's, plus what its Netvisor transfers listen to. */
export function rackbeatEventsFor(connection: Connection): string[] {
  const events = new Set<string>(connection.economic ? RACKBEAT_EVENTS : []);
  const netvisor = connection.netvisor?.settings;
  if (netvisor) {
    if (netvisor.transfer.invoices) events.add('customer_invoice.booked');
    if (netvisor.transfer.orders) events.add('order.booked');
    for (const resource of ['customer', 'product'] as const) {
      const on = resource === 'customer' ? netvisor.transfer.customers : netvisor.transfer.products;
      // Updates also wake held documents, so they are registered even when the sync itself is off.
      events.add(`${resource}.updated`);
      if (on) events.add(`${resource}.created`);
      if (on && netvisor.propagateDeletions) events.add(`${resource}.deleted`);
    }
  }
  if (connection.shopify || connection.woocommerce) {
    // F4: Rackbeat's available quantity goes to the shops.
    events.add('inventory.changed');
    // A product created or fixed in Rackbeat releases shop orders held on its SKU.
    events.add('product.created');
    events.add('product.updated');
  }
  return [...events];
}

/** What registration needs of the Rackbeat connector. */
export interface WebhookRegistrar {
  registerWebhook(event: string, url: string): Promise<{ webhook: { id: number | string }; token?: string | undefined; created: boolean }>;
  deleteWebhook(id: number | string): Promise<void>;
}

export interface RegisteredWebhook {
  event: string;
  action: 'created' | 'updated' | 'recreated';
}

export function rackbeatWebhookUrl(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/rackbeat/${encodeURIComponent(connectionId)}`;
}

/**
 * Registers rackbridge's webhooks with a connection's Rackbeat, idempotently: Rackbeat updates a
 * webhook posted again with the same event and URL. Its token comes back only on creation, so a
 * webhook whose token we no longer know is deleted and created anew.
 */
export async function registerRackbeatWebhooks(options: {
  connection: Connection;
  rackbeat: WebhookRegistrar;
  publicUrl: string;
  tokenStore: WebhookTokenStore;
}): Promise<RegisteredWebhook[]> {
  const { connection, rackbeat, tokenStore } = options;
  const url = rackbeatWebhookUrl(options.publicUrl, connection.id);
  const results: RegisteredWebhook[] = [];
  for (const event of rackbeatEventsFor(connection)) {
    const first = await rackbeat.registerWebhook(event, url);
    if (first.token) {
      tokenStore.set(connection.id, event, new Secret(first.token));
      results.push({ event, action: first.created ? 'created' : 'updated' });
      continue;
    }
    if (tokenStore.has(connection.id, event)) {
      results.push({ event, action: 'updated' });
      continue;
    }
    await rackbeat.deleteWebhook(first.webhook.id);
    const again = await rackbeat.registerWebhook(event, url);
    if (!again.token) throw new Error(`Rackbeat did not return a token for the new ${event} webhook of connection ${connection.id}`);
    tokenStore.set(connection.id, event, new Secret(again.token));
    results.push({ event, action: 'recreated' });
  }
  return results;
}
