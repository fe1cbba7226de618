import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ClientRegistry } from './activities/clients';
import { ConfigError, type Connection as RackbridgeConnection, loadConnectionsFile, readRuntimeEnv } from './config';
import { createLogger } from './logger';
import { demoConnection, demoFinlandConnection } from './sandbox/demo-connection';
import { createSandbox, type Sandbox } from './sandbox/server';
import { readCodecEnv } from './temporal/codec/codec-env';
import { rackbridgeDataConverter } from './temporal/codec/data-converter';
import { PayloadCipherCodec } from './temporal/codec/payload-cipher';
import { loadOrCreateSandboxKeys } from './temporal/codec/sandbox-keys';
import { type DevServer, startDevServer } from './temporal/dev-server';
import { ensureSearchAttributes } from './temporal/ensure-search-attributes';
import { installTemporalRuntime } from './temporal/logger';
import { ensureStockSchedules } from './temporal/stock-schedules';
import { ensureWebshopSchedules } from './temporal/webshop-schedules';
import { RackbeatWebhookRegistrar } from './webhooks/registrar';
import { ensureRackbeatPollSchedules } from './temporal/rackbeat-poll-schedules';
import { ensureDigestSchedules } from './temporal/digest-schedules';
import { registerWebshopWebhooks } from './webhooks/register-webshops';
import { buildWebhookServer } from './webhooks/server';
import { FileTokenStore } from './webhooks/token-store';
import { createWorker } from './worker';

/**
 * `npm start`: the Temporal dev server (unless TEMPORAL_ADDRESS is set), the worker, the webhook
 * server, and — with no CONNECTIONS_FILE — the sandbox with a `demo` connection wired to it.
 */
