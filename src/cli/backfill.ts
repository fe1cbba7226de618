import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { CatalogCache } from '../activities/economic-catalog';
import { ClientRegistry } from '../activities/clients';
import { type Connection, loadConnectionsFile } from '../config';
import { createWebshopPorts } from '../activities/webshop/ports';
import { planNetvisorInvoiceBackfill, planOrderBackfill, planWebshopOrderBackfill } from '../preview/backfill-plan';
import { type DocumentPreview, formatPreview, summarise, toStart } from '../preview/document-preview';
import { type NetvisorPreviewDeps, previewNetvisorDocument } from '../preview/netvisor-document';
import { formatOrderPreview, orderDocumentPreview, type OrderPreviewDeps, previewOrder } from '../preview/order';
import { previewTargetOf } from '../preview/targets';
import { previewWebshopOrder, type WebshopPreviewDeps } from '../preview/webshop-order';
import { demoConnection } from '../sandbox/demo-connection';
import { ConnectionIdKey, FlowKey, SourceRefKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from '../temporal/start-transfer';
import { BACKFILL_FLOW, BACKFILL_FLOWS, BACKFILL_SOURCES, BACKFILL_WORKFLOW_TYPE, type BackfillFlow, type BackfillInput, backfillProgressQuery, backfillSourceRef, backfillWorkflowId, DEFAULT_BACKFILL_PER_MINUTE } from '../workflows/backfill/contract';
import type { backfill } from '../workflows/backfill/workflow';

interface Out {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The connection from CONNECTIONS_FILE, or the sandbox's demo connection (`--sandbox <url>`). */
export function resolveConnection(connectionId: string, opts: { sandbox?: string }, env: NodeJS.ProcessEnv): Connection {
  if (opts.sandbox) return { ...demoConnection(opts.sandbox.replace(/\/+$/, '')), id: connectionId };
  if (!env.CONNECTIONS_FILE) throw new Error('set CONNECTIONS_FILE to the connections file, or use --sandbox <url> for the sandbox');
  const connection = loadConnectionsFile(env.CONNECTIONS_FILE, env).connections.find((c) => c.id === connectionId);
  if (!connection) throw new Error(`no connection '${connectionId}' in ${env.CONNECTIONS_FILE}`);
  return connection;
}

export function netvisorPreviewDeps(connection: Connection): NetvisorPreviewDeps {
  const clients = new ClientRegistry([connection]).get(connection.id);
  if (!clients.netvisor) throw new Error(`connection ${connection.id} has no Netvisor settings: the Netvisor flows need them`);
  return { connection, rackbeat: clients.rackbeat, netvisor: clients.netvisor, date: new Date().toISOString().slice(0, 10) };
}

export function previewDeps(connection: Connection): OrderPreviewDeps {
  const clients = new ClientRegistry([connection]).get(connection.id);
  if (!clients.economic) throw new Error(`connection ${connection.id} has no e-conomic settings: the order flow needs them`);
  return { connection, rackbeat: clients.rackbeat, economic: clients.economic, catalogs: new CatalogCache(), date: new Date().toISOString().slice(0, 10) };
}

/** The connection's Rackbeat and its shops, each through the port the transfers use. */
export function webshopPreviewDeps(connection: Connection): WebshopPreviewDeps {
  const clients = new ClientRegistry([connection]).get(connection.id);
  const ports = createWebshopPorts();
  const shops = ports.sources(clients).map((source) => ports.get(clients, source));
  if (shops.length === 0) throw new Error(`connection ${connection.id} has no Shopify or WooCommerce settings: the webshop-order flow needs one`);
  return { connection, rackbeat: clients.rackbeat, shops };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface BackfillOptions {
  connection: string;
  flow: string;
  since: string;
  until?: string;
  dryRun?: boolean;
  perMinute: string;
  sandbox?: string;
}

/** Runs `backfill`; returns the exit code (0 done, 1 failed, 2 usage). */
export async function runBackfill(
  client: Client | undefined,
  opts: BackfillOptions,
  io: { out: Out; env: NodeJS.ProcessEnv; pollIntervalMs?: number; deps?: OrderPreviewDeps; netvisorDeps?: NetvisorPreviewDeps; webshopDeps?: WebshopPreviewDeps },
): Promise<number> {
  const { out } = io;
  if (!(BACKFILL_FLOWS as readonly string[]).includes(opts.flow)) {
    out.write(`backfill --flow ${opts.flow} is not supported yet; supported: ${BACKFILL_FLOWS.join(', ')}\n`);
    return 2;
  }
  const until = opts.until ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(opts.since) || !DATE.test(until) || opts.since > until) {
    out.write(`--since and --until must be dates YYYY-MM-DD with since ≤ until (got ${opts.since} .. ${until})\n`);
    return 2;
  }
  const perMinute = Number(opts.perMinute);
  if (!Number.isInteger(perMinute) || perMinute < 1) {
    out.write(`--per-minute must be a whole number ≥ 1, not '${opts.perMinute}'\n`);
    return 2;
  }
  const flow = opts.flow as BackfillFlow;
  const window = { since: opts.since, until };
  const connection = () => resolveConnection(opts.connection, opts, io.env);
  const plans: Record<BackfillFlow, () => Promise<DocumentPreview[]>> = {
    order: async () => (await planOrderBackfill(io.deps ?? previewDeps(connection()), window)).map(orderDocumentPreview),
    'netvisor-invoice': () => planNetvisorInvoiceBackfill(io.netvisorDeps ?? netvisorPreviewDeps(connection()), window),
    'webshop-order': () => planWebshopOrderBackfill(io.webshopDeps ?? webshopPreviewDeps(connection()), window),
  };
  const previews = await plans[flow]();
  for (const p of previews) out.write(`${formatPreview(p, { documents: opts.dryRun === true })}\n`);
  out.write(`${summarise(previews, BACKFILL_SOURCES[flow].noun)}\n`);
  const numbers = toStart(previews);
  if (opts.dryRun) {
    out.write(`dry run: nothing written; without --dry-run ${numbers.length} transfer(s) would start, ${perMinute} a minute\n`);
    return 0;
  }
  if (!client) throw new Error('no Temporal client');
  if (numbers.length === 0) {
    out.write('nothing to start\n');
    return 0;
  }
  const workflowId = backfillWorkflowId(opts.connection, opts.flow, opts.since, until);
  const input: BackfillInput = { connectionId: opts.connection, flow, numbers, perMinute };
  await client.workflow.start<typeof backfill>(BACKFILL_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: TASK_QUEUE,
    args: [input],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    // A backfill of the same window still running is attached to, not doubled.
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Backfill ${opts.flow} of ${opts.connection}, ${opts.since} .. ${until}`,
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: opts.connection },
      { key: FlowKey, value: BACKFILL_FLOW },
      { key: SourceRefKey, value: backfillSourceRef(flow, opts.since, until) },
    ],
  });
  out.write(`started ${workflowId} (${numbers.length} transfer(s), ${perMinute} a minute; run the same command again to attach)\n`);
  const handle = client.workflow.getHandle<typeof backfill>(workflowId);
  const bar = out.isTTY ? new SingleBar({ format: 'backfill [{bar}] {value}/{total} started', stream: out as NodeJS.WriteStream }, Presets.shades_classic) : undefined;
  bar?.start(numbers.length, 0);
  const pollMs = io.pollIntervalMs ?? 1_000;
  let result: { total: number; started: number } | undefined;
  const finished = handle.result().then((r) => (result = r));
  while (!result) {
    await Promise.race([finished, new Promise((r) => setTimeout(r, pollMs))]);
    if (bar && !result) {
      const progress = await handle.query(backfillProgressQuery).catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
      if (progress) bar.update(progress.started);
    }
  }
  bar?.update(result.started);
  bar?.stop();
  out.write(`backfill done: ${result.started} of ${result.total} transfer(s) started; follow them with: npm run cli -- transfers list --connection ${opts.connection} --flow ${opts.flow}\n`);
  return 0;
}

export function registerBackfillCommands(program: Command, transfers: Command, deps: { connect: () => Promise<{ client: Client; close: () => Promise<void> }> }): void {
  program
    .command('backfill')
    .description('transfer the source documents of a date window (go-live): lists each as new, already transferred or would be held, then starts the transfers, paced')
    .requiredOption('-c, --connection <id>', 'the connection')
    .requiredOption('-f, --flow <flow>', `the flow (${BACKFILL_FLOWS.join(', ')})`)
    .requiredOption('--since <YYYY-MM-DD>', 'first document date')
    .option('--until <YYYY-MM-DD>', 'last document date (default today)')
    .option('--dry-run', 'list and print the documents that would be sent; write nothing')
    .option('--per-minute <n>', 'transfers started per minute', String(DEFAULT_BACKFILL_PER_MINUTE))
    .option('--sandbox <url>', 'use the sandbox demo connection at this URL instead of CONNECTIONS_FILE')
    .action(async (opts: BackfillOptions) => {
      const connected = opts.dryRun ? undefined : await deps.connect();
      try {
        process.exitCode = await runBackfill(connected?.client, opts, { out: process.stdout, env: process.env });
      } finally {
        await connected?.close();
      }
    });

  transfers
    .command('preview <workflowId>')
    .description('print the exact document the transfer would send now (e-conomic JSON, Netvisor XML, Rackbeat order JSON) and what it would change in an existing one; writes nothing')
    .option('--sandbox <url>', 'use the sandbox demo connection at this URL instead of CONNECTIONS_FILE')
    .action(async (workflowId: string, opts: { sandbox?: string }) => {
      const target = previewTargetOf(workflowId);
      const connection = (id: string) => resolveConnection(id, opts, process.env);
      if (target?.flow === 'order') {
        console.log(formatOrderPreview(await previewOrder(previewDeps(connection(target.connectionId)), target.number), { documents: true }));
      } else if (target?.flow === 'netvisor') {
        console.log(formatPreview(await previewNetvisorDocument(netvisorPreviewDeps(connection(target.connectionId)), target.kind, target.number), { documents: true }));
      } else if (target?.flow === 'webshop-order') {
        console.log(formatPreview(await previewWebshopOrder(webshopPreviewDeps(connection(target.connectionId)), target.source, target.shopOrderId), { documents: true }));
      } else {
        console.error(`preview supports order, Netvisor document and webshop order transfers (order:…, netvisor-invoice:…, netvisor-order:…, webshop-order:…) so far, not ${workflowId}`);
        process.exitCode = 2;
      }
    });
}
