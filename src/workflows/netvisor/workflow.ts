import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type EntityTransferResult, runEntityTransfer } from '../common/entity-transfer';
import { NETVISOR_DOCUMENT_FLOW, type NetvisorDocumentInput } from './contract';
import { TRANSFER_RETRY } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

/** Business rejections fail at once (and hold); 429, 5xx, maintenance and lost answers retry for as long as it takes. */
const steps = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: TRANSFER_RETRY,
});

async function transfer(kind: 'invoice' | 'order', input: NetvisorDocumentInput, again: (next: NetvisorDocumentInput) => Promise<never>): Promise<EntityTransferResult> {
  const sourceRef = `rackbeat:${kind}:${input.number}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: NETVISOR_DOCUMENT_FLOW[kind],
    sourceRef,
    target: 'Netvisor',
    waitingFor: `waiting for the ${kind} to be booked in Rackbeat`,
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: {
      name: `send ${kind} to Netvisor`,
      run: () => steps.transferNetvisorDocument({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, { kind, number: input.number }, input.settings),
    },
    continueAsNew: (seen) => again({ ...input, seen }),
  });
}

/** F5: a booked Rackbeat customer invoice → one Netvisor sales invoice, after every seed rule passed. */
export async function netvisorInvoice(input: NetvisorDocumentInput): Promise<EntityTransferResult> {
  return transfer('invoice', input, (next) => continueAsNew<typeof netvisorInvoice>(next));
}

/** F5 for orders: a booked Rackbeat order → one Netvisor sales order. */
export async function netvisorOrder(input: NetvisorDocumentInput): Promise<EntityTransferResult> {
  return transfer('order', input, (next) => continueAsNew<typeof netvisorOrder>(next));
}
