import { defineQuery } from '@temporalio/workflow';
import type { ImportKind, ImportOutcome } from '../../domain/netvisor/import-mapping';

/*
 * The one-off import's contract (F6, Netvisor → Rackbeat): workflow id, queries and types. The
 * CLI and tests import ids and message names only from here.
 */

export type { ImportAction, ImportKind, ImportOutcome } from '../../domain/netvisor/import-mapping';

export const IMPORT_FLOW = 'netvisor-import';
export const IMPORT_WORKFLOW_TYPE = 'netvisorImport';
export const IMPORT_KINDS: readonly ImportKind[] = ['customers', 'products'];

/** `import:{connectionId}:netvisor-{kind}`: one import per connection and kind, so a second start attaches to the first. */
export function importWorkflowId(connectionId: string, kind: ImportKind): string {
  return `import:${connectionId}:netvisor-${kind}`;
}

export function importSummary(kind: ImportKind): string {
  return `One-off import: Netvisor ${kind} → Rackbeat`;
}

export interface NetvisorImportInput {
  connectionId: string;
  kind: ImportKind;
  /** Rackbeat product group for products whose Netvisor group has no Rackbeat group of the same name. */
  defaultProductGroup?: number;
  /** Rackbeat customer group of created customers (Rackbeat requires one). */
  customerGroup?: number;
  /** Netvisor records per activity. @default 50 */
  chunkSize?: number;
  /** Chunks per run before continue-as-new keeps the history small. @default 20 */
  chunksPerRun?: number;
}

export type ImportState = 'running' | 'completed' | 'failed';

export interface ImportProgress {
  connectionId: string;
  kind: ImportKind;
  state: ImportState;
  /** Records handled so far: created + updated + skipped + failed. */
  done: number;
  /** Records in Netvisor at the last listing; unknown until the first chunk. */
  total?: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** Skipped and failed records counted per reason. */
  reasons: Record<string, number>;
  /** Skipped (other than unchanged) and failed records, the first ones only. */
  items: ImportOutcome[];
  /** Skipped or failed records not in `items` because the list is full. */
  itemsOmitted: number;
  startedAt: string;
  finishedAt?: string;
  /** Why the import stopped, when it failed. */
  error?: string;
}

export type NetvisorImportResult = ImportProgress;

/** Carried across continue-as-new: where the next chunk starts, and the counts so far. */
export interface NetvisorImportCarry {
  afterKey: string | undefined;
  progress: ImportProgress;
}

export const progressQuery = defineQuery<ImportProgress>('progress');
/** The `status` every rackbridge workflow answers (DESIGN.md §4). */
export { statusQuery } from '../common/entity-messages';
