import { activityInfo, heartbeat } from '@temporalio/activity';
import { AuthError, isIntegrationError, NotFoundError, RejectedRequestError } from '../connectors/http';
import type { NetvisorClient } from '../connectors/netvisor';
import type { RackbeatClient } from '../connectors/rackbeat';
import {
  customerNumberFromCode,
  IMPORT_REASONS,
  type ImportKind,
  type ImportOutcome,
  type ImportPlan,
  planCustomerImport,
  planProductImport,
  productNumberFromCode,
  type RackbeatGroupRef,
} from '../domain/netvisor/import-mapping';
import type { ClientRegistry } from './clients';
import { notConfigured, toActivityFailure } from './failure';

export interface ImportChunkInput {
  connectionId: string;
  kind: ImportKind;
  /** Start after this NetvisorKey (records are taken in ascending key order); none = from the start. */
  afterKey?: string;
  limit: number;
  defaultProductGroup?: number;
  customerGroup?: number;
}

export interface ImportChunkResult {
  outcomes: ImportOutcome[];
  /** The last NetvisorKey handled: the next chunk's `afterKey`. */
  lastKey: string | undefined;
  /** Records in Netvisor now. */
  total: number;
  /** Records after this chunk; 0 means the import is done. */
  remaining: number;
}

/** Heartbeat details: a retried chunk resumes after the last record the server heard about. */
interface Checkpoint {
  afterKey: string | undefined;
  outcomes: ImportOutcome[];
}

/** A single Netvisor call may take up to its 120 s timeout; this keeps the heartbeat alive meanwhile. */
const HEARTBEAT_EVERY_MS = 2_000;
/** Rackbeat writes from the import must not come back as webhooks and start Rackbeat → Netvisor syncs. */
const WRITE = { suppressWebhooks: true } as const;

interface Source {
  key: string;
  code: string;
}

/**
 * The import's one activity: takes the next `limit` Netvisor records after `afterKey` and upserts
 * each into Rackbeat by number (look up, then create, update the changed fields, or skip). Business
 * rejections become `failed` outcomes and the chunk goes on; credentials, rate limits and outages
 * fail the attempt (Temporal retries, or the workflow stops on an AuthError).
 */
