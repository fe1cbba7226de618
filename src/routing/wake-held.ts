import type { Client } from '@temporalio/client';
import type { Connection } from '../config';
import { flowOfWorkflowType, heldWakeFlows } from '../flows/registry';
import { ConnectionIdKey, FlowKey, TransferStageKey } from '../workflows/common/search-attributes';
import type { EntityEvent } from '../workflows/common/entity-messages';

/**
 * Wakes every held transfer of the connection that a change of this master data (`customer`,
 * `product`, `lot`) may let through; each re-reads and re-checks. Returns their ids.
 */
export async function wakeHeldTransfers(client: Client, connection: Connection, resource: string, wake: EntityEvent): Promise<string[]> {
  const query = heldTransfersQuery(connection, resource);
  if (query === undefined) return [];
  const held: { id: string; type: string }[] = [];
  for await (const wf of client.workflow.list({ query })) held.push({ id: wf.workflowId, type: wf.type });
  const woken = await Promise.all(
    held.map(async ({ id, type }) => {
      const flow = flowOfWorkflowType(type);
      if (!flow?.heldWake) return undefined;
      await client.workflow.getHandle(id).signal(flow.signal, ...(flow.heldWake.args(wake) as never[]));
      return id;
    }),
  );
  return woken.filter((id): id is string => id !== undefined);
}

/** The visibility query for the connection's held transfers that a change of `resource` may let through; undefined when no flow has such holds. */
export function heldTransfersQuery(connection: Connection, resource: string): string | undefined {
  const flows = heldWakeFlows(connection, resource);
  if (flows.length === 0) return undefined;
  const names = flows.map((f) => `'${f.flow}'`).join(', ');
  return `${FlowKey.name} IN (${names}) AND ${ConnectionIdKey.name} = '${connection.id.replace(/'/g, "\\'")}' AND ${TransferStageKey.name} = 'HELD' AND ExecutionStatus = 'Running'`;
}
