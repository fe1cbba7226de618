import type { Client } from '@temporalio/client';
import type { Connection } from '../../src/config';
import { heldTransfersQuery } from '../../src/routing/wake-held';
import { entityStatusQuery } from '../../src/workflows/common/entity-messages';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { eventually } from './temporal';

/** Reads and waits on the `status` of one-document transfers (Netvisor, webshop orders and products, master data). */
export function transferWatcher(client: Client) {
  const status = (workflowId: string): Promise<TransferStatus> => client.workflow.getHandle(workflowId).query(entityStatusQuery);
  const runIdOf = async (workflowId: string): Promise<string> => (await client.workflow.getHandle(workflowId).describe()).runId;
  return {
    status,
    runIdOf,
    /**
     * Waits until the query that master-data changes wake held transfers with (`heldTransfersQuery`)
     * lists the workflow. The server indexes the HELD search attribute a moment after the workflow's
     * own status says HELD; a test that fixes the master data before then exercises the poller's
     * later wake instead.
     */
    listedAsHeld(workflowId: string, connection: Connection, resource: string): Promise<string> {
      const held = heldTransfersQuery(connection, resource);
      if (held === undefined) throw new Error(`no flow of connection ${connection.id} is woken by a ${resource} change`);
      const query = `${held} AND WorkflowId = '${workflowId.replace(/'/g, "\\'")}'`;
      return eventually(
        async () => {
          for await (const wf of client.workflow.list({ query })) return wf.workflowId;
          return undefined;
        },
        `${workflowId} to be listed as held for a ${resource} change`,
        30_000,
      );
    },
    /** Waits for the workflow's latest run (another run than `notRun`, when given) to satisfy `check`. */
    waitFor(workflowId: string, check: (s: TransferStatus) => boolean, what: string, notRun?: string): Promise<TransferStatus> {
      let last: TransferStatus | undefined;
      return eventually(
        async () => {
          try {
            if (notRun && (await runIdOf(workflowId)) === notRun) return undefined;
            last = await status(workflowId);
          } catch {
            return undefined;
          }
          return check(last) ? last : undefined;
        },
        () => `${workflowId} ${what}; last: ${JSON.stringify(last)}`,
        30_000,
      );
    },
  };
}
