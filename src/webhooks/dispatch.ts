import { type Client, isGrpcDeadlineError, isGrpcServiceError, ServiceError } from '@temporalio/client';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../temporal/search-attributes';
import type { Connection } from '../config';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, orderSummary, orderWorkflowId } from '../workflows/order/contract';
import type { orderLifecycle } from '../workflows';
import { isIrrelevantUpdate } from '../workflows/order/wake';
import type { RackbeatEvent } from './rackbeat';

export const TASK_QUEUE = 'rackbridge';

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

  async rackbeat(connection: Connection, event: RackbeatEvent, receivedAt: Date): Promise<DispatchResult> {
    const connectionId = connection.id;
    if (/^(customer|product)\./.test(event.event)) return this.wakeHeldOrders(connectionId, event, receivedAt);
    if (!event.event.startsWith('order.')) {
      return { status: 'ignored', reason: `no flow handles ${event.event} yet` };
    }
    if (isIrrelevantUpdate(event)) {
      // Not signalled: every signal is a billed action, and these keys cannot change a transfer.
      return { status: 'ignored', reason: `order.updated changed only ${event.changed?.join(', ') ?? ''}` };
    }
    const workflowId = orderWorkflowId(connectionId, event.key);
    const input: OrderLifecycleInput = { connectionId, orderNumber: event.key, settings: connection.orders };
    await this.durably(() =>
      this.options.client.workflow.signalWithStart<typeof orderLifecycle, [OrderEvent]>('orderLifecycle', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        signal: orderEventSignal,
        signalArgs: [{ deliveryId: event.deliveryId, event: event.event, ...(event.changed ? { changed: event.changed } : {}), receivedAt: receivedAt.toISOString() }],
        staticSummary: orderSummary(event.key),
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: connectionId },
          { key: FlowKey, value: ORDER_FLOW },
          { key: SourceRefKey, value: `rackbeat:order:${event.key}` },
          { key: TransferStageKey, value: 'RECEIVED' },
        ],
      }),
    );
    return { status: 'accepted', workflowId };
  }

  /**
   * A customer or product changed: held order transfers of the connection may now go through,
   * so each is woken (it re-reads everything and re-checks its preflight).
   */
  private async wakeHeldOrders(connectionId: string, event: RackbeatEvent, receivedAt: Date): Promise<DispatchResult> {
    const query = `${FlowKey.name} = '${ORDER_FLOW}' AND ${ConnectionIdKey.name} = '${connectionId}' AND ${TransferStageKey.name} = 'HELD' AND ExecutionStatus = 'Running'`;
    const woke = await this.durably(async () => {
      const ids: string[] = [];
      for await (const wf of this.options.client.workflow.list({ query })) ids.push(wf.workflowId);
      const signal: OrderEvent = { deliveryId: event.deliveryId, event: event.event, receivedAt: receivedAt.toISOString() };
      await Promise.all(ids.map((id) => this.options.client.workflow.getHandle(id).signal(orderEventSignal, signal)));
      return ids;
    });
    return { status: 'accepted', woke };
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
