import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { instrument } from '../common/instrument';
import { parseJsonBodies } from '../common/json-body';
import type { Simulator, SimulatorOptions } from '../common/simulator';
import { authenticate, type NonceStore, requestConsumerKey } from './auth';
import { registerWooCommerceControl } from './control';
import type { WooDeps } from './deps';
import { WpError } from './errors';
import type { ResourceEvent } from './models';
import { OrderService } from './orders';
import { WooViews } from './present';
import { ProductService } from './products';
import { registerOrderRoutes } from './routes-orders';
import { registerProductRoutes } from './routes-products';
import { registerRefundRoutes } from './routes-refunds';
import { RefundService } from './refunds';
import { registerWebhookRoutes } from './routes-webhooks';
import { seedWooCommerce } from './seed';
import { DEFAULT_WOOCOMMERCE_SETTINGS, type WooCommerceSimulatorSettings } from './settings';
import { WooStore } from './store';
import { WebhookDispatcher } from './webhooks';
import { WOOCOMMERCE_REST_PATH } from '../../connectors/woocommerce/version';

export { WOOCOMMERCE_SANDBOX_CREDENTIALS } from './credentials';
export { DEFAULT_WOOCOMMERCE_SETTINGS, type WooCommerceSimulatorSettings } from './settings';
export type { Delivery as WooCommerceDelivery } from './webhooks';

/** The REST base the simulator serves: the connector's pinned namespace (src/connectors/woocommerce/version.ts). */
export { WOOCOMMERCE_REST_PATH };

/**
 * A stateful WooCommerce site at `/woocommerce` (REST API at `/woocommerce/wp-json/wc/v3`) with
 * WooCommerce's webhook queue: coalescing, payload at delivery time, no re-send, auto-disable.
 */
export function createWooCommerceSimulator(options: SimulatorOptions, overrides: Partial<WooCommerceSimulatorSettings>): Simulator {
  const settings: WooCommerceSimulatorSettings = { ...DEFAULT_WOOCOMMERCE_SETTINGS, ...overrides };
  const nonces: NonceStore = new Map();
  const prefix = '/woocommerce';
  const siteUrl = () => `${options.publicUrl()}${prefix}/`;
  const apiUrl = () => `${options.publicUrl()}${prefix}${WOOCOMMERCE_REST_PATH}`;
  const store = new WooStore();
  const views = new WooViews(store, apiUrl, siteUrl, settings);
  const render = (resource: string, id: number): Record<string, unknown> | undefined => {
    if (resource === 'order') {
      const order = store.orders.get(id);
      return order && views.order(order);
    }
    if (resource === 'product') {
      const product = store.products.get(id);
      const variation = store.variations.get(id);
      return product ? views.product(product) : variation && views.variationAsProduct(variation);
    }
    return undefined;
  };
  const dispatcher = new WebhookDispatcher(store, settings, render, siteUrl);
  const orders = new OrderService(store, settings);
  const deps: WooDeps = {
    store,
    views,
    orders,
    refunds: new RefundService(store, orders),
    products: new ProductService(store, settings),
    dispatcher,
    settings,
    apiUrl,
    mutate: <T>(change: (events: ResourceEvent[]) => T): T => {
      const events: ResourceEvent[] = [];
      const result = change(events);
      dispatcher.enqueue(events);
      return result;
    },
  };

  return {
    system: 'woocommerce',
    prefix,
    registerApi(app: FastifyInstance) {
      parseJsonLikeWordPress(app);
      app.setErrorHandler(sendWpError);
      app.setNotFoundHandler((_request, reply) =>
        reply.code(404).send({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }),
      );
      instrument(app, options.ctx, {
        system: 'woocommerce',
        tokenOf: requestConsumerKey,
        // WooCommerce has no REST rate limit; a host or firewall in front of it might answer so.
        rateLimitBody: () => ({ code: 'rest_too_many_requests', message: 'Too many requests.', data: { status: 429 } }),
        serverErrorBody: (status) => ({ code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status }, additional_errors: [] }),
      });
      void app.register(
        async (rest) => {
          rest.addHook('onRequest', async (request) => {
            request.query = phpQuery(request.query);
          });
          rest.addHook('preHandler', async (request, reply) => {
            const refusal = authenticate(request, settings, nonces);
            if (refusal) return reply.code(refusal.statusCode).send(refusal.toBody());
          });
          registerOrderRoutes(rest, deps);
          registerRefundRoutes(rest, deps);
          registerProductRoutes(rest, deps);
          registerWebhookRoutes(rest, deps);
        },
        { prefix: WOOCOMMERCE_REST_PATH },
      );
    },
    registerControl(app: FastifyInstance) {
      registerWooCommerceControl(app, deps);
    },
    reset() {
      nonces.clear();
      dispatcher.reset();
      store.reset();
    },
    seed() {
      seedWooCommerce(store);
    },
    async close() {
      await dispatcher.close();
    },
  };
}

/** WordPress takes an empty body as no parameters and answers bad JSON with `rest_invalid_json`. */
function parseJsonLikeWordPress(app: FastifyInstance): void {
  parseJsonBodies(app, (err) => new WpError(400, 'rest_invalid_json', 'Invalid JSON body passed.', { json_error_message: err.message }));
}

/**
 * PHP's `$_GET` for a repeated plain key keeps the last value (`?a=1&a=2` → `a=2`); Fastify's parser
 * gives an array. The official JS client sends its query twice over HTTP (in the URL and again
 * with the OAuth parameters), which WordPress reads as the one value.
 */
function phpQuery(query: unknown): Record<string, unknown> {
  if (!query || typeof query !== 'object') return {};
  return Object.fromEntries(Object.entries(query as Record<string, unknown>).map(([key, value]) => [key, Array.isArray(value) && !key.endsWith('[]') ? value.at(-1) : value]));
}

function sendWpError(error: FastifyError | WpError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof WpError) return reply.code(error.statusCode).send(error.toBody());
  const status = error.statusCode ?? 500;
  if (status >= 500) return reply.code(500).send({ code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } });
  return reply.code(status).send({ code: 'rest_invalid_request', message: error.message, data: { status } });
}
