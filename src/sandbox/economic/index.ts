import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SANDBOX_CREDENTIALS } from '../defaults';
import { instrument } from '../common/instrument';
import type { Simulator, SimulatorOptions } from '../common/simulator';
import { EconomicContract } from './contract';
import { EconomicHttpError, errorBody, notFound } from './errors';
import { IdempotencyCache, WRITE_METHODS } from './idempotency';
import { Presenter } from './present';
import { registerCustomerRoutes } from './routes-customers';
import { registerInvoiceRoutes } from './routes-invoices';
import { registerJournalRoutes } from './routes-journals';
import { registerMasterRoutes } from './routes-master';
import { registerOrderRoutes } from './routes-orders';
import { registerProductRoutes } from './routes-products';
import { seedEconomic } from './seed';
import { EconomicStore } from './store';
import { stateSnapshot } from './state';

const DEMO_TOKEN = 'demo';
const agreementBody = z.object({ inventoryModule: z.boolean() }).strict();
const clockBody = z.object({ advanceMs: z.number().int().nonnegative() }).strict();

export interface EconomicSimulatorSettings {
  /**
   * A folder of e-conomic's published schemas (`*.post|put.schema.json`): contract mode, every
   * write body is validated against its schema and refused with a 400 if it does not conform.
   * Ignored when the folder is absent.
   */
  contractSchemasDir?: string | undefined;
}

/** Visma e-conomic's legacy REST API (restapi.e-conomic.com), mounted at `/economic`. */
export function createEconomicSimulator(options: SimulatorOptions, settings: EconomicSimulatorSettings = {}): Simulator {
  const store = new EconomicStore();
  const contract = EconomicContract.load(settings.contractSchemasDir);
  const present = new Presenter(store, () => `${options.publicUrl()}/economic`);
  const cache = new IdempotencyCache(() => store.now().getTime());
  const grantOf = (request: FastifyRequest): string | undefined => header(request, 'x-agreementgranttoken');

  return {
    system: 'economic',
    prefix: '/economic',
    registerApi(app: FastifyInstance) {
      // Accept any media type at parse time so the 415 answer is logged and in e-conomic's shape.
      app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      // Registered before instrument(): a dropped response is cached before the socket is cut.
      app.addHook('onSend', async (request, reply, payload) => {
        if (!request.sandboxForgetIdempotencyKey) cache.remember(request, reply, grantOf(request) ?? '', payload);
        return payload;
      });
      instrument(app, options.ctx, {
        system: 'economic',
        tokenOf: grantOf,
        rateLimitBody: (seconds) => errorBody(429, 'Too many requests.', `The agreement has exceeded its request budget. Retry after ${seconds} seconds.`),
        serverErrorBody: (status) => errorBody(status, 'An error occurred on the server. Try again or contact support.', 'A temporary problem; retry the request.'),
      });
      app.addHook('preHandler', async (request, reply) => {
        if (refuse(request, reply)) return reply;
        if (contract) checkContract(contract, request);
        if (cache.replay(request, reply, grantOf(request) ?? '')) return reply;
        return undefined;
      });
      app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
        if (error instanceof EconomicHttpError) return reply.code(error.status).send(error.body);
        const status = error.statusCode;
        if (status !== undefined && status >= 400 && status < 500) {
          return reply.code(status).send(errorBody(status, status === 400 ? 'The request could not be read.' : error.message, error.message));
        }
        return reply.code(500).send(errorBody(500, 'An error occurred on the server. Try again or contact support.', error.message));
      });
      app.setNotFoundHandler((_request, reply) => reply.code(404).send(notFound().body));
      const deps = { store, present };
      registerMasterRoutes(app, deps);
      registerCustomerRoutes(app, deps);
      registerProductRoutes(app, deps);
      registerOrderRoutes(app, deps);
      registerInvoiceRoutes(app, deps);
      registerJournalRoutes(app, deps);
    },
    registerControl(app: FastifyInstance) {
      app.put('/agreement', async (request) => {
        store.agreement = { ...store.agreement, ...agreementBody.parse(request.body) };
        return store.agreement;
      });
      app.post('/clock', async (request) => {
        store.clockOffsetMs += clockBody.parse(request.body).advanceMs;
        return { now: store.now().toISOString() };
      });
      app.get('/state', async () => stateSnapshot(store));
    },
    reset() {
      store.reset();
      cache.clear();
    },
    seed() {
      seedEconomic(store);
    },
  };
}

/** Token check (401), demo tokens read-only (403), JSON-only writes (415). Returns whether it answered. */
function refuse(request: FastifyRequest, reply: FastifyReply): boolean {
  const secret = header(request, 'x-appsecrettoken');
  const grant = header(request, 'x-agreementgranttoken');
  const { economic } = SANDBOX_CREDENTIALS;
  const demo = (secret === DEMO_TOKEN && grant === DEMO_TOKEN) || (request.query as Record<string, unknown>).demo === 'true';
  const valid = secret === economic.appSecretToken && grant === economic.agreementGrantToken;
  if (!valid && !demo) {
    void reply.code(401).send(errorBody(401, 'Unauthorized access (401): missing or invalid X-AppSecretToken or X-AgreementGrantToken.', 'Send both token headers. To try the API read-only, use the value demo for both, or add ?demo=true.'));
    return true;
  }
  const write = WRITE_METHODS.has(request.method);
  if (!valid && write) {
    void reply.code(403).send(errorBody(403, 'The demo agreement is read-only.', 'Only GET requests are allowed with the demo tokens.'));
    return true;
  }
  if (write && request.method !== 'DELETE' && !/^application\/json\b/i.test(header(request, 'content-type') ?? '')) {
    void reply.code(415).send(errorBody(415, 'Unsupported media type.', 'The API only accepts application/json request bodies.'));
    return true;
  }
  return false;
}

/** Validates a write body against its published schema; throws e-conomic's 400 when it does not conform. */
function checkContract(contract: EconomicContract, request: FastifyRequest): void {
  if (!WRITE_METHODS.has(request.method) || request.method === 'DELETE') return;
  const path = request.sandboxLog?.path ?? request.url.split('?')[0] ?? '';
  const { check, issues } = contract.check(request.method, path, request.body);
  if (request.sandboxLog) request.sandboxLog.contract = check;
  if (!check.valid) issues.throwIfAny(`The request body does not conform to the published schema ${check.schema ?? ''}: ${check.errors.join('; ')}`);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
