import { type Client, isGrpcDeadlineError, isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { Connection } from '../config';
import type { RackbeatChange } from '../domain/rackbeat/change';
import { routeRackbeatChange } from '../routing/rackbeat-targets';
import { wakeHeldTransfers } from '../routing/wake-held';
import { routeWebshopDelivery } from '../routing/webshop-targets';
import { triggerRackbeatPoll } from '../temporal/rackbeat-poll-schedules';
import { signalWithStartTransfer, TASK_QUEUE } from '../temporal/start-transfer';
import type { TransferTarget, WebshopDelivery } from '../workflows/common/transfer-flow';
import { rackbeatPollScheduleId } from '../workflows/rackbeat-poll/contract';

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
    if (route.wakeHeld) started.push(...(await this.durably(() => wakeHeldTransfers(this.options.client, connection, change.resource, { deliveryId: change.deliveryId, event: change.event, receivedAt: at }))));
    if (route.pollNow) {
      const triggered = await this.durably(() => triggerRackbeatPoll(this.options.client, connection.id));
      if (triggered) return { status: 'accepted', woke: [rackbeatPollScheduleId(connection.id)] };
    }
    if (started.length === 0) return route.wakeHeld ? { status: 'accepted', woke: [] } : { status: 'ignored', reason: route.ignored ?? `no flow of connection ${connection.id} handles ${change.event}` };
    return started.length === 1 ? { status: 'accepted', workflowId: started[0]! } : { status: 'accepted', woke: started };
  }

  /** Signal-with-start of one transfer: the one path every delivery takes. */
  startTarget(t: TransferTarget): Promise<string> {
    return this.durably(() => signalWithStartTransfer(this.options.client, t, { taskQueue: this.taskQueue }));
  }

  /**
   * A webshop delivery: orders, products (the webshop as product master) and refunds start or wake
   * their transfer — one delivery may concern several (a WooCommerce order update and the refunds
   * its order lists), each durable before the answer.
   */
  async webshop(connection: Connection, delivery: WebshopDelivery, receivedAt: Date): Promise<DispatchResult> {
    const route = routeWebshopDelivery(connection, delivery, receivedAt.toISOString());
    if ('ignored' in route) return { status: 'ignored', reason: route.ignored };
    const started: string[] = [];
    for (const t of route.targets) started.push(await this.startTarget(t));
    return started.length === 1 ? { status: 'accepted', workflowId: started[0]! } : { status: 'accepted', woke: started };
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
