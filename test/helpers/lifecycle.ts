import { Client, Connection as TemporalConnection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { ClientRegistry } from '../../src/activities/clients';
import { type Connection, DEFAULT_ORDER_SETTINGS, DEFAULT_WEBSHOP_SETTINGS, type OrderSettings } from '../../src/config';
import { EconomicClient } from '../../src/connectors/economic';
import { RackbeatClient } from '../../src/connectors/rackbeat';
import { Secret } from '../../src/domain/secret';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/defaults';
import { SANDBOX_ECONOMIC_MAPPING } from '../../src/domain/economic';
import { createSandbox, type Sandbox } from '../../src/sandbox/server';
import { economicContractSettings } from './economic-contract';
import type { DevServer, DevServerOptions } from '../../src/temporal/dev-server';
import { rackbridgeDataConverter } from '../../src/temporal/codec/data-converter';
import type { CodecKeyRing } from '../../src/temporal/codec/keys';
import { registerRackbeatWebhooks } from '../../src/webhooks/register';
import { ensureRackbeatPollSchedules, triggerRackbeatPoll } from '../../src/temporal/rackbeat-poll-schedules';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { ORDER_WORKFLOW_TYPE, type OrderLifecycleInput, orderEventSignal, orderWorkflowId, statusQuery, WEBSHOP_BOOKED_EVENT, type WebshopPayment, webshopBookedDeliveryId } from '../../src/workflows/order/contract';
import { TASK_QUEUE } from '../../src/temporal/start-transfer';
import type { OrderAccountingPort } from '../../src/activities/order-accounting/port';
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
  /** Runs the connection's Rackbeat poll now (what its schedule does every interval). */
  poll: () => Promise<void>;
}

export interface LifecycleHarness {
  temporal: DevServer;
  /** The client of the webhook server and the status queries (with the harness's codec). */
  client: Client;
  webhookBase: string;
  tokenStore: MemoryTokenStore;
  conn(id: string): HarnessConnection;
  status(connectionId: string, orderNumber: number | string): Promise<TransferStatus>;
  /** Waits until the transfer reaches `stage` (and the predicate holds), returning its status. */
  waitFor(connectionId: string, orderNumber: number | string, stage: string, extra?: (s: TransferStatus) => boolean): Promise<TransferStatus>;
  /** Starts the worker; `codecKeys` overrides the harness's keys (a worker started with other keys). */
  startWorker(codecKeys?: CodecKeyRing | null): Promise<void>;
  stopWorker(): Promise<void>;
  /**
   * Stops the Temporal server and starts it again on the same port and database file (needs the
   * `temporal` option with a `dbFilename`). The harness's client reconnects; an in-process worker
   * does not survive it, so use spawned workers.
   */
  restartTemporal(): Promise<void>;
  close(): Promise<void>;
}

/** How often harness connections poll Rackbeat (production: 2 minutes). */
export const TEST_POLL_INTERVAL_MS = 1_000;

/** A connection wired to one sandbox, as the config loader would build it. */
export function sandboxConnection(id: string, sandboxUrl: string, settings: Partial<OrderSettings>, notifyUrl?: string): Connection {
  return {
    id,
    rackbeat: {
      baseUrl: `${sandboxUrl}/rackbeat/api`,
      apiToken: new Secret(SANDBOX_CREDENTIALS.rackbeat.apiToken),
      webhookTokens: [],
      registerWebhooks: true,
      consumerName: 'rackbridge tests',
      consumerContact: 'tests@rackbridge.invalid',
      // Rackbeat fires no booking event: the poller is how a booked order is noticed.
      pollIntervalMs: TEST_POLL_INTERVAL_MS,
    },
    economic: {
      baseUrl: `${sandboxUrl}/economic`,
      appSecretToken: new Secret(SANDBOX_CREDENTIALS.economic.appSecretToken),
      agreementGrantToken: new Secret(SANDBOX_CREDENTIALS.economic.agreementGrantToken),
      mapping: SANDBOX_ECONOMIC_MAPPING,
    },
    netvisor: undefined,
    orders: { ...DEFAULT_ORDER_SETTINGS, ...settings },
    webshop: DEFAULT_WEBSHOP_SETTINGS,
    notify: { url: notifyUrl },
  };
}

