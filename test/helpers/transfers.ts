import type { Client } from '@temporalio/client';
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
