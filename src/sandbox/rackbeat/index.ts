import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../defaults';
import { instrument } from '../common/instrument';
import { parseJsonBodies } from '../common/json-body';
import type { Simulator, SimulatorOptions } from '../common/simulator';
import { registerRackbeatControl } from './control';
import type { RouteDeps } from './deps';
import { FulfilmentService } from './fulfilment';
import { suppressesWebhooks, ValidationFailure } from './http';
import type { DomainEvent } from './models';
import { OrderService } from './orders';
import { PartyService } from './parties';
import { registerFulfilmentRoutes } from './routes-fulfilment';
import { registerOrderRoutes } from './routes-orders';
import { registerPartyRoutes } from './routes-parties';
import { registerWebhookRoutes } from './routes-webhooks';
import { seedRackbeat } from './seed';
import { RackbeatStore } from './store';
import { RackbeatViews } from './views';
import { WebhookDispatcher } from './webhooks';

export interface RackbeatSimulatorSettings {
  /**
   * Waits between webhook delivery attempts; its length is the number of retries.
   * @default 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h (about 24 h in all)
   */
  webhookRetryDelaysMs: number[];
  /** Time a receiver has to answer a delivery. @default 15000 */
  webhookTimeoutMs: number;
  /** Time allowed to connect to a receiver. @default 3000 */
  webhookConnectTimeoutMs: number;
  /** Bearer tokens the API accepts. @default [SANDBOX_CREDENTIALS.rackbeat.apiToken] */
  apiTokens: string[];
  /** Whether `POST /orders` books the order at once (unconfirmed upstream). @default false */
  ordersBookedOnCreate: boolean;
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_RACKBEAT_SETTINGS: RackbeatSimulatorSettings = {
  webhookRetryDelaysMs: [10 * SECOND_MS, 30 * SECOND_MS, MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 4 * HOUR_MS, 8 * HOUR_MS, 8 * HOUR_MS],
  webhookTimeoutMs: 15_000,
  webhookConnectTimeoutMs: 3_000,
  apiTokens: [SANDBOX_CREDENTIALS.rackbeat.apiToken],
  ordersBookedOnCreate: false,
};

/** Stateful Rackbeat API under `/rackbeat/api`, with outgoing webhooks that retry. */
export function createRackbeatSimulator(options: SimulatorOptions, overrides: Partial<RackbeatSimulatorSettings>): Simulator {
  const settings: RackbeatSimulatorSettings = { ...DEFAULT_RACKBEAT_SETTINGS, ...overrides };
  const prefix = '/rackbeat/api';
  const store = new RackbeatStore();
  const views = new RackbeatViews(store, () => `${options.publicUrl()}${prefix}`);
  const dispatcher = new WebhookDispatcher(store, settings);
  const deps: RouteDeps = {
    store,
    views,
    dispatcher,
    orders: new OrderService(store, settings),
    fulfilment: new FulfilmentService(store),
    parties: new PartyService(store),
    mutate: <T>(request: FastifyRequest, change: (events: DomainEvent[]) => T): T => {
      const events: DomainEvent[] = [];
      const result = change(events);
      if (!suppressesWebhooks(request)) dispatcher.dispatch(events);
      return result;
    },
  };

  return {
    system: 'rackbeat',
    prefix,
    registerApi(app: FastifyInstance) {
      acceptEmptyJson(app);
      app.setErrorHandler(sendError);
      app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: 'Not Found.' }));
      instrument(app, options.ctx, {
        system: 'rackbeat',
        tokenOf: bearerToken,
        rateLimitBody: () => ({ message: 'Too Many Attempts.' }),
        serverErrorBody: (status) => ({ message: status === 503 ? 'Service Unavailable' : 'Server Error' }),
      });
      app.addHook('preHandler', async (request, reply) => {
        const token = bearerToken(request);
        if (token === undefined || !settings.apiTokens.includes(token)) return reply.code(401).send({ message: 'Unauthenticated.' });
      });
      registerPartyRoutes(app, deps);
      registerOrderRoutes(app, deps);
      registerFulfilmentRoutes(app, deps);
      registerWebhookRoutes(app, deps);
    },
    registerControl(app: FastifyInstance) {
      registerRackbeatControl(app, { store, views, dispatcher, settings, orders: deps.orders });
    },
    reset() {
      dispatcher.reset();
      store.reset();
    },
    seed() {
      seedRackbeat(store);
    },
    async close() {
      await dispatcher.close();
    },
  };
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Laravel ignores an empty body sent with `Content-Type: application/json`; Fastify would answer 400. */
function acceptEmptyJson(app: FastifyInstance): void {
  parseJsonBodies(app, (err) => Object.assign(new Error(`Malformed JSON body: ${err.message}`), { statusCode: 400 }));
}

function sendError(error: Error & { statusCode?: number }, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ValidationFailure) return reply.code(422).send({ message: 'The given data was invalid.', errors: error.errors });
  const status = error.statusCode ?? 500;
  if (status >= 500) return reply.code(500).send({ message: 'Server Error' });
  return reply.code(status).send({ message: error.message });
}
