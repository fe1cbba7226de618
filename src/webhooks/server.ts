import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import type { Connection } from '../config';
import type { Secret } from '../domain/secret';
import { Dispatcher, TemporalUnavailableError } from './dispatch';
import { createWebhookMetrics } from './metrics';
import type { WebhookErrorBody } from './outcome';
import { checkRackbeatToken, readRackbeatDelivery } from './rackbeat';
import type { WebhookTokenStore } from './token-store';

/** Rackbeat payloads are thin; anything near this size is not a Rackbeat webhook. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

export interface WebhookServerOptions {
  connections: Connection[];
  client: Client;
  tokenStore: WebhookTokenStore;
  logger?: Logger;
  taskQueue?: string;
  /** @default 5000 */
  temporalDeadlineMs?: number;
}

/**
 * The webhook server (DESIGN.md §6): 2xx only once Temporal has durably accepted the event;
 * 400 bad payload, 401 bad token, 404 unknown connection, 413 too large, 503 Temporal unreachable.
 */
export function buildWebhookServer(options: WebhookServerOptions): FastifyInstance {
  const app = Fastify({ ...(options.logger ? { loggerInstance: options.logger } : {}), logController: new LogController({ disableRequestLogging: true }), bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }) as unknown as FastifyInstance;
  const connections = new Map(options.connections.map((c) => [c.id, c]));
  const dispatcher = new Dispatcher({ client: options.client, ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}), ...(options.temporalDeadlineMs ? { deadlineMs: options.temporalDeadlineMs } : {}) });
  const metrics = createWebhookMetrics();

  // Keep the raw bytes: the delivery id is their hash, and signatures (webshops) are computed over them.
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    done(null, body);
  });

  const fail = (reply: FastifyReply, status: number, body: WebhookErrorBody): FastifyReply => reply.code(status).send(body);

  app.post<{ Params: { connectionId: string } }>('/webhooks/rackbeat/:connectionId', async (request, reply) => {
    const started = process.hrtime.bigint();
    const answer = async (): Promise<FastifyReply> => {
      const connection = connections.get(request.params.connectionId);
      if (!connection) return fail(reply, 404, { error: 'unknown_connection', message: `no connection '${request.params.connectionId}' is configured` });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const tokens: Secret[] = [...connection.rackbeat.webhookTokens, ...options.tokenStore.tokens(connection.id)];
      const refused = checkRackbeatToken(request.headers, tokens);
      if (refused) return fail(reply, refused.status, { error: refused.error, message: refused.message });
      const outcome = readRackbeatDelivery(request.headers, raw);
      if (!outcome.ok) return fail(reply, outcome.status, { error: outcome.error, message: outcome.message, ...(outcome.issues ? { issues: outcome.issues } : {}) });
      try {
        const result = await dispatcher.rackbeat(connection, outcome.event, new Date());
        return reply.code(result.status === 'accepted' ? 202 : 200).send(result);
      } catch (err) {
        if (err instanceof TemporalUnavailableError) {
          request.log.warn({ connectionId: connection.id, event: outcome.event.event }, 'Temporal unavailable; answered 503 so Rackbeat retries');
          return reply.code(503).header('Retry-After', '5').send({ error: 'temporal_unavailable', message: 'the event was not recorded; retry later' } satisfies WebhookErrorBody);
        }
        throw err;
      }
    };
    await answer();
    metrics.deliveries.inc({ source: 'rackbeat', status: String(reply.statusCode) });
    metrics.latency.observe({ source: 'rackbeat' }, Number(process.hrtime.bigint() - started) / 1e9);
    return reply;
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.client.withDeadline(Date.now() + 2_000, () => options.client.workflowService.getSystemInfo({}));
      return { ok: true, temporal: 'reachable' };
    } catch {
      return reply.code(503).send({ error: 'temporal_unavailable', message: 'Temporal is not reachable' } satisfies WebhookErrorBody);
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  app.setNotFoundHandler((request, reply) => fail(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` }));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, { error: 'payload_too_large', message: `body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 400, { error: 'unsupported_media_type', message: 'Content-Type must be application/json' });
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode, { error: 'bad_request', message: error.message });
    request.log.error({ err: error }, 'webhook handling failed');
    return fail(reply, 500, { error: 'internal', message: 'the event was not recorded; retry later' });
  });
  return app;
}