export async function startLifecycleHarness(
  specs: { id: string; settings?: Partial<OrderSettings>; notifyUrl?: string; customise?: (connection: Connection, sandboxUrl: string) => Connection }[],
  options: {
    worker?: boolean;
    catalogTtlMs?: number;
    codecKeys?: CodecKeyRing;
    rackbeatWebhookRetryDelaysMs?: number[];
    temporal?: DevServerOptions;
    /** A Temporal server that is already running (scripts/cluster.sh, another dev server): used, not started or stopped. */
    external?: { address: string; namespace?: string };
    /** The in-process worker's order lifecycle invoices here instead of the connection's system (a test's own accounting system). */
    orderAccounting?: OrderAccountingPort;
  } = {},
): Promise<LifecycleHarness> {
  let temporal = options.external ? await externalTemporal(options.external) : await startTestTemporal(options.temporal);
  // A server that restarts keeps its address: the harness's own connection outlives the test environment's.
  const restartable = options.temporal?.dbFilename !== undefined ? { ...options.temporal, port: Number(temporal.address.split(':').pop()) } : undefined;
  const conns = new Map<string, HarnessConnection>();
  for (const spec of specs) {
    const sandbox = createSandbox({
      economic: economicContractSettings(),
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
      poll: async () => void (await triggerRackbeatPoll(harness.client, spec.id)),
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
  const connection = restartable ? await TemporalConnection.connect({ address: temporal.address }) : temporal.env.connection;
  const client = options.codecKeys || restartable ? new Client({ connection, namespace: temporal.namespace, ...(options.codecKeys ? { dataConverter: rackbridgeDataConverter(options.codecKeys) } : {}) }) : temporal.env.client;
  const app: FastifyInstance = buildWebhookServer({ connections, client, tokenStore });
  const webhookBase = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const c of conns.values()) {
    if (c.connection.rackbeat.registerWebhooks) await registerRackbeatWebhooks({ connection: c.connection, rackbeat: c.rackbeat, publicUrl: webhookBase, tokenStore });
  }
  await ensureRackbeatPollSchedules(temporal.env.client, connections);

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const clients = new ClientRegistry(connections);
  const harness: LifecycleHarness = {
    temporal,
    client,
    webhookBase,
    tokenStore,
    conn: (id) => {
      const c = conns.get(id);
      if (!c) throw new Error(`no harness connection ${id}`);
      return c;
    },
    status: (connectionId, orderNumber) => client.workflow.getHandle(orderWorkflowId(connectionId, orderNumber)).query(statusQuery),
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
    async startWorker(codecKeys) {
      const keys = codecKeys === undefined ? options.codecKeys : (codecKeys ?? undefined);
      worker = await createWorker({
        connection: temporal.env.nativeConnection,
        namespace: temporal.namespace,
        ...(keys ? { dataConverter: rackbridgeDataConverter(keys) } : {}),
        deps: { clients, ...(options.catalogTtlMs === undefined ? {} : { catalogTtlMs: options.catalogTtlMs }), ...(options.orderAccounting ? { orderAccounting: options.orderAccounting } : {}) },
      });
      running = worker.run();
    },
    async stopWorker() {
      worker?.shutdown();
      await running;
      worker = undefined;
    },
    async restartTemporal() {
      if (!restartable) throw new Error('restartTemporal needs the temporal option with a dbFilename');
      await temporal.stop();
      temporal = await startTestTemporal(restartable);
      harness.temporal = temporal;
    },
    async close() {
      if (worker) await harness.stopWorker();
      await app.close();
      // A server that outlives the harness must not keep polling simulators that are gone.
      if (options.external) await ensureRackbeatPollSchedules(temporal.env.client, connections.map((c) => ({ ...c, rackbeat: { ...c.rackbeat, pollIntervalMs: 0 } })));
      if (restartable) await connection.close();
      for (const c of conns.values()) await c.sandbox.close();
      await temporal.stop();
    },
  };
  if (options.worker !== false) await harness.startWorker();
  return harness;
}

/**
 * A running server in the shape of a started dev server: the harness, its worker and the benches
 * use `env.client`, `env.connection` and `env.nativeConnection`; stopping closes the connections only.
 */
async function externalTemporal(external: { address: string; namespace?: string }): Promise<DevServer> {
  const namespace = external.namespace ?? 'default';
  const connection = await TemporalConnection.connect({ address: external.address });
  const nativeConnection = await NativeConnection.connect({ address: external.address });
  const client = new Client({ connection, namespace });
  const env = { client, connection, nativeConnection, namespace } as unknown as DevServer['env'];
  return {
    env,
    address: external.address,
    namespace,
    uiUrl: undefined,
    stop: async () => {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

/**
 * A person cancels the order in Rackbeat's UI: the API has no attested cancel route, so the
 * sandbox's control route does it (and fires the webhooks Rackbeat would).
 */
export async function cancelInRackbeat(conn: Pick<HarnessConnection, 'control'>, orderNumber: number): Promise<void> {
  await conn.control('POST', `/rackbeat/orders/${orderNumber}/cancel`);
}

/** A person changes a booked order's line in Rackbeat: reopen (its lines are locked while booked), edit, book again. */
export async function editBookedLine(rackbeat: RackbeatClient, orderNumber: number, lineId: number, update: { quantity?: number; line_price?: number }): Promise<void> {
  await rackbeat.reopenOrder(orderNumber);
  await rackbeat.updateOrderLine(orderNumber, lineId, update);
  await rackbeat.bookOrder(orderNumber);
}

/** What the webshop transfer sends after booking a shop order: `webshop.booked`, with the shop's payment. */
export async function signalWebshopBooked(h: LifecycleHarness, connectionId: string, orderNumber: number, payment?: WebshopPayment): Promise<void> {
  const source = payment?.source ?? 'shopify';
  const shopOrderId = payment?.shopOrderId ?? String(orderNumber);
  await h.temporal.env.client.workflow.signalWithStart(ORDER_WORKFLOW_TYPE, {
    workflowId: orderWorkflowId(connectionId, orderNumber),
    taskQueue: TASK_QUEUE,
    args: [{ connectionId, orderNumber: String(orderNumber), settings: h.conn(connectionId).connection.orders } satisfies OrderLifecycleInput],
    signal: orderEventSignal,
    signalArgs: [{ deliveryId: webshopBookedDeliveryId(source, shopOrderId, payment !== undefined), event: WEBSHOP_BOOKED_EVENT, receivedAt: new Date().toISOString(), ...(payment ? { payment } : {}) }],
  });
}

/** Books, ships (one shipment of everything) — what a warehouse user does in Rackbeat. */
export async function shipOrder(rackbeat: RackbeatClient, orderNumber: number): Promise<void> {
  const shipment = await rackbeat.createShipment(orderNumber);
  await rackbeat.markShipmentShipped(shipment.id);
}
