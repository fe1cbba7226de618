import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { type EntityTransferResult, runEntityTransfer } from '../common/entity-transfer';
import { webshopLabel } from '../../domain/webshop/shops';
import { WEBSHOP_PRODUCT_FLOW, type WebshopProductInput } from './contract';
import { DOCUMENT_STEP } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;

const steps = proxyActivities<Activities>(DOCUMENT_STEP);

/**
 * F3 (webshop master): a shop product → one Rackbeat product per variant SKU, then the same
 * products in e-conomic and Netvisor. Each shop webhook re-reads the product; names an accounting
 * system refuses hold the transfer (or are cleaned, per setting) until the product changes or a retry.
 */
export async function webshopProduct(input: WebshopProductInput): Promise<EntityTransferResult> {
  const sourceRef = `${input.source}:product:${input.shopProductId}`;
  return runEntityTransfer({
    connectionId: input.connectionId,
    flow: WEBSHOP_PRODUCT_FLOW,
    sourceRef,
    target: 'Rackbeat',
    waitingFor: `waiting for a change of the product in ${webshopLabel(input.source)}`,
    resumesOn: `a change of the product in ${webshopLabel(input.source)}`,
    ...(input.seen ? { seen: input.seen } : {}),
    ...(input.generation === undefined ? {} : { generation: input.generation }),
    step: {
      name: 'transfer product',
      run: () => steps.syncWebshopProduct({ connectionId: input.connectionId, workflowId: workflowInfo().workflowId, source: sourceRef }, { source: input.source, shopProductId: input.shopProductId }, input.settings),
    },
    continueAsNew: (seen) => continueAsNew<typeof webshopProduct>({ ...input, seen }),
  });
}
