import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SandboxContext } from './common/context';
import { faultSchema } from './common/faults';
import type { Simulator, SimulatorOptions } from './common/simulator';
import { createEconomicSimulator, type EconomicSimulatorSettings } from './economic';
import { createNetvisorSimulator } from './netvisor';
import { createRackbeatSimulator, type RackbeatSimulatorSettings } from './rackbeat';
import { createShopifySimulator, type ShopifySimulatorSettings } from './shopify';
import { createWooCommerceSimulator, type WooCommerceSimulatorSettings } from './woocommerce';

export interface SandboxOptions {
  /** Rate limits per system; a limit of 0 turns it off. */
  rateLimits?: Partial<Record<string, { limit: number; windowMs: number }>>;
  rackbeat?: Partial<RackbeatSimulatorSettings>;
  woocommerce?: Partial<WooCommerceSimulatorSettings>;
  shopify?: Partial<ShopifySimulatorSettings>;
  /** `contractSchemasDir`: validate every e-conomic write against the published schemas (tests). */
  economic?: EconomicSimulatorSettings;
  /** Load demo data at start. @default true */
  seed?: boolean;
  logger?: boolean;
}

/** Documented defaults: Rackbeat's own client budgets 480 requests/minute per token. */
export const DEFAULT_RATE_LIMITS = {
  rackbeat: { limit: 480, windowMs: 60_000 },
  economic: { limit: 1_000, windowMs: 60_000 },
} as const;

export interface Sandbox {
  app: FastifyInstance;
  ctx: SandboxContext;
  simulators: Map<string, Simulator>;
  /** Base URL once listening, e.g. `http://127.0.0.1:4000`. */
  url: () => string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const systemBody = z.object({ system: z.string().optional() }).strict().default({});
const rateLimitBody = z.object({ limit: z.number().int().nonnegative(), windowMs: z.number().int().positive() }).strict();

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits } as Record<string, { limit: number; windowMs: number }>;
  const ctx = new SandboxContext(limits);
  let baseUrl = 'http://127.0.0.1:4000';
  const simOptions: SimulatorOptions = { ctx, publicUrl: () => baseUrl };
  const simulators = new Map<string, Simulator>();
  for (const sim of [
    createRackbeatSimulator(simOptions, options.rackbeat ?? {}),
    createEconomicSimulator(simOptions, options.economic ?? {}),
    createNetvisorSimulator(simOptions),
    createShopifySimulator(simOptions, options.shopify ?? {}),
    createWooCommerceSimulator(simOptions, options.woocommerce ?? {}),
  ]) {
    simulators.set(sim.system, sim);
  }

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  for (const sim of simulators.values()) {
    void app.register(async (scope) => sim.registerApi(scope), { prefix: sim.prefix });
    if (sim.registerControl) {
      const register = sim.registerControl.bind(sim);
      void app.register(async (scope) => register(scope), { prefix: `/_sandbox/${sim.system}` });
    }
  }
  registerControl(app, ctx, simulators);
  if (options.seed !== false) for (const sim of simulators.values()) sim.seed();

  return {
    app,
    ctx,
    simulators,
    url: () => baseUrl,
    async listen(port = 4000, host = '127.0.0.1') {
      const address = await app.listen({ port, host });
      baseUrl = address.replace('[::1]', '127.0.0.1');
      return baseUrl;
    },
    async close() {
      for (const sim of simulators.values()) await sim.close?.();
      await app.close();
    },
  };
}

function registerControl(app: FastifyInstance, ctx: SandboxContext, simulators: Map<string, Simulator>): void {
  const pick = (system: string | undefined): Simulator[] => {
    if (!system) return [...simulators.values()];
    const sim = simulators.get(system);
    if (!sim) throw Object.assign(new Error(`unknown system '${system}'; known: ${[...simulators.keys()].join(', ')}`), { statusCode: 404 });
    return [sim];
  };

  app.post('/_sandbox/reset', async (request) => {
    const { system } = systemBody.parse(request.body ?? {});
    for (const sim of pick(system)) {
      sim.reset();
      ctx.faults.clear(sim.system);
      ctx.log.clear(sim.system);
      ctx.limiter(sim.system).reset();
    }
    return { ok: true };
  });

  app.post('/_sandbox/seed', async (request) => {
    const { system } = systemBody.parse(request.body ?? {});
    for (const sim of pick(system)) sim.seed();
    return { ok: true };
  });

  app.get('/_sandbox/faults', async () => ({ faults: ctx.faults.all(), pending: ctx.faults.pending() }));
  app.post('/_sandbox/faults', async (request, reply) => {
    const fault = faultSchema.parse(request.body);
    pick(fault.system);
    return reply.code(201).send({ fault: ctx.faults.add(fault) });
  });
  app.delete('/_sandbox/faults', async () => {
    ctx.faults.clear();
    return { ok: true };
  });

  app.get('/_sandbox/requests', async (request) => {
    const q = z
      .object({ system: z.string().optional(), method: z.string().optional(), path: z.string().optional() })
      .parse(request.query);
    return {
      requests: ctx.log.list({
        ...(q.system ? { system: q.system } : {}),
        ...(q.method ? { method: q.method } : {}),
        ...(q.path ? { pathPrefix: q.path } : {}),
      }),
    };
  });
  app.delete('/_sandbox/requests', async () => {
    ctx.log.clear();
    return { ok: true };
  });

  app.get('/_sandbox/rate-limits/:system', async (request) => {
    const { system } = request.params as { system: string };
    pick(system);
    return ctx.limiter(system).settings;
  });
  app.put('/_sandbox/rate-limits/:system', async (request) => {
    const { system } = request.params as { system: string };
    pick(system);
    const limiter = ctx.limiter(system);
    limiter.settings = rateLimitBody.parse(request.body);
    limiter.reset();
    return limiter.settings;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; issues?: unknown }, request, reply) => {
    if (request.url.startsWith('/_sandbox') && error instanceof z.ZodError) {
      return reply.code(400).send({ error: 'invalid control request', issues: error.issues });
    }
    return reply.code(error.statusCode ?? 500).send({ error: error.message });
  });
}
