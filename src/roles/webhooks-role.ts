import { Client, Connection } from '@temporalio/client';
import { ClientRegistry } from '../activities/clients';
import { ensureSearchAttributes } from '../temporal/ensure-search-attributes';
import { PayloadCipherCodec } from '../temporal/codec/payload-cipher';
import { ensureRackbeatPollSchedules } from '../temporal/rackbeat-poll-schedules';
import { ensureDigestSchedules } from '../temporal/digest-schedules';
import { ensureStockSchedules } from '../temporal/stock-schedules';
import { ensureWebshopSchedules } from '../temporal/webshop-schedules';
import { RackbeatWebhookRegistrar } from '../webhooks/registrar';
import { registerWebshopWebhooks } from '../activities/webshop/subscriptions';
import { buildWebhookServer } from '../webhooks/server';
import { TemporalTokenStore } from '../webhooks/temporal-token-store';
import type { RoleContext } from './context';

export interface RunningReceiver {
  /** Where this process listens, e.g. http://127.0.0.1:3000. */
  localUrl: string;
  /** What the senders are told (PUBLIC_URL: the load balancer in front of every receiver). */
  publicUrl: string;
}

/**
 * A webhook receiver: answers deliveries once Temporal has them, and does the start-up work that
 * must exist once per namespace — search attributes, Rackbeat and webshop webhook subscriptions,
 * schedules. Every step is idempotent and safe when several receivers start at once: adding a
 * search attribute that appeared meanwhile is not an error, schedules are created or updated by
 * id, Rackbeat tokens are kept in Temporal (TemporalTokenStore) so whichever receiver registered
 * a webhook, all accept its token.
 */
export async function startWebhooksRole(ctx: RoleContext, address: string, options: { uiOrigins?: string[]; registerSearchAttributes?: boolean } = {}): Promise<RunningReceiver> {
  const { runtime, logger, stops, connections, codecKeys, codecEnv } = ctx;
  const connection = await Connection.connect({ address });
  stops.push(() => connection.close());
  if (options.registerSearchAttributes !== false) {
    const added = await ensureSearchAttributes(connection, runtime.temporalNamespace);
    if (added.length) logger.info({ added }, 'registered search attributes');
  }
  const client = new Client({ connection, namespace: runtime.temporalNamespace, dataConverter: ctx.dataConverter });
  const clients = new ClientRegistry(connections);
  const tokenStore = new TemporalTokenStore({ client });

  const localUrl = `http://${runtime.host === '0.0.0.0' ? '127.0.0.1' : runtime.host}:${runtime.port}`;
  const publicUrl = runtime.publicUrl ?? ctx.filePublicUrl ?? localUrl;
  const codecServer = codecKeys ? { codec: new PayloadCipherCodec(codecKeys), authToken: codecEnv.authToken, corsOrigins: [...codecEnv.corsOrigins, ...(options.uiOrigins ?? [])] } : undefined;
  // In the background, never fatal: a 429 or a refused event name must not stop the receivers.
  const registrar = new RackbeatWebhookRegistrar({ connections, rackbeatOf: (id) => clients.get(id).rackbeat, publicUrl, tokenStore, logger });
  const app = buildWebhookServer({ connections, client, tokenStore, logger, registrationStatus: () => registrar.status(), ...(codecServer ? { codecServer } : {}) });
  await app.listen({ port: runtime.port, host: runtime.host });
  stops.push(() => app.close());
  const address_ = app.server.address();
  const boundUrl = typeof address_ === 'object' && address_ ? `http://${runtime.host === '0.0.0.0' ? '127.0.0.1' : runtime.host}:${address_.port}` : localUrl;
  registrar.start();
  stops.push(async () => registrar.stop());

  for (const conn of connections) {
    // Not fatal: every reconcile run re-registers what is missing (and removes duplicates two receivers made at once).
    await registerWebshopWebhooks({ connection: conn, shops: clients.get(conn.id), publicUrl }).then(
      (changes) => changes.length && logger.info({ connectionId: conn.id, webhooks: changes.map((c) => `${c.source} ${c.topic}:${c.action}`) }, 'webshop webhooks registered'),
      (err: unknown) => logger.warn({ err, connectionId: conn.id }, 'webshop webhook registration failed; the reconcile schedule retries it'),
    );
  }
  const schedules = await ensureWebshopSchedules(client, connections, { publicUrl });
  if (schedules.length) logger.info({ schedules: schedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'webshop reconcile schedules');
  const pollSchedules = await ensureRackbeatPollSchedules(client, connections);
  if (pollSchedules.length) logger.info({ schedules: pollSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'Rackbeat poll schedules');
  const stockSchedules = await ensureStockSchedules(client, connections);
  if (stockSchedules.length) logger.info({ schedules: stockSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'stock reconcile schedules');
  const digestSchedules = await ensureDigestSchedules(client, connections);
  if (digestSchedules.length) logger.info({ schedules: digestSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'daily digest schedules');
  logger.info({ url: boundUrl, publicUrl, address, namespace: runtime.temporalNamespace }, 'webhooks ready');
  return { localUrl: boundUrl, publicUrl };
}
