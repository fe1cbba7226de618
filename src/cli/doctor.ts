import { ClientRegistry } from '../activities/clients';
import { ConfigError, loadConnectionsFile } from '../config';
import { AuthError, NotFoundError } from '../connectors/http';
import { type AccountingPeriodState, NetvisorClient } from '../connectors/netvisor';
import { RackbeatClient, type RackbeatCustomer } from '../connectors/rackbeat';
import * as nv from '../domain/netvisor';
import { SANDBOX_CREDENTIALS } from '../sandbox/defaults';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../sandbox/netvisor/credentials';
import { rackbeatEventsFor } from '../flows/rackbeat-sources';
import { rackbeatWebhookUrl } from '../webhooks/register';

export interface DoctorTarget {
  connectionId: string;
  rackbeat: RackbeatClient;
  netvisor: NetvisorClient;
  rackbeatBaseUrl: string;
  netvisorBaseUrl: string;
  /** The customer group new Rackbeat customers get (webshop.newCustomer.customerGroup), checked when set. */
  customerGroup?: number | undefined;
  /** The webhooks rackbridge registers for this connection, checked when known (a connection with a public URL). */
  webhooks?: { url: string; events: string[] } | undefined;
}

export interface DoctorOptions {
  /** Date the period check uses, `YYYY-MM-DD`. @default today (UTC) */
  date?: string;
  /** @default DEFAULT_REJECTED_NAME_CHARACTERS (`/ * & #`) */
  rejectedCharacters?: readonly string[];
  /** Rackbeat's next numbers from its settings, when known; otherwise read from its latest document. */
  rackbeatNext?: Partial<Record<nv.DocumentKind, number>>;
}

type Add = (check: nv.DoctorCheck, hold: nv.NetvisorHold | undefined, severity?: nv.DoctorSeverity) => void;

/**
 * Scans one Rackbeat → Netvisor connection for every seed rule (DESIGN.md §2) and returns all
 * problems at once. Read-only: it never writes to either system.
 */
export async function runDoctor(target: DoctorTarget, options: DoctorOptions = {}): Promise<nv.DoctorReport> {
  const report: nv.DoctorReport = { connectionId: target.connectionId, date: options.date ?? new Date().toISOString().slice(0, 10), findings: [], skipped: [] };
  const add: Add = (check, hold, severity = 'block') => {
    if (hold) report.findings.push({ check, severity, ...hold });
  };
  const skip = (checks: nv.DoctorCheck[], reason: string): void => {
    for (const check of checks) if (!report.skipped.some((s) => s.check === check)) report.skipped.push({ check, reason });
  };
  /** Runs one check; an unexpected failure skips it (and so blocks) instead of hiding the rest. */
  const attempt = async (check: nv.DoctorCheck, run: () => Promise<void>): Promise<void> => {
    await run().catch((err: unknown) => skip([check], `it failed: ${errorText(err)}`));
  };

  const rackbeatOk = await target.rackbeat.getSelf().then(
    () => true,
    (err: unknown) => {
      add('credentials', err instanceof AuthError ? nv.netvisorHolds.rackbeatAuth(target.connectionId, errorText(err)) : nv.netvisorHolds.rackbeatUnreachable(target.rackbeatBaseUrl, errorText(err)));
      return false;
    },
  );
  const periods = await target.netvisor.getAccountingPeriods().catch((err: unknown) => {
    add('credentials', err instanceof AuthError ? nv.netvisorHolds.netvisorAuth(target.connectionId, errorText(err)) : nv.netvisorHolds.netvisorUnreachable(target.netvisorBaseUrl, errorText(err)));
    return undefined;
  });
  if (!rackbeatOk) skip(['number series', 'payment terms', 'VAT percentages', 'product names', 'customer details', ...(target.customerGroup === undefined ? [] : ['customer group' as const])], 'Rackbeat did not answer');
  if (!periods) skip(['accounting period', 'number series', 'VAT percentages', 'customer details'], 'Netvisor did not answer');

  if (periods) checkPeriodToday(periods, report.date, add);
  if (rackbeatOk && periods) await attempt('number series', () => checkNumbers(target, options, add));
  const group = target.customerGroup;
  if (rackbeatOk && group !== undefined) await attempt('customer group', () => checkCustomerGroup(target.rackbeat, group, add));
  const webhooks = target.webhooks;
  if (rackbeatOk && webhooks) {
    await attempt('Rackbeat webhooks', () => checkWebhooks(target.rackbeat, webhooks, add));
    report.ran = [...(report.ran ?? []), 'Rackbeat webhooks'];
  }
  if (rackbeatOk) {
    const customers: RackbeatCustomer[] = [];
    await attempt('payment terms', async () => {
      for await (const customer of target.rackbeat.iterateCustomers()) if (!customer.is_barred) customers.push(customer);
      for (const customer of customers) add('payment terms', nv.checkPaymentTerm(customer));
    });
    await attempt('product names', async () => {
      for await (const p of target.rackbeat.iterateProducts()) if (!p.is_barred) add('product names', nv.checkProductName(p.number, p.name, options.rejectedCharacters));
    });
    if (periods) await attempt('VAT percentages', () => checkVat(target, add));
    if (report.skipped.some((s) => s.check === 'payment terms')) skip(['customer details'], 'the Rackbeat customers could not be read');
    else if (periods) await attempt('customer details', () => checkCustomers(target, customers, add));
  }
  return report;
}

