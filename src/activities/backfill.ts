import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { TRANSFER_FLOWS } from '../flows/registry';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import type { BackfillFlow } from '../workflows/backfill/contract';
import { transferTarget } from '../workflows/common/transfer-flow';
import type { ClientRegistry } from './clients';

export function createBackfillActivities(clients: ClientRegistry, temporalClient?: Client) {
  return {
    /** Starts or wakes the transfers of these documents through the flow's descriptor, as a webhook would. */
    async startBackfillTransfers(input: { connectionId: string; flow: BackfillFlow; numbers: string[] }): Promise<string[]> {
      const { connection } = clients.get(input.connectionId);
      const client = temporalClient ?? getClient();
      const started: string[] = [];
      const flow = TRANSFER_FLOWS.find((f) => f.flow === input.flow);
      if (!flow?.rackbeat) throw new Error(`backfill of flow ${input.flow} is not possible: it has no Rackbeat source`);
      if (!flow.enabledFor(connection)) return started;
      for (const number of input.numbers) {
        const change = { event: `${flow.rackbeat.resources[0]}.backfill`, resource: flow.rackbeat.resources[0]!, key: number, keyName: 'number', deliveryId: `backfill:${input.flow}:${number}` };
        started.push(await signalWithStartTransfer(client, transferTarget(flow, connection, flow.rackbeat.key(change), flow.rackbeat.args(change, new Date().toISOString()))));
      }
      return started;
    },
  };
}
