import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type EntityTransferResult, runEntityTransfer } from '../common/entity-transfer';
import { WEBSHOP_SHOPS, webshopLabel } from '../../domain/webshop/shops';
import { WEBSHOP_ORDER_FLOW, type WebshopOrderInput } from './contract';
import { DOCUMENT_STEP } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

const steps = proxyActivities<Activities>(DOCUMENT_STEP);

/**
 * F1: a webshop order → one Rackbeat order. Each shop webhook re-reads the order: once it meets
 * the trigger (created or paid; a WooCommerce status) the Rackbeat order is created and booked,
 * which starts its order lifecycle; later edits update it while it has not shipped, a cancellation
 * cancels it. Unknown SKUs and other business problems hold the transfer until a change or a retry.
 */
export async function webshopOrder(input: WebshopOrderInput): Promise<EntityTransferResult> {
  const sourceRef = `${input.source}:order:${input.shopOrderId}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: WEBSHOP_ORDER_FLOW,
    sourceRef,
    target: 'Rackbeat',
    waitingFor: WEBSHOP_SHOPS[input.source].orderWaitingFor(input.settings),
    resumesOn: `a change in ${webshopLabel(input.source)} or Rackbeat`,
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: {
      name: 'transfer to Rackbeat',
      run: () => steps.syncWebshopOrder({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, { source: input.source, shopOrderId: input.shopOrderId }, input.settings),
    },
    continueAsNew: (seen) => continueAsNew<typeof webshopOrder>({ ...input, seen }),
  });
}
