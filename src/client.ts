import { resolve } from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Command, Option } from 'commander';
import { runDemo } from './cli/demo';
import { type DoctorCliOptions, runDoctorCli } from './cli/doctor';
import { exportHistories } from './cli/histories';
import type { TransferStatus } from './workflows/common/transfer-status';
import { retrySignal, statusQuery } from './workflows/order/contract';
import { registerImportCommand } from './cli/import';
import { registerBackfillCommands } from './cli/backfill';
import { readCodecEnv } from './temporal/codec/codec-env';
import { rackbridgeDataConverter } from './temporal/codec/data-converter';
import { readSandboxKeys } from './temporal/codec/sandbox-keys';
import { TRANSFER_FLOWS } from './flows/registry';
import { connectionSchedules, describePauseState, requestPause } from './temporal/pause-control';
import { PausedKey } from './workflows/common/search-attributes';

/**
 * The operator CLI (`npm run cli -- …`). It talks to Temporal only: transfers are workflows, so
 * the list comes from visibility (search attributes) and the details from the `status` query.
 */
async function connect(): Promise<{ client: Client; close: () => Promise<void> }> {
  const address = process.env.TEMPORAL_ADDRESS || 'localhost:7233';
  // The keys of RACKBRIDGE_CODEC_KEYS, else the key `npm start` generated in sandbox mode: query results are encrypted too.
  const keys = readCodecEnv(process.env).keys ?? readSandboxKeys(resolve(process.env.DATA_DIR || '.data'));
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE || 'default', dataConverter: rackbridgeDataConverter(keys) }), close: () => connection.close() };
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildListQuery(filter: { connection?: string; flow?: string; stage?: string; paused?: boolean }): string {
  const parts = [`Flow IS NOT NULL`];
  if (filter.paused) parts.push(`RackbridgePaused = true`);
  if (filter.connection) parts.push(`ConnectionId = ${quote(filter.connection)}`);
  if (filter.flow) parts.push(`Flow = ${quote(filter.flow)}`);
  if (filter.stage) parts.push(`TransferStage = ${quote(filter.stage.toUpperCase())}`);
  return parts.join(' AND ');
}

export function formatStatus(status: TransferStatus): string {
  const lines = [
    `${status.workflowId}  (${status.flow}, connection ${status.connectionId})`,
    `  source   ${status.sourceRef}`,
    `  stage    ${status.stage}${status.paused ? '  PAUSED' : ''}${status.heldReason ? `  held: ${status.heldReason}` : ''}`,
    ...(status.heldMessage ? [`  fix      ${status.heldMessage}`] : []),
    `  targets  ${status.targetRefs.length ? status.targetRefs.join(', ') : '—'}`,
    `  next     ${status.nextStep}`,
    '  steps',
    ...status.steps.map((s) => `    ${s.at}  ${s.name.padEnd(28)} ${s.result}${s.error ? `  ${s.error}` : s.detail ? `  ${s.detail}` : ''}`),
  ];
  return lines.join('\n');
}

/** What `pause --flow` accepts: the registry's pausable flows and the connection schedules' flows (a typo would pause nothing). */
export function pausableFlows(): string[] {
  return [...new Set([...TRANSFER_FLOWS.filter((f) => f.pausable).map((f) => f.flow), ...connectionSchedules('any').map((s) => s.flow)])];
}

