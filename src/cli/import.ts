import { type Client, WorkflowFailedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from '../webhooks/dispatch';
import { IMPORT_FLOW, IMPORT_KINDS, IMPORT_WORKFLOW_TYPE, type ImportKind, type ImportProgress, importSummary, importWorkflowId, type NetvisorImportInput, progressQuery } from '../workflows/import/contract';
import type { netvisorImport } from '../workflows/import/workflow';

/** Queries need a worker; after this long without an answer the operator is told so, once. */
const WORKER_HINT_AFTER_MS = 15_000;

/** Exit codes: 0 every record imported or skipped, 1 some failed or the import stopped, 2 usage. */
export const IMPORT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface ImportOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ImportCommandDeps {
  connect: () => Promise<{ client: Client; close: () => Promise<void> }>;
  /** @default 'rackbridge' */
  taskQueue?: string;
  /** @default process.stdout */
  out?: ImportOutput;
  /** @default sets process.exitCode */
  setExitCode?: (code: number) => void;
  /** How often the progress query is asked. @default 500 ms */
  pollIntervalMs?: number;
}

export interface ImportCliOptions {
  from: string;
  to: string;
  connection: string;
  productGroup?: string;
  customerGroup?: string;
}

/** `import customers|products --from netvisor --to rackbeat --connection X`. */
export function registerImportCommand(program: Command, deps: ImportCommandDeps): Command {
  return program
    .command('import <kind>')
    .description('one-off import of Netvisor customers or products into Rackbeat; resumable (a workflow), safe to re-run; exit 0 ok, 1 some records failed, 2 usage')
    .requiredOption('--from <system>', 'the source system: netvisor')
    .requiredOption('--to <system>', 'the target system: rackbeat')
    .requiredOption('-c, --connection <id>', 'the connection in CONNECTIONS_FILE')
    .option('--product-group <number>', 'Rackbeat product group for products whose Netvisor group has no Rackbeat group of the same name')
    .option('--customer-group <number>', 'Rackbeat customer group for created customers (Rackbeat requires one)')
    .action(async (kind: string, opts: ImportCliOptions) => {
      const out = deps.out ?? process.stdout;
      const setExitCode = deps.setExitCode ?? ((code: number) => (process.exitCode = code));
      const input = parseInput(kind, opts);
      if (typeof input === 'string') {
        out.write(`${input}\n`);
        setExitCode(IMPORT_EXIT.usage);
        return;
      }
      const { client, close } = await deps.connect();
      try {
        setExitCode(await runImport(client, input, { out, taskQueue: deps.taskQueue ?? TASK_QUEUE, pollIntervalMs: deps.pollIntervalMs ?? 500 }));
      } finally {
        await close();
      }
    });
}

/** The workflow input, or the usage problem in one sentence. */
export function parseInput(kind: string, opts: ImportCliOptions): NetvisorImportInput | string {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return `import what? '${kind}' is not one of: ${IMPORT_KINDS.join(', ')}`;
  if (opts.from !== 'netvisor' || opts.to !== 'rackbeat') return `only --from netvisor --to rackbeat is supported, not --from ${opts.from} --to ${opts.to}`;
  const input: NetvisorImportInput = { connectionId: opts.connection, kind: kind as ImportKind };
  if (opts.productGroup !== undefined) {
    if (!/^[1-9]\d*$/.test(opts.productGroup)) return `--product-group must be a Rackbeat product group number, not '${opts.productGroup}'`;
    input.defaultProductGroup = Number(opts.productGroup);
  }
  if (opts.customerGroup !== undefined) {
    if (!/^[1-9]\d*$/.test(opts.customerGroup)) return `--customer-group must be a Rackbeat customer group number, not '${opts.customerGroup}'`;
    input.customerGroup = Number(opts.customerGroup);
  }
  return input;
}

/**
 * Starts the import, or attaches to the one already running under the same id (a second start
 * never runs a second import), and waits for it. A finished import may be run again.
 */
export async function startImport(client: Client, input: NetvisorImportInput, taskQueue: string): Promise<{ handle: WorkflowHandle<typeof netvisorImport>; attached: boolean }> {
  const workflowId = importWorkflowId(input.connectionId, input.kind);
  const attached = await client.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      (d) => d.status.name === 'RUNNING',
      (err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      },
    );
  await client.workflow.start<typeof netvisorImport>(IMPORT_WORKFLOW_TYPE, {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    // Also covers a start that races another one between describe and start.
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: importSummary(input.kind),
    typedSearchAttributes: [
      { key: ConnectionIdKey, value: input.connectionId },
      { key: FlowKey, value: IMPORT_FLOW },
      { key: SourceRefKey, value: `netvisor:${input.kind}` },
      { key: TransferStageKey, value: 'RECEIVED' },
    ],
  });
  // No run id: queries and the result follow the import across continue-as-new.
  return { handle: client.workflow.getHandle<typeof netvisorImport>(workflowId), attached };
}