export function createImportActivities(clients: ClientRegistry) {
  return {
    async importNetvisorChunk(input: ImportChunkInput): Promise<ImportChunkResult> {
      // An operator typed the connection id: a typo must end the import, not retry it forever.
      if (!clients.ids().includes(input.connectionId)) throw notConfigured(`connection '${input.connectionId}' is not in the connections file of the worker; known: ${clients.ids().join(', ') || 'none'}`);
      const { rackbeat, netvisor, connection } = clients.get(input.connectionId);
      if (!netvisor) throw notConfigured(`connection '${connection.id}' has no netvisor section: add one to the connections file to import from Netvisor`);
      const resumed = activityInfo().heartbeatDetails as Checkpoint | undefined;
      const checkpoint: Checkpoint = resumed ?? { afterKey: input.afterKey, outcomes: [] };
      const ticker = setInterval(() => heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
      try {
        const all = await listSources(netvisor, input.kind);
        const after = checkpoint.afterKey === undefined ? -Infinity : Number(checkpoint.afterKey);
        const pending = all.filter((s) => Number(s.key) > after);
        const take = Math.max(0, input.limit - checkpoint.outcomes.length);
        const importer = input.kind === 'customers' ? customerImporter(netvisor, rackbeat, input.customerGroup) : await productImporter(netvisor, rackbeat, input.defaultProductGroup);
        for (const source of pending.slice(0, take)) {
          checkpoint.outcomes.push(await guarded(refOf(input.kind, source), source, importer));
          checkpoint.afterKey = source.key;
          heartbeat(checkpoint);
        }
        return { outcomes: checkpoint.outcomes, lastKey: checkpoint.afterKey, total: all.length, remaining: Math.max(0, pending.length - take) };
      } catch (err) {
        throw toActivityFailure(err);
      } finally {
        clearInterval(ticker);
      }
    },
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;

/** Netvisor lists have no paging (customerlist.nv returns every row): the order by key is ours. */
async function listSources(netvisor: NetvisorClient, kind: ImportKind): Promise<Source[]> {
  const rows = kind === 'customers' ? await netvisor.listCustomers() : await netvisor.listProducts();
  return rows.map((r) => ({ key: r.netvisorKey, code: r.code })).sort((a, b) => Number(a.key) - Number(b.key));
}

type Importer = (source: Source, ref: string) => Promise<ImportOutcome>;

function refOf(kind: ImportKind, source: Source): string {
  return `${kind === 'customers' ? 'customer' : 'product'} ${source.code || `(netvisor key ${source.key})`}`;
}

/** Turns non-retryable trouble with one record into a `failed` outcome; the rest fails the attempt. */
async function guarded(ref: string, source: Source, importer: Importer): Promise<ImportOutcome> {
  try {
    return await importer(source, ref);
  } catch (err) {
    if (!isIntegrationError(err) || err.retryable || err instanceof AuthError) throw err;
    if (err instanceof NotFoundError && err.system === 'netvisor') return { ref, action: 'skipped', reason: IMPORT_REASONS.goneFromNetvisor };
    if (err instanceof RejectedRequestError && err.system === 'rackbeat') {
      const detail = err.issues.length ? err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : err.message;
      return { ref, action: 'failed', reason: IMPORT_REASONS.rejectedByRackbeat, detail };
    }
    return { ref, action: 'failed', reason: IMPORT_REASONS.unreadable, detail: err.message };
  }
}

function customerImporter(netvisor: NetvisorClient, rackbeat: RackbeatClient, customerGroup: number | undefined): Importer {
  return async (source, ref) => {
    const number = customerNumberFromCode(source.code);
    // Checked on the list row first: a record that cannot be imported costs no detail call.
    if (!number.ok) return skipped(ref, number);
    const details = await netvisor.getCustomer(source.key);
    const existing = await orUndefined(rackbeat.getCustomer(number.number));
    const plan = planCustomerImport(details, existing, customerGroup);
    return apply(ref, plan, {
      create: (input) => rackbeat.createCustomer(input, WRITE),
      update: (changes) => rackbeat.updateCustomer(number.number, changes, WRITE),
    });
  };
}

async function productImporter(netvisor: NetvisorClient, rackbeat: RackbeatClient, defaultGroup: number | undefined): Promise<Importer> {
  const groups: RackbeatGroupRef[] = (await rackbeat.listProductGroups({ limit: 1000 })).items.map((g) => ({ number: g.number, name: g.name }));
  return async (source, ref) => {
    const number = productNumberFromCode(source.code);
    if (!number.ok) return skipped(ref, number);
    const details = await netvisor.getProduct(source.key);
    const existing = await orUndefined(rackbeat.getProduct(number.number));
    const plan = planProductImport(details, existing, groups, defaultGroup);
    return apply(ref, plan, {
      create: (input) => rackbeat.createProduct(input, WRITE),
      update: (changes) => rackbeat.updateProduct(number.number, changes, WRITE),
    });
  };
}

async function apply<T>(ref: string, plan: ImportPlan<T>, write: { create: (input: T) => Promise<unknown>; update: (changes: Partial<T>) => Promise<unknown> }): Promise<ImportOutcome> {
  switch (plan.action) {
    case 'create':
      await write.create(plan.input);
      return { ref, action: 'created' };
    case 'update':
      await write.update(plan.changes);
      return { ref, action: 'updated', detail: plan.fields.join(', ') };
    case 'skip':
      return { ref, action: 'skipped', reason: plan.reason, ...(plan.detail ? { detail: plan.detail } : {}) };
  }
}

function skipped(ref: string, problem: { reason: string; detail?: string }): ImportOutcome {
  return { ref, action: 'skipped', reason: problem.reason, ...(problem.detail ? { detail: problem.detail } : {}) };
}

/** Rackbeat's 404 on a lookup by number means "not there yet". */
async function orUndefined<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
