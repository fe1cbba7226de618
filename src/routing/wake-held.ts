import type { Client } from '@temporalio/client';
import { ConnectionIdKey, FlowKey, TransferStageKey } from '../temporal/search-attributes';
import { entityEventSignal } from '../workflows/common/entity-messages';
import { NETVISOR_DOCUMENT_FLOW } from '../workflows/netvisor/contract';
import { ORDER_FLOW, orderEventSignal } from '../workflows/order/contract';
import { WEBSHOP_ORDER_FLOW } from '../workflows/webshop/contract';

/** Flows whose held transfers a fixed customer, product or BOM may let through. */
const DOCUMENT_FLOWS = [ORDER_FLOW, NETVISOR_DOCUMENT_FLOW.invoice, NETVISOR_DOCUMENT_FLOW.order, WEBSHOP_ORDER_FLOW];

/** Wakes every held document transfer of the connection; each re-reads and re-checks. Returns their ids. */
export async function wakeHeldTransfers(client: Client, connectionId: string, wake: { deliveryId: string; event: string; receivedAt: string }): Promise<string[]> {
  const flows = DOCUMENT_FLOWS.map((f) => `'${f}'`).join(', ');
  const query = `${FlowKey.name} IN (${flows}) AND ${ConnectionIdKey.name} = '${connectionId.replace(/'/g, "\\'")}' AND ${TransferStageKey.name} = 'HELD' AND ExecutionStatus = 'Running'`;
  const held: { id: string; type: string }[] = [];
  for await (const wf of client.workflow.list({ query })) held.push({ id: wf.workflowId, type: wf.type });
  await Promise.all(
    held.map(({ id, type }) => {
      const handle = client.workflow.getHandle(id);
      return type === 'orderLifecycle' ? handle.signal(orderEventSignal, wake) : handle.signal(entityEventSignal, wake);
    }),
  );
  return held.map((h) => h.id);
}
