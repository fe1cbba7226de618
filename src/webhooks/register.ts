import type { Connection } from '../config';
import { IntegrationError, RateLimitedError } from '../connectors/http/errors';
import { Secret } from '../domain/secret';
import { rackbeatEventsFor } from '../flows/rackbeat-sources';
import type { WebhookTokenStore } from './token-store';

/** What registration needs of the Rackbeat connector. */
export interface WebhookRegistrar {
  registerWebhook(event: string, url: string): Promise<{ webhook: { id: number | string }; token?: string | undefined; created: boolean }>;
  deleteWebhook(id: number | string): Promise<void>;
}

/** One event's registration: done, refused by Rackbeat (4xx: not retried), or to be retried (429, 5xx, network). */
export type EventRegistration =
  | { event: string; state: 'registered'; action: 'created' | 'updated' | 'recreated' }
  | { event: string; state: 'refused'; reason: string }
  | { event: string; state: 'retrying'; reason: string; retryAfterMs: number | undefined };

export function rackbeatWebhookUrl(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/rackbeat/${encodeURIComponent(connectionId)}`;
}

/**
 * Registers one event's webhook, idempotently: Rackbeat updates a webhook posted again with the
 * same event and URL. Its token comes back only on creation, so a webhook whose token we no longer
 * know is deleted and created anew. Never throws: every outcome is returned.
 */
export async function registerRackbeatEvent(options: { connection: Connection; rackbeat: WebhookRegistrar; url: string; tokenStore: WebhookTokenStore; event: string }): Promise<EventRegistration> {
  const { connection, rackbeat, tokenStore, event, url } = options;
  try {
    const first = await rackbeat.registerWebhook(event, url);
    if (first.token) {
      await tokenStore.set(connection.id, event, new Secret(first.token));
      return { event, state: 'registered', action: first.created ? 'created' : 'updated' };
    }
    if (await tokenStore.has(connection.id, event)) return { event, state: 'registered', action: 'updated' };
    await rackbeat.deleteWebhook(first.webhook.id);
    const again = await rackbeat.registerWebhook(event, url);
    if (!again.token) return { event, state: 'retrying', reason: 'Rackbeat did not return a token for the new webhook', retryAfterMs: undefined };
    await tokenStore.set(connection.id, event, new Secret(again.token));
    return { event, state: 'registered', action: 'recreated' };
  } catch (err) {
    if (err instanceof IntegrationError && !err.retryable) return { event, state: 'refused', reason: err.message };
    return { event, state: 'retrying', reason: err instanceof Error ? err.message : String(err), retryAfterMs: err instanceof RateLimitedError ? err.retryAfterMs : undefined };
  }
}

/** One pass over a connection's events, in order; stops at the first 429 (the rest would meet it too). */
export async function registerRackbeatWebhooks(options: { connection: Connection; rackbeat: WebhookRegistrar; publicUrl: string; tokenStore: WebhookTokenStore; events?: string[] }): Promise<EventRegistration[]> {
  const url = rackbeatWebhookUrl(options.publicUrl, options.connection.id);
  const results: EventRegistration[] = [];
  const events = options.events ?? rackbeatEventsFor(options.connection);
  for (const [i, event] of events.entries()) {
    const result = await registerRackbeatEvent({ ...options, url, event });
    results.push(result);
    if (result.state === 'retrying' && result.retryAfterMs !== undefined) {
      for (const rest of events.slice(i + 1)) results.push({ event: rest, state: 'retrying', reason: 'waiting for the rate limit to clear', retryAfterMs: result.retryAfterMs });
      break;
    }
  }
  return results;
}
