import type { Client } from '@temporalio/client';
import { reconcileSearchAttributes } from '../../src/temporal/webshop-schedules';
import { TASK_QUEUE } from '../../src/webhooks/dispatch';
import type { webshopReconcile } from '../../src/workflows';
import { type WebshopReconcileResult, webshopReconcileScheduleId } from '../../src/workflows/reconcile/contract';
import type { WebshopSource } from '../../src/workflows/webshop/contract';

/** Runs the connection's webshop reconcile once, as its schedule would (each call a new workflow id), and returns its result. */
export function webshopReconciler(client: () => Client, connectionId: string, sources: WebshopSource[], publicUrl: () => string): () => Promise<WebshopReconcileResult> {
  let runs = 0;
  return () =>
    client().workflow.execute<typeof webshopReconcile>('webshopReconcile', {
      workflowId: `${webshopReconcileScheduleId(connectionId)}-test-${++runs}`,
      taskQueue: TASK_QUEUE,
      args: [{ connectionId, sources, publicUrl: publicUrl() }],
      typedSearchAttributes: reconcileSearchAttributes(connectionId),
    });
}
