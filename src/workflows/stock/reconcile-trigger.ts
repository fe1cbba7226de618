import { getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../common/search-attributes';
import { type ReconcileRequest, reconcileStockSignal, STOCK_FLOW, stockSummary, stockWorkflowId } from './contract';
import { stockSync } from './workflow';

export interface StockReconcileTriggerInput {
  connectionId: string;
}

/**
 * What the `stock-reconcile:{conn}` Schedule starts (a Schedule can only start workflows): asks the
 * running `stock:{conn}` for a reconcile, or starts it with one. Returns what it did.
 */
export async function stockReconcileTrigger(input: StockReconcileTriggerInput): Promise<'signalled' | 'started'> {
  const workflowId = stockWorkflowId(input.connectionId);
  const request: ReconcileRequest = { requestedAt: new Date().toISOString(), by: 'schedule' };
  try {
    await getExternalWorkflowHandle(workflowId).signal(reconcileStockSignal, request);
    return 'signalled';
  } catch {
    // Not running (no stock change seen yet): start it, outliving this workflow.
  }
  try {
    await startChild(stockSync, {
      workflowId,
      args: [{ connectionId: input.connectionId, reconcile: request }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: stockSummary(input.connectionId),
      typedSearchAttributes: [
        { key: ConnectionIdKey, value: input.connectionId },
        { key: FlowKey, value: STOCK_FLOW },
        { key: SourceRefKey, value: 'rackbeat:inventory' },
        { key: TransferStageKey, value: 'RECEIVED' },
      ],
    });
    return 'started';
  } catch {
    // A webhook started it meanwhile.
    await getExternalWorkflowHandle(workflowId).signal(reconcileStockSignal, request);
    return 'signalled';
  }
}
