import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type EntityTransferResult, runEntityTransfer } from '../common/entity-transfer';
import { WEBSHOP_REFUND_FLOW, type WebshopRefundInput } from './refund-contract';
import { DOCUMENT_STEP } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

const steps = proxyActivities<Activities>(DOCUMENT_STEP);

/**
 * One shop refund: read it from the shop, find the Rackbeat order its shop order became, and hand
 * it to that order's lifecycle (signal-with-start), which alone writes the order's e-conomic
 * documents: before invoicing the refund comes off the draft, after it a credit note is booked.
 */
export async function webshopRefund(input: WebshopRefundInput): Promise<EntityTransferResult> {
  const sourceRef = `${input.source}:refund:${input.refundId}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: WEBSHOP_REFUND_FLOW,
    sourceRef,
    target: 'e-conomic',
    waitingFor: 'waiting for the shop order to reach Rackbeat',
    resumesOn: 'a retry once the shop order is in Rackbeat',
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: {
      name: 'hand refund to the order',
      run: () => steps.forwardWebshopRefund({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, { source: input.source, shopOrderId: input.shopOrderId, refundId: input.refundId }),
    },
    continueAsNew: (seen) => continueAsNew<typeof webshopRefund>({ ...input, seen }),
  });
}
