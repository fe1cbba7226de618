import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { DEFAULT_RACKBEAT_SETTINGS, type RackbeatSimulatorSettings } from './settings';

export { DEFAULT_RACKBEAT_SETTINGS, type RackbeatSimulatorSettings };

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
    settings,
    orders: new OrderService(store, settings),
    fulfilment: new FulfilmentService(store, settings),
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
