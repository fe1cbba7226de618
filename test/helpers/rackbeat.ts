import Fastify, { type FastifyInstance } from 'fastify';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';
import { economicContractSettings } from './economic-contract';

export interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number | 'dropped';
}

/** A sandbox on a free loopback port, a Rackbeat client for it, and raw HTTP helpers. */
export interface RackbeatHarness {
  sandbox: Sandbox;
  url: string;
  api: string;
  client: RackbeatClient;
  /** Raw call to the simulated API with the sandbox token (or `token`). */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; headers: Headers; json: T }>;
  /** Call to the control API under `/_sandbox`. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** The simulator's request log for Rackbeat. */
  requests(): Promise<LoggedCall[]>;
  close(): Promise<void>;
}

export async function startRackbeat(options: SandboxOptions = {}): Promise<RackbeatHarness> {
  const sandbox = createSandbox({ economic: economicContractSettings(), ...options });
  const url = await sandbox.listen(0);
  const api = `${url}/rackbeat/api`;
  const call = async <T,>(method: string, path: string, body?: unknown, token: string = SANDBOX_CREDENTIALS.rackbeat.apiToken) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as T };
  };
  const control = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    sandbox,
    url,
    api,
    client: new RackbeatClient({ baseUrl: api, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken, consumerName: 'rackbridge-tests', consumerContact: 'tests@rackbridge.test' }),
    call,
    control,
    requests: async () => (await control<{ requests: LoggedCall[] }>('GET', '/requests?system=rackbeat')).requests,
    close: () => sandbox.close(),
  };
}

export interface WebhookPayload {
  key: number | string;
  key_name: string;
  event: string;
  data: Record<string, unknown>;
  old_key?: number | string;
  new_key?: number | string;
  changed?: string[];
}

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  body: WebhookPayload;
}

/** A webhook receiver on a free port that answers with `statuses` in turn (then 200), after `delayMs`. */
export async function startReceiver(
  statuses: number[] = [],
  options: { delayMs?: number } = {},
): Promise<{ url: string; received: ReceivedWebhook[]; app: FastifyInstance; maxInFlight(): number; close(): Promise<void> }> {
  const app = Fastify();
  const received: ReceivedWebhook[] = [];
  const queue = [...statuses];
  let inFlight = 0;
  let most = 0;
  app.post('/hook', async (request, reply) => {
    received.push({ headers: request.headers, body: request.body as WebhookPayload });
    most = Math.max(most, ++inFlight);
    try {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return await reply.code(queue.shift() ?? 200).send({ ok: true });
    } finally {
      inFlight--;
    }
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}/hook`, received, app, maxInFlight: () => most, close: () => app.close() };
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
