import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/**
 * `histories export`: saves the histories of workflows matching a visibility query as
 * `{workflowId, history}` JSON files, the format the replay test reads (test/histories).
 */
export async function exportHistories(client: Client, options: { query: string; out: string; limit: number }): Promise<string[]> {
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  for await (const wf of client.workflow.list({ query: options.query })) {
    if (written.length >= options.limit) break;
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    const file = join(options.out, `${wf.workflowId.replace(/[^a-zA-Z0-9._-]+/g, '_')}.json`);
    writeFileSync(file, `${JSON.stringify({ workflowId: wf.workflowId, history: JSON.parse(historyToJSON(history)) as unknown }, null, 1)}\n`);
    written.push(file);
  }
  return written;
}