/** Runs the import to its end with progress on `out`; returns the exit code. */
export async function runImport(client: Client, input: NetvisorImportInput, options: { out: ImportOutput; taskQueue: string; pollIntervalMs: number }): Promise<number> {
  const { out } = options;
  const { handle, attached } = await startImport(client, input, options.taskQueue);
  out.write(`${attached ? 'attached to the running import' : 'started import'} ${handle.workflowId}\n`);
  const reporter = out.isTTY ? new BarReporter(out) : new LineReporter(out);
  const finished = handle.result().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  let asking = false;
  let answered = false;
  let ended = false;
  const hintAt = Date.now() + WORKER_HINT_AFTER_MS;
  for (;;) {
    const end = await Promise.race([finished, new Promise<undefined>((r) => setTimeout(() => r(undefined), options.pollIntervalMs))]);
    if (end) {
      ended = true;
      if ('result' in end) reporter.update(end.result);
      reporter.stop();
      if ('result' in end) {
        out.write(`${formatImportSummary(end.result)}\n`);
        return end.result.failed > 0 ? IMPORT_EXIT.failed : IMPORT_EXIT.ok;
      }
      const cause = end.error instanceof WorkflowFailedError ? end.error.cause : end.error;
      out.write(`import ${handle.workflowId} failed: ${cause instanceof Error ? cause.message : String(cause)}\n`);
      return IMPORT_EXIT.failed;
    }
    if (!answered && Date.now() > hintAt) {
      answered = true;
      out.write('no answer from the import yet: is a worker running for this connection (npm start or npm run worker)?\n');
    }
    // One query at a time: without a worker a query waits, and the loop must still see the end.
    if (!asking) {
      asking = true;
      void handle
        .query(progressQuery)
        .then((p) => {
          answered = true;
          if (!ended) reporter.update(p);
        })
        .catch(() => undefined)
        .finally(() => (asking = false));
    }
  }
}

interface Reporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const counts = (p: ImportProgress): string => `created ${p.created}, updated ${p.updated}, skipped ${p.skipped}, failed ${p.failed}`;

/** A redrawn bar, only on a terminal. */
class BarReporter implements Reporter {
  private readonly bar: SingleBar;
  private started = false;

  constructor(out: ImportOutput) {
    this.bar = new SingleBar({ format: '{kind} |{bar}| {value}/{total} | {counts}', stream: out as NodeJS.WritableStream, hideCursor: true }, Presets.shades_classic);
  }

  update(p: ImportProgress): void {
    // Until the first chunk the total is unknown, and cli-progress draws 0/0 as a full bar.
    if (p.total === undefined) return;
    const payload = { kind: `Netvisor ${p.kind}`, counts: counts(p) };
    if (!this.started) this.bar.start(p.total, p.done, payload);
    else {
      this.bar.setTotal(p.total);
      this.bar.update(p.done, payload);
    }
    this.started = true;
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

/** Plain lines for logs and pipes: one when the count moved, at most every few seconds. */
class LineReporter implements Reporter {
  private lastDone = -1;
  private lastAt = 0;

  constructor(
    private readonly out: ImportOutput,
    private readonly everyMs = 2_000,
  ) {}

  update(p: ImportProgress): void {
    if (p.total === undefined || p.done === this.lastDone || Date.now() - this.lastAt < this.everyMs) return;
    this.lastDone = p.done;
    this.lastAt = Date.now();
    this.out.write(`${p.done}${p.total === undefined ? '' : `/${p.total}`} ${p.kind} (${counts(p)})\n`);
  }

  stop(): void {}
}

export function formatImportSummary(p: ImportProgress): string {
  const lines = [
    `Netvisor ${p.kind} → Rackbeat (connection ${p.connectionId}): ${p.state}`,
    ...(['created', 'updated', 'skipped', 'failed'] as const).map((k) => `  ${k.padEnd(8)} ${p[k]}`),
    `  ${'total'.padEnd(8)} ${p.done}`,
  ];
  const reasons = Object.entries(p.reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (reasons.length) lines.push('Skipped and failed, by reason:', ...reasons.map(([reason, n]) => `  ${String(n).padStart(6)}  ${reason}`));
  if (p.items.length) {
    lines.push('Records skipped (other than unchanged) or failed:');
    for (const item of p.items) lines.push(`  ${item.ref}  ${item.action}  ${item.reason ?? ''}${item.detail ? `: ${item.detail}` : ''}`);
    if (p.itemsOmitted) lines.push(`  … and ${p.itemsOmitted} more`);
  }
  if (p.error) lines.push(`Stopped: ${p.error}`);
  return lines.join('\n');
}
