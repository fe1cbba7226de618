import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type EntityTransferResult, runEntityTransfer } from '../common/entity-transfer';
import { CUSTOMER_FLOW, type MasterDataSyncInput, PRODUCT_FLOW } from './contract';
import { DOCUMENT_STEP } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

const steps = proxyActivities<Activities>(DOCUMENT_STEP);

/** F6: a Rackbeat customer → the Netvisor customer with the same code (created, updated, or held when it is another company). */
export async function customerSync(input: MasterDataSyncInput): Promise<EntityTransferResult> {
  const sourceRef = `rackbeat:customer:${input.number}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: CUSTOMER_FLOW,
    sourceRef,
    target: 'Netvisor',
    waitingFor: 'waiting for a change in Rackbeat',
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: { name: 'sync customer to Netvisor', run: () => steps.syncNetvisorCustomer({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, Number(input.number), input.netvisor) },
    continueAsNew: (seen) => continueAsNew<typeof customerSync>({ ...input, seen }),
  });
}

/** F3 (Rackbeat master): a Rackbeat product → the Netvisor product with the same code; names Netvisor refuses are held. */
export async function productSync(input: MasterDataSyncInput): Promise<EntityTransferResult> {
  const sourceRef = `rackbeat:product:${input.number}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: PRODUCT_FLOW,
    sourceRef,
    target: 'Netvisor',
    waitingFor: 'waiting for a change in Rackbeat',
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: { name: 'sync product to Netvisor', run: () => steps.syncNetvisorProduct({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, input.number, input.netvisor) },
    continueAsNew: (seen) => continueAsNew<typeof productSync>({ ...input, seen }),
  });
}
