import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { TRANSFER_FLOWS } from '../flows/registry';
import { backfillTarget } from '../routing/backfill-targets';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import type { BackfillFlow } from '../workflows/backfill/contract';
import type { ClientRegistry } from './clients';

export function createBackfillActivities(clients: ClientRegistry, temporalClient?: Client) {
  return {
    /** Starts or wakes the transfers of these documents through the flow's descriptor, as a webhook would. */
    async startBackfillTransfers(input: { connectionId: string; flow: BackfillFlow; numbers: string[] }): Promise<string[]> {
      const { connection } = clients.get(input.connectionId);
      const client = temporalClient ?? getClient();
      const started: string[] = [];
      const flow = TRANSFER_FLOWS.find((f) => f.flow === input.flow);
      if (!flow) throw new Error(`backfill of flow ${input.flow} is not possible: no such flow`);
      if (!flow.enabledFor(connection)) return started;
      for (const number of input.numbers) started.push(await signalWithStartTransfer(client, backfillTarget(flow, connection, number, new Date().toISOString())));
      return started;
    },
  };
}
