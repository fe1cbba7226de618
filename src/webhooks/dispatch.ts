import { type Client, isGrpcDeadlineError, isGrpcServiceError, ServiceError } from '@temporalio/client';
import { ConnectionIdKey, FlowKey, SourceRefKey, TransferStageKey } from '../temporal/search-attributes';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, orderWorkflowId } from '../workflows/order/contract';
import type { orderLifecycle } from '../workflows';
import type { RackbeatEvent } from './rackbeat';

export const TASK_QUEUE = 'rackbridge';

export type DispatchResult = { status: 'accepted'; workflowId: string } | { status: 'ignored'; reason: string };

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

  async rackbeat(connectionId: string, event: RackbeatEvent, receivedAt: Date): Promise<DispatchResult> {
    if (!event.event.startsWith('order.')) {
      return { status: 'ignored', reason: `no flow handles ${event.event} yet` };
    }
    const workflowId = orderWorkflowId(connectionId, event.key);
    const input: OrderLifecycleInput = { connectionId, orderNumber: event.key };
    await this.durably(() =>
      this.options.client.workflow.signalWithStart<typeof orderLifecycle, [OrderEvent]>('orderLifecycle', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        signal: orderEventSignal,
        signalArgs: [{ deliveryId: event.deliveryId, event: event.event, ...(event.changed ? { changed: event.changed } : {}), receivedAt: receivedAt.toISOString() }],
        staticSummary: `Rackbeat order ${event.key} → e-conomic`,
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
