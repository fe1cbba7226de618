import { join } from 'node:path';
import { ConfigError } from '../config';
import { type DevServer, startDevServer } from '../temporal/dev-server';
import { loadRoleContext, type Role, type RoleContext } from './context';
import { startWebhooksRole } from './webhooks-role';
import { startWorkerRole } from './worker-role';

/**
 * Runs one role until SIGINT/SIGTERM: `start` (dev server unless TEMPORAL_ADDRESS, worker,
 * receiver, and the sandbox without CONNECTIONS_FILE), `worker`, or `webhooks`. Exit 2 on a
 * configuration error, 1 on any other start-up failure.
 */
export async function runRole(role: Role): Promise<void> {
  let ctx: RoleContext | undefined;
  try {
    ctx = await loadRoleContext(role);
    const { until } = await startRole(ctx);
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      ctx!.logger.info({ signal }, 'shutting down');
      void ctx!.stops.all().then(() => process.exit(0));
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    await until;
  } catch (err) {
    await ctx?.stops.all();
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

/** Starts the role's parts; `until` settles when the process should end (wrapped: an awaited promise would be waited for). */
async function startRole(ctx: RoleContext): Promise<{ until: Promise<unknown> }> {
  const { runtime } = ctx;
  if (ctx.role !== 'start') {
    if (!runtime.temporalAddress) throw new ConfigError('environment', [`rackbridge ${ctx.role} needs TEMPORAL_ADDRESS (host:port of the Temporal frontend); only 'rackbridge start' runs a dev server`]);
    if (ctx.role === 'worker') return { until: (await startWorkerRole(ctx, runtime.temporalAddress)).run };
    await startWebhooksRole(ctx, runtime.temporalAddress);
    return { until: new Promise(() => undefined) };
  }

  const webhookBase = `http://${runtime.host === '0.0.0.0' ? '127.0.0.1' : runtime.host}:${runtime.port}`;
  let devServer: DevServer | undefined;
  let address = runtime.temporalAddress;
  if (!address) {
    devServer = await startDevServer({
      port: Number(process.env.TEMPORAL_PORT ?? 7233),
      uiPort: runtime.temporalUiPort,
      dbFilename: join(runtime.dataDir, 'temporal.sqlite'),
      namespace: runtime.temporalNamespace,
      ...(ctx.codecKeys ? { uiCodecEndpoint: `${webhookBase}/codec` } : {}),
    });
    ctx.stops.push(() => devServer!.stop());
    address = devServer.address;
  }
  const worker = await startWorkerRole(ctx, address);
  const uiOrigins = devServer ? [`http://127.0.0.1:${runtime.temporalUiPort}`, `http://localhost:${runtime.temporalUiPort}`] : [];
  // The dev server registers the search attributes itself.
  const receiver = await startWebhooksRole(ctx, address, { uiOrigins, registerSearchAttributes: !devServer });
  printBanner(ctx, { address, webhookBase: receiver.localUrl, publicUrl: receiver.publicUrl, uiUrl: devServer?.uiUrl });
  return { until: worker.run };
}

function printBanner(ctx: RoleContext, at: { address: string; webhookBase: string; publicUrl: string; uiUrl: string | undefined }): void {
  const { runtime, codecKeys, sandbox } = ctx;
  const { webhookBase } = at;
  const lines = [
    'rackbridge is running',
    `  webhooks      ${webhookBase}/webhooks/{rackbeat,shopify,woocommerce}/:connectionId   (public: ${at.publicUrl})`,
    `  health        ${webhookBase}/healthz  ${webhookBase}/readyz  ${webhookBase}/metrics`,
    `  temporal      ${at.address} (namespace ${runtime.temporalNamespace})`,
    codecKeys ? `  encryption    payloads AES-256-GCM with key id ${codecKeys.current.id}; codec server ${webhookBase}/codec` : '  encryption    off (set RACKBRIDGE_CODEC_KEYS, see docs/encryption.md)',
    ...(at.uiUrl ? [`  web ui        ${at.uiUrl}/namespaces/${runtime.temporalNamespace}/workflows`] : []),
    ...(sandbox
      ? [
          `  sandbox       ${sandbox.url()}/rackbeat/api  ${sandbox.url()}/economic  ${sandbox.url()}/netvisor  ${sandbox.url()}/shopify  ${sandbox.url()}/woocommerce  control ${sandbox.url()}/_sandbox/`,
          `  connections   demo (Shopify + WooCommerce → Rackbeat → e-conomic), demo-fi (Rackbeat → Netvisor); try: npm run cli -- demo`,
        ]
      : [`  connections   ${ctx.connections.map((c) => c.id).join(', ')}`]),
    'Ctrl-C stops everything.',
  ];
  console.log(lines.join('\n'));
}
