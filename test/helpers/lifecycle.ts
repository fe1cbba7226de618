import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { ClientRegistry } from '../../src/activities/clients';
import { type Connection, DEFAULT_ORDER_SETTINGS, type OrderSettings } from '../../src/config';
import { EconomicClient } from '../../src/connectors/economic';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { Secret } from '../../src/domain/secret';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { SANDBOX_ECONOMIC_MAPPING } from '../../src/domain/economic';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import type { DevServer } from '../../src/temporal/dev-server';
import { registerRackbeatWebhooks } from '../../src/webhooks/register';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { orderWorkflowId, statusQuery } from '../../src/workflows/order/contract';
import { createWorker } from '../../src/worker';
import { eventually, startTestTemporal } from './temporal';

/** One connection of the harness: its own pair of simulators, so its webhooks reach only its workflows. */
export interface HarnessConnection {
  id: string;
  connection: Connection;
  sandbox: Sandbox;
  rackbeat: RackbeatClient;
  economic: EconomicClient;
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
}

export interface LifecycleHarness {
  temporal: DevServer;
  webhookBase: string;
  tokenStore: MemoryTokenStore;
  conn(id: string): HarnessConnection;
  status(connectionId: string, orderNumber: number | string): Promise<TransferStatus>;
  /** Waits until the transfer reaches `stage` (and the predicate holds), returning its status. */
  waitFor(connectionId: string, orderNumber: number | string, stage: string, extra?: (s: TransferStatus) => boolean): Promise<TransferStatus>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** A connection wired to one sandbox, as the config loader would build it. */
export function sandboxConnection(id: string, sandboxUrl: string, settings: Partial<OrderSettings>, notifyUrl?: string): Connection {
  return {
    id,
    rackbeat: { baseUrl: `${sandboxUrl}/rackbeat/api`, apiToken: new Secret(SANDBOX_CREDENTIALS.rackbeat.apiToken), webhookTokens: [], registerWebhooks: true, consumerName: 'rackbridge tests', consumerContact: 'tests@rackbridge.invalid' },
    economic: {
      baseUrl: `${sandboxUrl}/economic`,
      appSecretToken: new Secret(SANDBOX_CREDENTIALS.economic.appSecretToken),
      agreementGrantToken: new Secret(SANDBOX_CREDENTIALS.economic.agreementGrantToken),
      mapping: SANDBOX_ECONOMIC_MAPPING,
    },
    netvisor: undefined,
    orders: { ...DEFAULT_ORDER_SETTINGS, ...settings },
    notify: { url: notifyUrl },
  };
}

export async function startLifecycleHarness(
  specs: { id: string; settings?: Partial<OrderSettings>; notifyUrl?: string; customise?: (connection: Connection, sandboxUrl: string) => Connection }[],
  options: { worker?: boolean; catalogTtlMs?: number; rackbeatWebhookRetryDelaysMs?: number[] } = {},
): Promise<LifecycleHarness> {
  const temporal = await startTestTemporal();
  const conns = new Map<string, HarnessConnection>();
  for (const spec of specs) {
    const sandbox = createSandbox({
      rackbeat: { webhookRetryDelaysMs: options.rackbeatWebhookRetryDelaysMs ?? [200, 500, 1000, 2000] },
      rateLimits: { rackbeat: { limit: 0, windowMs: 1000 }, economic: { limit: 0, windowMs: 1000 }, netvisor: { limit: 0, windowMs: 1000 } },
    });
    const url = await sandbox.listen(0);
    const base = sandboxConnection(spec.id, url, spec.settings ?? {}, spec.notifyUrl);
    const connection = spec.customise ? spec.customise(base, url) : base;
    conns.set(spec.id, {
      id: spec.id,
      connection,
      sandbox,
      rackbeat: new RackbeatClient({ baseUrl: `${url}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken }),
      economic: new EconomicClient({ baseUrl: `${url}/economic`, appSecretToken: SANDBOX_CREDENTIALS.economic.appSecretToken, agreementGrantToken: SANDBOX_CREDENTIALS.economic.agreementGrantToken }),
      control: async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
        const res = await fetch(`${url}/_sandbox${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
        if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${await res.text()}`);
        return (await res.json()) as T;
      },
    });
  }
  const connections = [...conns.values()].map((c) => c.connection);
  const tokenStore = new MemoryTokenStore();
  const app: FastifyInstance = buildWebhookServer({ connections, client: temporal.env.client, tokenStore });
  const webhookBase = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const c of conns.values()) await registerRackbeatWebhooks({ connection: c.connection, rackbeat: c.rackbeat, publicUrl: webhookBase, tokenStore });

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const clients = new ClientRegistry(connections);
  const harness: LifecycleHarness = {
    temporal,
    webhookBase,
    tokenStore,
    conn: (id) => {
      const c = conns.get(id);
      if (!c) throw new Error(`no harness connection ${id}`);
      return c;
    },
    status: (connectionId, orderNumber) => temporal.env.client.workflow.getHandle(orderWorkflowId(connectionId, orderNumber)).query(statusQuery),
    waitFor: (connectionId, orderNumber, stage, extra) => {
      let last: TransferStatus | undefined;
      return eventually(
        async () => {
          last = await harness.status(connectionId, orderNumber);
          return last.stage === stage && (!extra || extra(last)) ? last : undefined;
        },
        () => `order ${orderNumber} of ${connectionId} to reach ${stage}; last status: ${JSON.stringify(last)}`,
        30_000,
      );
    },
    async startWorker() {
      worker = await createWorker({
        connection: temporal.env.nativeConnection,
        namespace: temporal.namespace,
        deps: { clients, ...(options.catalogTtlMs === undefined ? {} : { catalogTtlMs: options.catalogTtlMs }) },
      });
      running = worker.run();
    },
    async stopWorker() {
      worker?.shutdown();
      await running;
      worker = undefined;
    },
    async close() {
      if (worker) await harness.stopWorker();
      await app.close();
      for (const c of conns.values()) await c.sandbox.close();
      await temporal.stop();
    },
  };
  if (options.worker !== false) await harness.startWorker();
  return harness;
}

/** Books, ships (one shipment of everything) — what a warehouse user does in Rackbeat. */
export async function shipOrder(rackbeat: RackbeatClient, orderNumber: number): Promise<void> {
  const shipment = await rackbeat.createShipment(orderNumber);
  await rackbeat.markShipmentShipped(shipment.id);
}