async function main(): Promise<void> {
  const runtime = readRuntimeEnv(process.env);
  const codecEnv = readCodecEnv(process.env);
  const logger = createLogger(runtime.logLevel);
  // Before anything touches Temporal's core runtime (the dev server launcher does).
  installTemporalRuntime(logger);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
  };

  try {
    let sandbox: Sandbox | undefined;
    let connections: RackbridgeConnection[];
    let filePublicUrl: string | undefined;
    if (runtime.connectionsFile) {
      const file = loadConnectionsFile(runtime.connectionsFile, process.env);
      connections = file.connections;
      filePublicUrl = file.publicUrl;
    } else {
      sandbox = createSandbox();
      await sandbox.listen(runtime.sandboxPort, runtime.host);
      stops.push(() => sandbox!.close());
      connections = [demoConnection(sandbox.url()), demoFinlandConnection(sandbox.url())];
    }

    // Sandbox mode always encrypts (a key generated once into DATA_DIR), so the Web UI's codec path runs every day.
    const codecKeys = codecEnv.keys ?? (sandbox ? loadOrCreateSandboxKeys(runtime.dataDir) : undefined);
    const dataConverter = rackbridgeDataConverter(codecKeys);
    const webhookBase = `http://${runtime.host === '0.0.0.0' ? '127.0.0.1' : runtime.host}:${runtime.port}`;

    let devServer: DevServer | undefined;
    let address = runtime.temporalAddress;
    if (!address) {
      devServer = await startDevServer({
        port: Number(process.env.TEMPORAL_PORT ?? 7233),
        uiPort: runtime.temporalUiPort,
        dbFilename: join(runtime.dataDir, 'temporal.sqlite'),
        namespace: runtime.temporalNamespace,
        ...(codecKeys ? { uiCodecEndpoint: `${webhookBase}/codec` } : {}),
      });
      stops.push(() => devServer!.stop());
      address = devServer.address;
    }

    const connection = await Connection.connect({ address });
    stops.push(() => connection.close());
    if (!devServer) {
      const added = await ensureSearchAttributes(connection, runtime.temporalNamespace);
      if (added.length) logger.info({ added }, 'registered search attributes');
    }
    const client = new Client({ connection, namespace: runtime.temporalNamespace, dataConverter });

    const nativeConnection = await NativeConnection.connect({ address });
    const clients = new ClientRegistry(connections);
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: runtime.temporalNamespace,
      deps: { clients, temporalClient: client },
      dataConverter,
      prebuilt: process.env.NODE_ENV === 'production',
    });
    const workerRun = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await workerRun;
      await nativeConnection.close();
    });

    const tokenStore = new FileTokenStore(join(runtime.dataDir, 'webhook-tokens.json'));
    const uiOrigins = devServer ? [`http://127.0.0.1:${runtime.temporalUiPort}`, `http://localhost:${runtime.temporalUiPort}`] : [];
    const codecServer = codecKeys ? { codec: new PayloadCipherCodec(codecKeys), authToken: codecEnv.authToken, corsOrigins: [...codecEnv.corsOrigins, ...uiOrigins] } : undefined;
    const publicUrl = runtime.publicUrl ?? filePublicUrl ?? webhookBase;
    // In the background, never fatal: a 429 or a refused event name must not stop the receivers.
    const registrar = new RackbeatWebhookRegistrar({ connections, rackbeatOf: (id) => clients.get(id).rackbeat, publicUrl, tokenStore, logger });
    const app = buildWebhookServer({ connections, client, tokenStore, logger, registrationStatus: () => registrar.status(), ...(codecServer ? { codecServer } : {}) });
    await app.listen({ port: runtime.port, host: runtime.host });
    stops.push(() => app.close());
    registrar.start();
    stops.push(async () => registrar.stop());

    for (const conn of connections) {
      // Not fatal: every reconcile run re-registers what is missing.
      await registerWebshopWebhooks({ connection: conn, shops: clients.get(conn.id), publicUrl }).then(
        (changes) => changes.length && logger.info({ connectionId: conn.id, webhooks: changes.map((c) => `${c.source} ${c.topic}:${c.action}`) }, 'webshop webhooks registered'),
        (err: unknown) => logger.warn({ err, connectionId: conn.id }, 'webshop webhook registration failed; the reconcile schedule retries it'),
      );
    }
    const schedules = await ensureWebshopSchedules(client, connections, { publicUrl });
    if (schedules.length) logger.info({ schedules: schedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'webshop reconcile schedules');
    const pollSchedules = await ensureRackbeatPollSchedules(client, connections);
    if (pollSchedules.length) logger.info({ schedules: pollSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'Rackbeat poll schedules');
    const stockSchedules = await ensureStockSchedules(client, connections);
    if (stockSchedules.length) logger.info({ schedules: stockSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'stock reconcile schedules');
    const digestSchedules = await ensureDigestSchedules(client, connections);
    if (digestSchedules.length) logger.info({ schedules: digestSchedules.map((s) => `${s.scheduleId}:${s.action}`) }, 'daily digest schedules');

    const lines = [
      'rackbridge is running',
      `  webhooks      ${webhookBase}/webhooks/{rackbeat,shopify,woocommerce}/:connectionId   (public: ${publicUrl})`,
      `  health        ${webhookBase}/healthz  ${webhookBase}/readyz  ${webhookBase}/metrics`,
      `  temporal      ${address} (namespace ${runtime.temporalNamespace})`,
      codecKeys ? `  encryption    payloads AES-256-GCM with key id ${codecKeys.current.id}; codec server ${webhookBase}/codec` : '  encryption    off (set RACKBRIDGE_CODEC_KEYS, see docs/encryption.md)',
      ...(devServer?.uiUrl ? [`  web ui        ${devServer.uiUrl}/namespaces/${runtime.temporalNamespace}/workflows`] : []),
      ...(sandbox
        ? [
            `  sandbox       ${sandbox.url()}/rackbeat/api  ${sandbox.url()}/economic  ${sandbox.url()}/netvisor  ${sandbox.url()}/shopify  ${sandbox.url()}/woocommerce  control ${sandbox.url()}/_sandbox/`,
            `  connections   demo (Shopify + WooCommerce → Rackbeat → e-conomic), demo-fi (Rackbeat → Netvisor); try: npm run cli -- demo`,
          ]
        : [`  connections   ${connections.map((c) => c.id).join(', ')}`]),
      'Ctrl-C stops everything.',
    ];
    console.log(lines.join('\n'));

    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      void stopAll().then(() => process.exit(0));
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    await workerRun;
  } catch (err) {
    await stopAll();
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