/** The operator commands (transfers, demo, doctor, histories, import) on a commander program. */
export function registerOperatorCommands(program: Command): Command {
  const transfers = program.command('transfers').description('List, inspect and retry transfers');

  transfers
    .command('list')
    .option('-c, --connection <id>', 'only this connection')
    .option('-f, --flow <flow>', 'only this flow (order, product, stock, …)')
    .option('-s, --stage <stage>', 'only this stage (HELD, WAITING, DONE, …)')
    .option('-p, --paused', 'only transfers stopped by `pause`')
    .option('-n, --limit <n>', 'at most this many', '50')
    .action(async (opts: { connection?: string; flow?: string; stage?: string; paused?: boolean; limit: string }) => {
      const { client, close } = await connect();
      try {
        let shown = 0;
        for await (const wf of client.workflow.list({ query: buildListQuery(opts) })) {
          const sa = wf.searchAttributes;
          const first = (key: string): string => {
            const value = (sa[key] as unknown[] | undefined)?.[0];
            return typeof value === 'string' ? value : '—';
          };
          const paused = wf.typedSearchAttributes.get(PausedKey) === true ? 'PAUSED' : '';
          console.log(`${wf.workflowId.padEnd(36)} ${wf.status.name.padEnd(10)} ${first('TransferStage').padEnd(10)} ${paused.padEnd(7)} ${first('HeldReason')}`);
          if (++shown >= Number(opts.limit)) break;
        }
        if (shown === 0) console.log('no transfers match');
      } finally {
        await close();
      }
    });

  transfers
    .command('show <workflowId>')
    .option('--json', 'print the raw status')
    .action(async (workflowId: string, opts: { json?: boolean }) => {
      const { client, close } = await connect();
      try {
        const status = await client.workflow.getHandle(workflowId).query(statusQuery);
        console.log(opts.json ? JSON.stringify(status, null, 2) : formatStatus(status));
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          console.error(`no transfer ${workflowId}`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        await close();
      }
    });

  transfers
    .command('retry <workflowId>')
    .description('ask a held transfer to try again now')
    .action(async (workflowId: string) => {
      const { client, close } = await connect();
      try {
        await client.workflow.getHandle(workflowId).signal(retrySignal);
        console.log(`retry sent to ${workflowId}`);
      } finally {
        await close();
      }
    });

  for (const action of ['pause', 'resume'] as const) {
    program
      .command(action)
      .description(
        action === 'pause'
          ? 'stop a connection (or one flow) before its next partner write; webhooks are still accepted and recorded, schedules pause'
          : 'continue what pause stopped, where each transfer was',
      )
      .requiredOption('-c, --connection <id>', 'the connection')
      .addOption(new Option('-f, --flow <flow>', 'only this flow').choices(pausableFlows()))
      .action(async (opts: { connection: string; flow?: string }) => {
        const { client, close } = await connect();
        try {
          const outcome = await requestPause(client, opts.connection, { action, ...(opts.flow ? { flow: opts.flow } : {}) });
          console.log(describePauseState(opts.connection, outcome.state));
          for (const s of outcome.schedules) console.log(`  schedule ${s.scheduleId}: ${s.paused ? 'paused' : 'running'}`);
          const changed = outcome.signalled.filter((t) => t.paused === (action === 'pause'));
          console.log(`  ${changed.length} running transfer(s) ${action === 'pause' ? 'pausing before their next write' : 'resumed'}`);
        } finally {
          await close();
        }
      });
  }

  program
    .command('demo')
    .description('drive a few orders through the sandbox Rackbeat like a user (create, book, ship) and show where each ended')
    .option('-c, --connection <id>', 'the sandbox connection', 'demo')
    .option('--netvisor-connection <id>', "the sandbox's Rackbeat → Netvisor connection ('' to skip)", 'demo-fi')
    .option('--sandbox <url>', 'the sandbox started by npm start', process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 4000}`)
    .option('--ui <url>', 'the Temporal Web UI', process.env.TEMPORAL_UI_URL ?? `http://localhost:${process.env.TEMPORAL_UI_PORT ?? 8233}`)
    .action(async (opts: { connection: string; netvisorConnection: string; sandbox: string; ui: string }) => {
      const { client, close } = await connect();
      try {
        const results = await runDemo({
          client,
          connectionId: opts.connection,
          netvisorConnectionId: opts.netvisorConnection || undefined,
          sandboxUrl: opts.sandbox,
          uiUrl: opts.ui,
          namespace: client.options.namespace,
        });
        if (results.some((r) => r.status.stage !== r.expected)) process.exitCode = 1;
      } finally {
        await close();
      }
    });

  program
    .command('doctor')
    .description('check a Rackbeat → Netvisor connection before go-live; exit 0 only when nothing blocks (1 blocked, 2 usage or config error)')
    .option('-c, --connection <id>', 'the connection in CONNECTIONS_FILE')
    .option('--sandbox <url>', 'check the sandbox at this URL with its public credentials instead')
    .option('--json', 'print the report as JSON')
    .option('--date <YYYY-MM-DD>', 'date for the accounting period check (default today)')
    .option('--rejected-characters <chars>', 'characters Netvisor rejects in product names (default "/*&#")')
    .option('--rackbeat-next-invoice <n>', "Rackbeat's next invoice number from its settings (default: its latest invoice + 1)")
    .option('--rackbeat-next-order <n>', "Rackbeat's next order number from its settings (default: its latest order + 1)")
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: DoctorCliOptions) => {
      process.exitCode = await runDoctorCli(opts, process.env);
    });

  const histories = program.command('histories').description('Workflow histories for replay tests');
  histories
    .command('export')
    .option('-q, --query <query>', 'visibility query', "WorkflowType = 'orderLifecycle' AND ExecutionStatus = 'Completed'")
    .option('-o, --out <dir>', 'where to write the JSON files', 'test/histories/exported')
    .option('-n, --limit <n>', 'at most this many', '50')
    .action(async (opts: { query: string; out: string; limit: string }) => {
      const { client, close } = await connect();
      try {
        const files = await exportHistories(client, { query: opts.query, out: opts.out, limit: Number(opts.limit) });
        console.log(files.length ? files.join('\n') : 'no workflow matches');
      } finally {
        await close();
      }
    });

  registerImportCommand(program, { connect });
  registerBackfillCommands(program, transfers, { connect });
  return program;
}

if (require.main === module) {
  registerOperatorCommands(new Command('rackbridge').description('Operate rackbridge transfers (Temporal workflows).')).parseAsync(process.argv).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
