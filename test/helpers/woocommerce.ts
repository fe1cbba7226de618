import { signWooOAuthQuery } from '../../src/connectors/woocommerce/oauth';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import { SandboxContext } from '../../src/sandbox/common/context';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import type { Simulator } from '../../src/sandbox/common/simulator';
import { createWooCommerceSimulator, WOOCOMMERCE_SANDBOX_CREDENTIALS, type WooCommerceSimulatorSettings } from '../../src/sandbox/woocommerce';

/** The WooCommerce simulator mounted the way the sandbox server mounts simulators, on a free port. */
export interface WooHarness {
  app: FastifyInstance;
  ctx: SandboxContext;
  sim: Simulator;
  /** Site URL with the trailing slash, as `X-WC-Webhook-Source` carries it. */
  site: string;
  api: string;
  client: WooCommerceClient;
  /** A REST call signed with OAuth 1.0a in the query (what WooCommerce wants over plain HTTP). */
  call<T = unknown>(method: string, path: string, body?: unknown, auth?: { key: string; secret: string }): Promise<{ status: number; headers: Headers; json: T }>;
  /** A REST call with HTTP Basic (accepted only when the site counts as HTTPS). */
  callBasic<T = unknown>(method: string, path: string, body?: unknown, auth?: { key: string; secret: string }): Promise<{ status: number; headers: Headers; json: T }>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** REST requests the simulator received (request log, system `woocommerce`). */
  requests(): LoggedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export async function startWooCommerce(overrides: Partial<WooCommerceSimulatorSettings> = {}): Promise<WooHarness> {
  const ctx = new SandboxContext({});
  let baseUrl = '';
  const sim = createWooCommerceSimulator({ ctx, publicUrl: () => baseUrl }, overrides);
  const app = Fastify({ logger: false });
  void app.register(async (scope) => sim.registerApi(scope), { prefix: sim.prefix });
  void app.register(
    async (scope) => {
      scope.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
        if (error instanceof z.ZodError) return reply.code(400).send({ error: 'invalid control request', issues: error.issues });
        return reply.code(error.statusCode ?? 500).send({ error: error.message });
      });
      sim.registerControl?.(scope);
    },
    { prefix: `/_sandbox/${sim.system}` },
  );
  baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('[::1]', '127.0.0.1');
  sim.seed();
  const site = `${baseUrl}/woocommerce/`;
  const api = `${baseUrl}/woocommerce/wp-json/wc/v3`;
  const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const defaultAuth = { key: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, secret: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerSecret };
  const request = async <T,>(url: string, method: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    app,
    ctx,
    sim,
    site,
    api,
    client: new WooCommerceClient({ baseUrl: site, consumerKey: defaultAuth.key, consumerSecret: defaultAuth.secret, timeoutMs: 5_000 }),
    // Over plain HTTP WooCommerce reads only OAuth 1.0a, so the harness signs like a client would.
    call: (method, path, body, auth = defaultAuth) => request(oauthUrl(method, `${api}${path}`, auth), method, body, {}),
    callBasic: (method, path, body, auth = defaultAuth) => request(`${api}${path}`, method, body, { Authorization: basic(auth.key, auth.secret) }),
    control: (method, path, body) => request(`${baseUrl}/_sandbox/woocommerce${path}`, method, body, {}),
    requests: () => ctx.log.list({ system: 'woocommerce' }),
    reset() {
      sim.reset();
      ctx.log.clear();
      ctx.faults.clear();
      sim.seed();
    },
    async close() {
      await sim.close?.();
      await app.close();
    },
  };
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  /** The exact bytes received, for signature checks. */
  raw: string;
}

/** A receiver on a free port answering with `statuses` in turn (then 200); keeps raw bodies. */
export async function startWooReceiver(statuses: number[] = []): Promise<{ url: string; received: ReceivedHook[]; close(): Promise<void> }> {
  const received: ReceivedHook[] = [];
  const queue = [...statuses];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(queue.shift() ?? 200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/woo`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `url` with its query signed by WooCommerce's OAuth 1.0a rules. */
export function oauthUrl(method: string, url: string, auth: { key: string; secret: string }): string {
  const parsed = new URL(url);
  const query = Object.fromEntries(parsed.searchParams.entries());
  const signed = signWooOAuthQuery({ method: method.toUpperCase(), url: `${parsed.origin}${parsed.pathname}`, query, consumerKey: auth.key, consumerSecret: auth.secret });
  return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(signed).toString()}`;
}
