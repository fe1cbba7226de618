import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { routeRackbeatChange } from '../routing/rackbeat-targets';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import type { BackfillFlow } from '../workflows/backfill/contract';
import type { ClientRegistry } from './clients';

export function createBackfillActivities(clients: ClientRegistry, temporalClient?: Client) {
  return {
    /** Starts or wakes the transfers of these documents, as the poller would (same routing). */
    async startBackfillTransfers(input: { connectionId: string; flow: BackfillFlow; numbers: string[] }): Promise<string[]> {
      const { connection } = clients.get(input.connectionId);
      const client = temporalClient ?? getClient();
      const started: string[] = [];
      for (const number of input.numbers) {
        const route = routeRackbeatChange(connection, { event: `${input.flow}.backfill`, resource: input.flow, key: number, keyName: 'number', deliveryId: `backfill:${input.flow}:${number}` }, new Date().toISOString());
        for (const t of route.targets) {
          if (t.meta.flow !== input.flow) continue;
          started.push(await signalWithStartTransfer(client, t));
        }
      }
      return started;
    },
  };
}
