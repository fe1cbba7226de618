import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import type { Connection } from '../config';
import { type DispatchResult, Dispatcher, TemporalUnavailableError } from './dispatch';
import { ANSWER_BUDGET_MS, ANSWER_MARGIN_MS, settleBy, temporalCallDeadlineMs, type WebhookSource } from './answer-budget';
import { type CodecServerOptions, registerCodecServer } from './codec-server';
import { createWebhookMetrics } from './metrics';
import type { WebhookErrorBody } from './outcome';
import { checkRackbeatToken, readRackbeatDelivery } from './rackbeat';
import { readShopifyDelivery } from './shopify';
import type { RegistrationStatus } from './registrar';
import type { WebhookTokenStore } from './token-store';
import { readWooDelivery } from './woocommerce';

/** Rackbeat payloads are thin; Shopify and WooCommerce send whole orders, rarely above a few hundred kB. */
export const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface WebhookServerOptions {
  connections: Connection[];
  client: Client;
  tokenStore: WebhookTokenStore;
  logger?: Logger;
  taskQueue?: string;
  /** Caps each Temporal call's deadline (tests use it to fail fast); the answer budgets in answer-budget.ts still bound every delivery. @default each source's budget less 1 s */
  temporalDeadlineMs?: number;
  /** Where each connection's Rackbeat webhook registration stands, for `/readyz`. */
  registrationStatus?: () => RegistrationStatus;
  /** Serve the codec server (POST /codec/encode, /codec/decode) for the Temporal Web UI. */
  codecServer?: CodecServerOptions;
}

/**
 * The webhook server (DESIGN.md §6): 2xx only once Temporal has durably accepted the event;
 * 400 bad payload, 401 bad token, 404 unknown connection, 413 too large, 503 Temporal unreachable.
 */
