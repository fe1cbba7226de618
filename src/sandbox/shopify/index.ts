import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { instrument } from '../common/instrument';
import type { Simulator, SimulatorOptions } from '../common/simulator';
import { CatalogService } from './catalog';
import { registerShopifyControl } from './control';
import type { RouteDeps } from './deps';
import { INVALID_TOKEN_MESSAGE, REST_THROTTLE_MESSAGE, ShopifyHttpError } from './errors';
import { FulfilmentService } from './fulfilment';
import { type IdempotentAnswer, registerGraphql } from './graphql';
import { fromJson, toJson } from './json';
import { CostBucket, LeakyBucket } from './limits';
import type { ShopEvent } from './models';
import { OrderService } from './orders';
import { registerCatalogRoutes } from './routes-catalog';
import { registerOrderRoutes } from './routes-orders';
import { registerWebhookRoutes } from './routes-webhooks';
import { seedShopify } from './seed';
import { DEFAULT_SHOPIFY_SETTINGS, type ShopifySimulatorSettings } from './settings';
import { ClientSecret } from './signing';
import { ShopifyStore } from './store';
import { WebhookDispatcher } from './webhooks';

export { SHOPIFY_SANDBOX_CREDENTIALS } from './credentials';
export { UNKNOWN_TO_RACKBEAT_SKU } from './seed';
export { DEFAULT_SHOPIFY_SETTINGS, SHOP, type ShopifySimulatorSettings } from './settings';
export { FIRED_TOPICS } from './routes-webhooks';
export type { Delivery, SignedAttempt } from './webhooks';

export const SHOPIFY_PREFIX = '/shopify';
const TOKEN_HEADER = 'x-shopify-access-token';

/**
 * Stateful Shopify Admin API (REST + the GraphQL operations rackbridge uses) under `/shopify`,
 * with REST leaky-bucket and GraphQL cost limits, and signed outgoing webhooks that retry.
 */
export function createShopifySimulator(options: SimulatorOptions, overrides: Partial<ShopifySimulatorSettings>): Simulator {
  const settings: ShopifySimulatorSettings = { ...DEFAULT_SHOPIFY_SETTINGS, ...overrides };
  const store = new ShopifyStore();
  const secret = new ClientSecret();
  const dispatcher = new WebhookDispatcher(store, settings, secret);
  const catalog = new CatalogService(store);
  const restBucket = new LeakyBucket(() => ({ size: settings.restBucketSize, leakPerSecond: settings.restLeakPerSecond }));
  const costs = new CostBucket(() => ({ maximumAvailable: settings.graphqlMaximumAvailable, restoreRate: settings.graphqlRestoreRate }));
  const idempotency = new Map<string, IdempotentAnswer>();
  const publish = (events: ShopEvent[]): void => dispatcher.dispatch(events);
  const deps: RouteDeps = {
    store,
    catalog,
    orders: new OrderService(store),
    fulfilment: new FulfilmentService(store),
    mutate: <T>(change: (events: ShopEvent[]) => T): T => {
      const events: ShopEvent[] = [];
      const result = change(events);
      publish(events);
      return result;
    },
    publicBase: () => `${options.publicUrl()}${SHOPIFY_PREFIX}`,
  };
  const resetLimits = (): void => {
    restBucket.reset();
    costs.reset();
  };

  return {
    system: 'shopify',
    prefix: SHOPIFY_PREFIX,
    registerApi(app: FastifyInstance) {
      useLosslessJson(app);
      app.setErrorHandler(sendError);
      app.setNotFoundHandler((_request, reply) => reply.code(404).send({ errors: 'Not Found' }));
      instrument(app, options.ctx, {
        system: 'shopify',
        // Shopify's limits are a leaky bucket and a cost bucket (below), not the shared fixed window.
        tokenOf: () => undefined,
        rateLimitBody: () => ({ errors: REST_THROTTLE_MESSAGE }),
        serverErrorBody: (status) => ({ errors: status === 503 ? 'Service Unavailable' : 'Internal Server Error' }),
      });
      app.addHook('preHandler', async (request, reply) => {
        const token = tokenOf(request);
        const version = /\/admin\/api\/([^/]+)\//.exec(request.url)?.[1];
        if (version) reply.header('X-Shopify-API-Version', version);
        if (!settings.accessTokens.includes(token)) return reply.code(401).send({ errors: INVALID_TOKEN_MESSAGE });
        if (request.url.split('?')[0]?.endsWith('/graphql.json')) return undefined;
        const hit = restBucket.hit(token);
        if (!hit.ok) {
          return reply.code(429).header('Retry-After', (Math.ceil(hit.waitMs / 100) / 10).toFixed(1)).header('X-Shopify-Shop-Api-Call-Limit', `${hit.size}/${hit.size}`).send({ errors: REST_THROTTLE_MESSAGE });
        }
        reply.header('X-Shopify-Shop-Api-Call-Limit', `${hit.used}/${hit.size}`);
        return undefined;
      });
      registerCatalogRoutes(app, deps);
      registerOrderRoutes(app, deps);
      registerWebhookRoutes(app, deps);
      registerGraphql(app, { store, catalog, fulfilment: deps.fulfilment, costs, publish, tokenOf, idempotency });
    },
    registerControl(app: FastifyInstance) {
      useLosslessJson(app);
      app.setErrorHandler(sendControlError);
      registerShopifyControl(app, { ...deps, dispatcher, settings, secret, resetLimits });
    },
    reset() {
      dispatcher.reset();
      store.reset();
      secret.reset();
      idempotency.clear();
      resetLimits();
    },
    seed() {
      seedShopify(store, catalog);
    },
    async close() {
      await dispatcher.close();
    },
  };
}

function tokenOf(request: FastifyRequest): string {
  const value = request.headers[TOKEN_HEADER];
  return typeof value === 'string' ? value : '';
}

/** Request bodies keep ids beyond 2^53 exact; replies write bigint ids as raw JSON numbers. */
function useLosslessJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, fromJson(text));
    } catch (err) {
      done(Object.assign(new Error(`Malformed JSON body: ${(err as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
  app.setReplySerializer((payload) => toJson(payload));
}

function sendControlError(error: Error & { statusCode?: number }, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ZodError) return reply.code(400).send({ error: 'invalid control request', issues: error.issues });
  if (error instanceof ShopifyHttpError) return reply.code(error.statusCode).send({ errors: error.errors });
  return reply.code(error.statusCode ?? 500).send({ error: error.message });
}

function sendError(error: Error & { statusCode?: number; issues?: unknown }, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ShopifyHttpError) return reply.code(error.statusCode).send({ errors: error.errors });
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'shopify simulator error');
    return reply.code(500).send({ errors: 'Internal Server Error' });
  }
  return reply.code(status).send({ errors: error.message });
}
