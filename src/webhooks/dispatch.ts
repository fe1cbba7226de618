import { type Client, isGrpcDeadlineError, isGrpcServiceError, ServiceError } from '@temporalio/client';
import { signalWithStartTransfer, TASK_QUEUE } from '../temporal/start-transfer';
import { triggerRackbeatPoll } from '../temporal/rackbeat-poll-schedules';
import type { Connection } from '../config';
import { entityEventSignal } from '../workflows/common/entity-messages';
import { rackbeatPollScheduleId } from '../workflows/rackbeat-poll/contract';
import { WEBSHOP_ORDER_FLOW, type WebshopOrderInput, webshopOrderSummary, webshopOrderWorkflowId, type WebshopSource } from '../workflows/webshop/contract';
import { parseWebshopSettings } from '../domain/webshop/settings';
import { WEBSHOP_REFUND_FLOW, type WebshopRefundInput, webshopRefundSummary, webshopRefundWorkflowId } from '../workflows/webshop/refund-contract';
import type { RackbeatChange } from '../routing/rackbeat-change';
import { routeRackbeatChange } from '../routing/rackbeat-targets';
import { target, type TransferTarget } from '../routing/transfer-target';
import { wakeHeldTransfers } from '../routing/wake-held';
import { webshopProductTarget } from './product-signal';

export { TASK_QUEUE };

export type DispatchResult = { status: 'accepted'; workflowId: string } | { status: 'accepted'; woke: string[] } | { status: 'ignored'; reason: string };

/** Raised when Temporal did not durably accept the event: the webhook answers 503 and the sender retries. */
export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

export interface DispatcherOptions {
  client: Client;
  taskQueue?: string;
  /** How long one signal-with-start may take before the delivery is answered 503. @default 5000 */
  deadlineMs?: number;
}

/**
 * Turns accepted deliveries into signal-with-start calls. A signal (not an update) because it is
 * durable as soon as the server accepts it, with no worker running; the workflow de-duplicates.
 */
export class Dispatcher {
  private readonly taskQueue: string;
  private readonly deadlineMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.taskQueue = options.taskQueue ?? TASK_QUEUE;
    this.deadlineMs = options.deadlineMs ?? 5_000;
  }

  async rackbeat(connection: Connection, change: RackbeatChange, receivedAt: Date): Promise<DispatchResult> {
    const at = receivedAt.toISOString();
    const route = routeRackbeatChange(connection, change, at);
    const started: string[] = [];
    for (const t of route.targets) started.push(await this.startTarget(t));
    if (route.wakeHeld) started.push(...(await this.durably(() => wakeHeldTransfers(this.options.client, connection.id, { deliveryId: change.deliveryId, event: change.event, receivedAt: at }))));
    if (route.pollNow) {
      const triggered = await this.durably(() => triggerRackbeatPoll(this.options.client, connection.id));
      if (triggered) return { status: 'accepted', woke: [rackbeatPollScheduleId(connection.id)] };
    }
    if (started.length === 0) return route.wakeHeld ? { status: 'accepted', woke: [] } : { status: 'ignored', reason: route.ignored ?? `no flow of connection ${connection.id} handles ${change.event}` };
    return started.length === 1 ? { status: 'accepted', workflowId: started[0]! } : { status: 'accepted', woke: started };
  }

  /** Signal-with-start of one transfer: the one path every delivery takes. */
  startTarget(t: TransferTarget): Promise<string> {
    return this.durably(() => signalWithStartTransfer(this.options.client, { workflowType: t.workflowType, workflowId: t.workflowId, input: t.input, signal: t.signal, signalArgs: t.signalArgs as never[], meta: t.meta, taskQueue: this.taskQueue }));
  }

  /** A webshop delivery: orders start or wake their `webshopOrder` transfer; the rest is acknowledged as ignored. */
  async webshop(connection: Connection, source: WebshopSource, delivery: { topic: string; resourceId: string; deliveryId: string; name?: string | undefined }, receivedAt: Date): Promise<DispatchResult> {
    const isOrder = source === 'shopify' ? /^orders\/(create|paid|updated|cancelled|edited)$/.test(delivery.topic) : /^order\.(created|updated|deleted|restored)$/.test(delivery.topic);
    const isProduct = source === 'shopify' ? /^products\/(create|update|delete)$/.test(delivery.topic) : /^product\.(created|updated|deleted|restored)$/.test(delivery.topic);
    if (isProduct && connection.webshop?.productMaster === 'webshop') {
      return { status: 'accepted', workflowId: await this.startTarget(webshopProductTarget(connection, source, delivery, receivedAt.toISOString())) };
    }
    if (!isOrder) return { status: 'ignored', reason: `no flow of connection ${connection.id} handles ${source} ${delivery.topic}` };
    const input: WebshopOrderInput = { connectionId: connection.id, source, shopOrderId: delivery.resourceId, settings: connection.webshop ?? parseWebshopSettings({}) };
    const workflowId = await this.startTarget(
      target({
        workflowType: 'webshopOrder',
        workflowId: webshopOrderWorkflowId(connection.id, source, delivery.resourceId),
        input,
        signal: entityEventSignal,
        signalArgs: [{ deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt: receivedAt.toISOString() }],
        meta: { connectionId: connection.id, flow: WEBSHOP_ORDER_FLOW, sourceRef: `${source}:order:${delivery.resourceId}`, summary: webshopOrderSummary(source, delivery.resourceId, delivery.name) },
      }),
    );
    return { status: 'accepted', workflowId };
  }

  /** A shop refund: starts its `webshopRefund` transfer, one per refund id. Connections without e-conomic have nothing to credit. */
  async refund(connection: Connection, source: WebshopSource, delivery: { refundId: string; shopOrderId: string; deliveryId: string }, receivedAt: Date): Promise<DispatchResult> {
    if (!connection.economic) return { status: 'ignored', reason: `connection ${connection.id} has no e-conomic: refunds are not credited` };
    const input: WebshopRefundInput = { connectionId: connection.id, source, shopOrderId: delivery.shopOrderId, refundId: delivery.refundId };
    const workflowId = await this.startTarget(
      target({
        workflowType: 'webshopRefund',
        workflowId: webshopRefundWorkflowId(connection.id, source, delivery.refundId),
        input,
        signal: entityEventSignal,
        signalArgs: [{ deliveryId: delivery.deliveryId, event: 'refunds/create', receivedAt: receivedAt.toISOString() }],
        meta: { connectionId: connection.id, flow: WEBSHOP_REFUND_FLOW, sourceRef: `${source}:refund:${delivery.refundId}`, summary: webshopRefundSummary(source, delivery.refundId) },
      }),
    );
    return { status: 'accepted', workflowId };
  }

  private async durably<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.options.client.withDeadline(Date.now() + this.deadlineMs, fn);
    } catch (err) {
      if (isUnavailable(err)) throw new TemporalUnavailableError(`Temporal did not accept the event: ${(err as Error).message}`, { cause: err });
      throw err;
    }
  }
}


/** gRPC status codes (CANCELLED 1, DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8, UNAVAILABLE 14) that mean "not accepted, try later". */
const UNAVAILABLE_CODES = new Set<number>([1, 4, 8, 14]);

function isUnavailable(err: unknown): boolean {
  if (isGrpcDeadlineError(err)) return true;
  const grpc = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(grpc) && UNAVAILABLE_CODES.has(grpc.code);
}