export function buildWebhookServer(options: WebhookServerOptions): FastifyInstance {
  const app = Fastify({ ...(options.logger ? { loggerInstance: options.logger } : {}), logController: new LogController({ disableRequestLogging: true }), bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }) as unknown as FastifyInstance;
  const connections = new Map(options.connections.map((c) => [c.id, c]));
  const metrics = createWebhookMetrics();
  // One dispatcher per source: each Temporal call's deadline sits inside that sender's answer budget.
  const dispatcherFor = (source: WebhookSource): Dispatcher =>
    new Dispatcher({ client: options.client, ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}), deadlineMs: Math.min(options.temporalDeadlineMs ?? Infinity, temporalCallDeadlineMs(source)) });
  const dispatchers = { rackbeat: dispatcherFor('rackbeat'), shopify: dispatcherFor('shopify'), woocommerce: dispatcherFor('woocommerce') };

  // Keep the raw bytes: the delivery id is their hash, and signatures (webshops) are computed over them.
  // WooCommerce's creation ping is form-encoded.
  app.addContentTypeParser(['application/json', 'text/plain', 'application/x-www-form-urlencoded'], { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    done(null, body);
  });

  // Dispatches still running after their 503 (Temporal hung): closing waits for them, so the
  // Temporal connection is not closed under calls that would then fail outside any handler.
  const unsettled = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...unsettled]);
  });

  const fail = (reply: FastifyReply, status: number, body: WebhookErrorBody): FastifyReply => reply.code(status).send(body);

  /** Answers one delivery: 2xx only after Temporal accepted it; 503 (with Retry-After) when it could not. */
  const route = (source: WebhookSource, handle: (connection: Connection, raw: Buffer, request: FastifyRequest) => Promise<{ status: number; body: unknown }>): void => {
    app.post<{ Params: { connectionId: string } }>(`/webhooks/${source}/:connectionId`, async (request, reply) => {
      const started = process.hrtime.bigint();
      // From arrival, not from the first Temporal call: the sender's clock started when it sent.
      // Fastify's elapsedTime counts from routing, before the body is read (in a burst, bodies wait their turn).
      const answerAtMs = Date.now() - reply.elapsedTime + ANSWER_BUDGET_MS[source] - ANSWER_MARGIN_MS;
      const connection = connections.get(request.params.connectionId);
      if (!connection) {
        fail(reply, 404, { error: 'unknown_connection', message: `no connection '${request.params.connectionId}' is configured` });
      } else {
        try {
          const work = handle(connection, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), request);
          unsettled.add(work);
          work.then(
            () => unsettled.delete(work),
            () => unsettled.delete(work),
          );
          const answer = await settleBy(answerAtMs, work);
          reply.code(answer.status).send(answer.body);
        } catch (err) {
          if (!(err instanceof TemporalUnavailableError)) throw err;
          request.log.warn({ connectionId: connection.id, source }, 'Temporal unavailable; answered 503 so the sender retries');
          reply.code(503).header('Retry-After', '5').send({ error: 'temporal_unavailable', message: 'the event was not recorded; retry later' } satisfies WebhookErrorBody);
        }
      }
      metrics.deliveries.inc({ source, status: String(reply.statusCode) });
      metrics.latency.observe({ source }, Number(process.hrtime.bigint() - started) / 1e9);
      return reply;
    });
  };
  const refusal = (outcome: { status: number; error: string; message: string; issues?: { path: string; message: string }[] | undefined }) => ({
    status: outcome.status,
    body: { error: outcome.error, message: outcome.message, ...(outcome.issues ? { issues: outcome.issues } : {}) } satisfies WebhookErrorBody,
  });
  const accepted = (result: DispatchResult) => ({ status: result.status === 'accepted' ? 202 : 200, body: result });
  const notConfigured = (connection: Connection, source: string) => ({ status: 404, body: { error: 'unknown_connection', message: `connection '${connection.id}' has no ${source} section` } satisfies WebhookErrorBody });

  route('rackbeat', async (connection, raw, request) => {
    const store = options.tokenStore;
    let refused = checkRackbeatToken(request.headers, [...connection.rackbeat.webhookTokens, ...(await store.tokens(connection.id))]);
    // Unknown here may be known to the store: another receiver registered the webhook since.
    if (refused?.error === 'invalid_token' && store.refresh) refused = checkRackbeatToken(request.headers, [...connection.rackbeat.webhookTokens, ...(await store.refresh(connection.id))]);
    if (refused) return refusal(refused);
    const outcome = readRackbeatDelivery(request.headers, raw);
    if (!outcome.ok) return refusal(outcome);
    return accepted(await dispatchers.rackbeat.rackbeat(connection, outcome.event, new Date()));
  });

  route('shopify', async (connection, raw, request) => {
    if (!connection.shopify) return notConfigured(connection, 'shopify');
    const outcome = readShopifyDelivery(request.headers, raw, connection.shopify);
    if (!outcome.ok) return refusal(outcome);
    const { topic, resourceId, webhookId, name, orderId } = outcome.event;
    return accepted(await dispatchers.shopify.webshop(connection, { source: 'shopify', topic, resourceId, deliveryId: webhookId, name, shopOrderId: orderId }, new Date()));
  });

  route('woocommerce', async (connection, raw, request) => {
    if (!connection.woocommerce) return notConfigured(connection, 'woocommerce');
    const outcome = readWooDelivery(request.headers, raw, connection.woocommerce);
    if (!outcome.ok) return refusal(outcome);
    const delivery = outcome.event;
    // WooCommerce wants exactly 200 for its creation ping.
    if (delivery.kind === 'ping') return { status: 200, body: { status: 'ignored', reason: 'webhook creation ping' } };
    if (delivery.status === 'checkout-draft') return { status: 200, body: { status: 'ignored', reason: 'checkout-draft orders are carts, not orders yet' } };
    return accepted(await dispatchers.woocommerce.webshop(connection, { source: 'woocommerce', topic: delivery.topic, resourceId: delivery.resourceId, deliveryId: delivery.deliveryKey, refundIds: delivery.refundIds }, new Date()));
  });

  if (options.codecServer) registerCodecServer(app, options.codecServer);

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.client.withDeadline(Date.now() + 2_000, () => options.client.workflowService.getSystemInfo({}));
      // Refused or pending webhooks do not make the receiver unready: the poller covers those changes.
      return { ok: true, temporal: 'reachable', ...(options.registrationStatus ? { rackbeatWebhooks: options.registrationStatus() } : {}) };
    } catch {
      return reply.code(503).send({ error: 'temporal_unavailable', message: 'Temporal is not reachable' } satisfies WebhookErrorBody);
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  app.setNotFoundHandler((request, reply) => fail(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` }));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, { error: 'payload_too_large', message: `body exceeds ${request.routeOptions.bodyLimit ?? WEBHOOK_BODY_LIMIT_BYTES} bytes` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 400, { error: 'unsupported_media_type', message: 'Content-Type must be application/json' });
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode, { error: 'bad_request', message: error.message });
    request.log.error({ err: error }, 'webhook handling failed');
    return fail(reply, 500, { error: 'internal', message: 'the event was not recorded; retry later' });
  });
  return app;
}