function checkPeriodToday(periods: AccountingPeriodState, date: string, add: Add): void {
  add('accounting period', nv.checkDocumentPeriod(periods, date, `orders and invoices dated ${date}`));
}

async function checkNumbers(target: DoctorTarget, options: DoctorOptions, add: Add): Promise<void> {
  const latest = {
    invoice: async () => (await target.rackbeat.listCustomerInvoices({ order_by: 'number', order_direction: 'DESC', limit: 1 })).items[0]?.number,
    order: async () => (await target.rackbeat.listOrders({ order_by: 'number', order_direction: 'DESC', limit: 1 })).items[0]?.number,
  };
  const largest = { invoice: () => target.netvisor.getLargestInvoiceNumber(), order: () => target.netvisor.getLargestOrderNumber() };
  for (const kind of ['invoice', 'order'] as const) {
    const netvisorLargest = await largest[kind]();
    const configured = options.rackbeatNext?.[kind];
    const last = configured === undefined ? await latest[kind]() : undefined;
    const next = configured ?? (last === undefined ? undefined : last + 1);
    if (next !== undefined) add('number series', nv.checkNumberSeries(next, netvisorLargest, kind));
    else if (netvisorLargest > 0) add('number series', nv.netvisorHolds.numberSeriesUnverified(kind, netvisorLargest), 'warn');
  }
}

async function checkVat(target: DoctorTarget, add: Add): Promise<void> {
  const table = await target.netvisor.listVatCodes();
  const groups = await target.rackbeat.listProductGroups({ limit: 1000 });
  for (const g of groups.items) {
    if (g.is_sellable === false) continue;
    const used = [g.vat_domestic, g.vat_eu, g.vat_abroad, g.vat_domestic_exempt].filter((p): p is number => p !== undefined);
    add('VAT percentages', nv.checkVatPercentages(used, table, `product group ${g.number} (${g.name})`));
  }
}

const NETVISOR_CODES_PER_LIST = 100;

async function checkCustomers(target: DoctorTarget, customers: RackbeatCustomer[], add: Add): Promise<void> {
  for (let i = 0; i < customers.length; i += NETVISOR_CODES_PER_LIST) {
    const chunk = customers.slice(i, i + NETVISOR_CODES_PER_LIST);
    const found = await target.netvisor.listCustomers({ codes: chunk.map((c) => String(c.number)) });
    for (const customer of chunk) {
      const match = found.find((f) => f.code === String(customer.number));
      if (!match) continue;
      add('customer details', nv.checkCustomerDetails(customer, await target.netvisor.getCustomer(match.netvisorKey)));
    }
  }
}

