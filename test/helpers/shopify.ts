import Fastify, { type FastifyInstance } from 'fastify';
import { isInteger, isSafeNumber, parse } from 'lossless-json';
import { ShopifyClient } from '../../src/connectors/shopify';
import { SandboxContext } from '../../src/sandbox/common/context';
import type { Simulator } from '../../src/sandbox/common/simulator';
import { createShopifySimulator, SHOPIFY_SANDBOX_CREDENTIALS, type ShopifySimulatorSettings } from '../../src/sandbox/shopify';

export const API_VERSION = '2026-04';

/** A Shopify simulator mounted the way src/sandbox/server.ts mounts simulators, on a free port. */
export interface ShopifyHarness {
  app: FastifyInstance;
  ctx: SandboxContext;
  simulator: Simulator;
  url: string;
  /** Shop admin base, e.g. `http://127.0.0.1:PORT/shopify`. */
  admin: string;
  client: ShopifyClient;
  /** Raw REST/GraphQL call below `/admin/api/{version}`; big ids in the answer come back as strings. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, options?: { token?: string | null; version?: string }): Promise<{ status: number; headers: Headers; json: T; text: string }>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** JSON.parse, but integers beyond 2^53 stay exact as decimal strings (what a careful client does). */
export function parseLossless(text: string): unknown {
  return parse(text, null, (raw) => (isInteger(raw) && !isSafeNumber(raw) ? raw : Number(raw)));
}

export async function startShopify(overrides: Partial<ShopifySimulatorSettings> = {}): Promise<ShopifyHarness> {
  const ctx = new SandboxContext();
  let baseUrl = '';
  const simulator = createShopifySimulator({ ctx, publicUrl: () => baseUrl }, overrides);
  const app = Fastify({ logger: false });
  void app.register(async (scope) => simulator.registerApi(scope), { prefix: simulator.prefix });
  const registerControl = simulator.registerControl?.bind(simulator);
  if (registerControl) void app.register(async (scope) => registerControl(scope), { prefix: `/_sandbox/${simulator.system}` });
  simulator.seed();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = address;
  const admin = `${address}${simulator.prefix}`;

  const call: ShopifyHarness['call'] = async (method, path, body, options = {}) => {
    const token = options.token === undefined ? SHOPIFY_SANDBOX_CREDENTIALS.accessToken : options.token;
    const response = await fetch(`${admin}/admin/api/${options.version ?? API_VERSION}${path}`, {
      method,
      headers: { Accept: 'application/json', ...(token === null ? {} : { 'X-Shopify-Access-Token': token }), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: (text ? parseLossless(text) : undefined) as never };
  };
  const control = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${address}/_sandbox/shopify${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${text}`);
    return parseLossless(text) as T;
  };
  return {
    app,
    ctx,
    simulator,
    url: address,
    admin,
    client: new ShopifyClient({ baseUrl: admin, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken }),
    call,
    control,
    async reset() {
      simulator.reset();
      ctx.log.clear('shopify');
      ctx.faults.clear('shopify');
      simulator.seed();
    },
    async close() {
      await simulator.close?.();
      await app.close();
    },
  };
}

export interface ReceivedDelivery {
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received, for HMAC checks. */
  raw: string;
}

/** A receiver on a free port that answers `statuses` in turn (then 200) after `delaysMs` in turn (then at once), keeping raw bodies. */
export async function startReceiver(statuses: number[] = [], delaysMs: number[] = []): Promise<{ url: string; received: ReceivedDelivery[]; close(): Promise<void> }> {
  const app = Fastify();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const received: ReceivedDelivery[] = [];
  const queue = [...statuses];
  const delays = [...delaysMs];
  app.post('/hook', async (request, reply) => {
    received.push({ headers: request.headers, raw: request.body as string });
    const status = queue.shift() ?? 200;
    const delay = delays.shift() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return reply.code(status).send({ ok: true });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}/hook`, received, close: () => app.close() };
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
