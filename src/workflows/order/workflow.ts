import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../../activities';
import { TransferStageKey, HeldReasonKey } from '../../temporal/search-attributes';
import { DeliveryDedup } from '../common/delivery-dedup';
import { StatusRecorder } from '../common/status-recorder';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, retrySignal, statusQuery } from './contract';

const { readRackbeatOrder } = proxyActivities<ReturnType<typeof activities.createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Carried across continue-as-new so duplicates stay recognised. */
export interface OrderLifecycleCarry {
  seenDeliveries: string[];
}

/**
 * F2, first version: one workflow per Rackbeat order. It records every order event it receives
 * (each delivery once), re-reads the order from Rackbeat and shows its state. Creating the
 * e-conomic documents builds on this (the order-lifecycle issue).
 */
export async function orderLifecycle(input: OrderLifecycleInput, carry?: OrderLifecycleCarry): Promise<void> {
  const { workflowId } = workflowInfo();
  const status = new StatusRecorder({ workflowId, flow: ORDER_FLOW, connectionId: input.connectionId, sourceRef: `rackbeat:order:${input.orderNumber}` });
  const dedup = new DeliveryDedup(carry?.seenDeliveries);
  const pending: OrderEvent[] = [];
  let retryRequested = false;

  setHandler(orderEventSignal, (event) => {
    if (dedup.firstSeen(event.deliveryId)) pending.push(event);
  });
  setHandler(retrySignal, () => {
    retryRequested = true;
  });
  setHandler(statusQuery, () => status.snapshot());

  const show = (stageChanged: boolean): void => {
    if (stageChanged) upsertSearchAttributes([{ key: TransferStageKey, value: status.stage }, { key: HeldReasonKey, value: status.snapshot().heldReason ?? null }]);
    setCurrentDetails(status.details());
  };

  for (;;) {
    await condition(() => pending.length > 0 || retryRequested);
    retryRequested = false;
    const events = pending.splice(0, pending.length);
    for (const event of events) {
      status.step({ name: `received ${event.event}`, at: event.receivedAt, result: 'ok', ...(event.changed?.length ? { detail: `changed: ${event.changed.join(', ')}` } : {}) });
    }

    const now = new Date().toISOString();
    try {
      const order = await readRackbeatOrder(input.connectionId, input.orderNumber);
      status.step({ name: 'read Rackbeat order', at: now, result: 'ok', detail: order.summary });
      if (order.isCancelled) {
        show(status.moveTo('CANCELLED', 'nothing: the order was cancelled in Rackbeat'));
        return;
      }
      show(status.moveTo('WAITING', 'waiting for the next Rackbeat order event'));
    } catch (err) {
      const type = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause.type : undefined;
      if (type !== 'NotFoundError') throw err;
      status.step({ name: 'read Rackbeat order', at: now, result: 'held', error: 'not found' });
      show(
        status.hold(
          'RACKBEAT_ORDER_NOT_FOUND',
          `Rackbeat has no order ${input.orderNumber}: check the order exists in Rackbeat, then send a retry.`,
          'waiting for a change webhook or a retry signal',
        ),
      );
    }

    const info = workflowInfo();
    // Only when idle: a signal that lands while continuing as new fails the task and is redelivered.
    if ((info.continueAsNewSuggested || info.historyLength > 2_000) && pending.length === 0 && !retryRequested) {
      await continueAsNew<typeof orderLifecycle>(input, { seenDeliveries: dedup.toArray() });
    }
  }
}
