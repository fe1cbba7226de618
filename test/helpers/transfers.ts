import type { Client } from '@temporalio/client';
import { TransferStageKey } from '../../src/workflows/common/search-attributes';
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
     * Waits until visibility lists the workflow as held. Master-data webhooks find held transfers by
     * that search attribute, which the server indexes a moment after the workflow's own status says
     * HELD; a test that fixes the master data before then exercises the poller's later wake instead.
     */
    listedAsHeld(workflowId: string): Promise<string> {
      const query = `WorkflowId = '${workflowId.replace(/'/g, "\\'")}' AND ${TransferStageKey.name} = 'HELD' AND ExecutionStatus = 'Running'`;
      return eventually(
        async () => {
          for await (const wf of client.workflow.list({ query })) return wf.workflowId;
          return undefined;
        },
        `${workflowId} to be listed as HELD`,
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