/** Every webhook rackbridge wants is registered in Rackbeat, active, at its URL. */
async function checkWebhooks(rackbeat: RackbeatClient, wanted: { url: string; events: string[] }, add: Add): Promise<void> {
  const present = new Set<string>();
  for await (const webhook of rackbeat.iterateWebhooks()) if (webhook.url === wanted.url && webhook.is_active) present.add(webhook.event);
  for (const event of wanted.events) if (!present.has(event)) add('Rackbeat webhooks', nv.netvisorHolds.rackbeatWebhookMissing(event, wanted.url), 'warn');
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

/**
 * The configured customer group exists. Its route is UNKNOWN upstream, so a 404 on the group is
 * only "missing" when the list route answers; when that 404s too, the doctor warns "could not check".
 */
async function checkCustomerGroup(rackbeat: RackbeatClient, group: number, add: Add): Promise<void> {
  try {
    await rackbeat.getCustomerGroup(group);
    return;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  try {
    const listed = await rackbeat.listCustomerGroups({ limit: 1000 });
    if (!listed.items.some((g) => g.number === group)) add('customer group', nv.netvisorHolds.customerGroupMissing(group));
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    add('customer group', nv.netvisorHolds.customerGroupUnchecked(group), 'warn');
  }
}

export interface DoctorCliOptions {
  connection?: string;
  sandbox?: string;
  json?: boolean;
  date?: string;
  rejectedCharacters?: string;
  rackbeatNextInvoice?: string;
  rackbeatNextOrder?: string;
}

/** A connection built from the sandbox's public credentials (`--sandbox http://127.0.0.1:4000`). */
export function sandboxTarget(sandboxUrl: string, connectionId = 'sandbox'): DoctorTarget {
  const base = sandboxUrl.replace(/\/+$/, '');
  const rackbeatBaseUrl = `${base}/rackbeat/api`;
  const netvisorBaseUrl = `${base}/netvisor`;
  return {
    connectionId,
    rackbeatBaseUrl,
    netvisorBaseUrl,
    rackbeat: new RackbeatClient({ baseUrl: rackbeatBaseUrl, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken, consumerName: 'rackbridge doctor' }),
    netvisor: new NetvisorClient({ baseUrl: netvisorBaseUrl, ...NETVISOR_SANDBOX_CREDENTIALS }),
  };
}

class UsageError extends Error {}

function resolveTarget(opts: DoctorCliOptions, env: NodeJS.ProcessEnv): DoctorTarget {
  if (opts.sandbox) return sandboxTarget(opts.sandbox, opts.connection ?? 'sandbox');
  if (!opts.connection) throw new UsageError('doctor needs --connection <id> (from CONNECTIONS_FILE) or --sandbox <url>');
  if (!env.CONNECTIONS_FILE) throw new UsageError('set CONNECTIONS_FILE to the connections file, or use --sandbox <url>');
  const config = loadConnectionsFile(env.CONNECTIONS_FILE, env);
  const connection = config.connections.find((c) => c.id === opts.connection);
  if (!connection) throw new UsageError(`no connection '${opts.connection}' in ${env.CONNECTIONS_FILE}; known: ${config.connections.map((c) => c.id).join(', ')}`);
  const clients = new ClientRegistry([connection]).get(connection.id);
  if (!clients.netvisor || !connection.netvisor) throw new UsageError(`connection '${connection.id}' has no netvisor section; the doctor checks Rackbeat → Netvisor connections`);
  return {
    connectionId: connection.id,
    rackbeat: clients.rackbeat,
    netvisor: clients.netvisor,
    rackbeatBaseUrl: connection.rackbeat.baseUrl,
    netvisorBaseUrl: connection.netvisor.baseUrl,
    customerGroup: connection.webshop?.newCustomer.customerGroup,
    ...(config.publicUrl && connection.rackbeat.registerWebhooks ? { webhooks: { url: rackbeatWebhookUrl(config.publicUrl, connection.id), events: rackbeatEventsFor(connection) } } : {}),
  };
}

function parseOptions(opts: DoctorCliOptions): DoctorOptions {
  const options: DoctorOptions = {};
  if (opts.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new UsageError(`--date must be YYYY-MM-DD, not '${opts.date}'`);
    options.date = opts.date;
  }
  if (opts.rejectedCharacters !== undefined) options.rejectedCharacters = [...opts.rejectedCharacters];
  const next: Partial<Record<nv.DocumentKind, number>> = {};
  for (const [kind, value] of [['invoice', opts.rackbeatNextInvoice], ['order', opts.rackbeatNextOrder]] as const) {
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) throw new UsageError(`--rackbeat-next-${kind} must be a whole number, not '${value}'`);
    next[kind] = Number(value);
  }
  if (Object.keys(next).length) options.rackbeatNext = next;
  return options;
}

/** `npm run cli -- doctor`: prints the report and returns the exit code (0 ok, 1 blocked, 2 usage/config). */
export async function runDoctorCli(opts: DoctorCliOptions, env: NodeJS.ProcessEnv, print: (text: string) => void = console.log, printError: (text: string) => void = console.error): Promise<number> {
  let target: DoctorTarget;
  let options: DoctorOptions;
  try {
    options = parseOptions(opts);
    target = resolveTarget(opts, env);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      printError(err.message);
      return nv.DOCTOR_EXIT.usage;
    }
    throw err;
  }
  const report = await runDoctor(target, options);
  print(opts.json ? JSON.stringify({ ...report, exitCode: nv.doctorExitCode(report) }, null, 2) : nv.formatDoctorReport(report));
  return nv.doctorExitCode(report);
}
