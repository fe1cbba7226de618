import { type Client, isGrpcDeadlineError, isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import { ConnectionIdKey, FlowKey, TransferStageKey } from '../temporal/search-attributes';
import { signalWithStartTransfer, TASK_QUEUE, type TransferMeta, transferSearchAttributes } from '../temporal/start-transfer';
import type { Connection } from '../config';
import { ORDER_FLOW, type OrderEvent, type OrderLifecycleInput, orderEventSignal, orderSummary, orderWorkflowId } from '../workflows/order/contract';
import type { orderLifecycle } from '../workflows';
import { isIrrelevantUpdate } from '../workflows/order/wake';
import { type EntityEvent, entityEventSignal } from '../workflows/common/entity-messages';
import { CUSTOMER_FLOW, customerWorkflowId, type MasterDataSyncInput, PRODUCT_FLOW, productWorkflowId } from '../workflows/master-data/contract';
import { NETVISOR_DOCUMENT_FLOW, netvisorDocumentSummary, netvisorDocumentWorkflowId } from '../workflows/netvisor/contract';
import { WEBSHOP_ORDER_FLOW, type WebshopOrderInput, webshopOrderSummary, webshopOrderWorkflowId, type WebshopSource } from '../workflows/webshop/contract';
import { parseWebshopSettings } from '../domain/webshop/settings';
import type { RackbeatEvent } from './rackbeat';
import { signalStockChange } from './stock-signal';
import { signalWebshopProduct } from './product-signal';

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

  async rackbeat(connection: Connection, event: RackbeatEvent, receivedAt: Date): Promise<DispatchResult> {
    const connectionId = connection.id;
    const at = receivedAt.toISOString();
    const entityEvent: EntityEvent = { deliveryId: event.deliveryId, event: event.event, receivedAt: at };
    const started: string[] = [];
    const [resource] = event.event.split('.');
    const netvisor = connection.netvisor?.settings;

    if (resource === 'order') {
      if (isIrrelevantUpdate(event)) {
        // Not signalled: every signal is a billed action, and these keys cannot change a transfer.
        return { status: 'ignored', reason: `order.updated changed only ${event.changed?.join(', ') ?? ''}` };
      }
      if (connection.economic) started.push(await this.startOrder(connection, event, at));
      if (netvisor?.transfer.orders && event.event === 'order.booked') {
        started.push(await this.startEntity('netvisorOrder', netvisorDocumentWorkflowId('order', connectionId, event.key), { connectionId, number: Number(event.key), settings: netvisor }, entityEvent, {
          connectionId, flow: NETVISOR_DOCUMENT_FLOW.order, sourceRef: `rackbeat:order:${event.key}`, summary: netvisorDocumentSummary('order', event.key),
        }));
      }
    } else if (event.event === 'inventory.changed') {
      if (connection.shopify || connection.woocommerce) started.push(await signalStockChange(this, connection, event.key, at));
    } else if (event.event === 'customer_invoice.booked' && netvisor?.transfer.invoices) {
      started.push(await this.startEntity('netvisorInvoice', netvisorDocumentWorkflowId('invoice', connectionId, event.key), { connectionId, number: Number(event.key), settings: netvisor }, entityEvent, {
        connectionId, flow: NETVISOR_DOCUMENT_FLOW.invoice, sourceRef: `rackbeat:invoice:${event.key}`, summary: netvisorDocumentSummary('invoice', event.key),
      }));
    } else if (resource === 'customer' || resource === 'product') {
      const isCustomer = resource === 'customer';
      if (netvisor && (isCustomer ? netvisor.transfer.customers : netvisor.transfer.products)) {
        const input: MasterDataSyncInput = { connectionId, number: event.key, netvisor };
        started.push(
          await this.startEntity(isCustomer ? 'customerSync' : 'productSync', isCustomer ? customerWorkflowId(connectionId, event.key) : productWorkflowId(connectionId, event.key), input, entityEvent, {
            connectionId, flow: isCustomer ? CUSTOMER_FLOW : PRODUCT_FLOW, sourceRef: `rackbeat:${resource}:${event.key}`, summary: `Rackbeat ${resource} ${event.key} → Netvisor`,
          }),
        );
      }
      // A fixed customer or product may let held document transfers through: each re-reads and re-checks.
      const woke = await this.wakeHeld(connectionId, event, at);
      return { status: 'accepted', woke: [...started, ...woke] };
    }
    if (started.length === 0) return { status: 'ignored', reason: `no flow of connection ${connectionId} handles ${event.event}` };
    return started.length === 1 ? { status: 'accepted', workflowId: started[0]! } : { status: 'accepted', woke: started };
  }

  private async startOrder(connection: Connection, event: RackbeatEvent, receivedAt: string): Promise<string> {
    const connectionId = connection.id;
    const workflowId = orderWorkflowId(connectionId, event.key);
    const input: OrderLifecycleInput = { connectionId, orderNumber: event.key, settings: connection.orders, searchAttributeUpserts: 'settled' };
    await this.durably(() =>
      this.options.client.workflow.signalWithStart<typeof orderLifecycle, [OrderEvent]>('orderLifecycle', {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        signal: orderEventSignal,
        signalArgs: [{ deliveryId: event.deliveryId, event: event.event, ...(event.changed ? { changed: event.changed } : {}), receivedAt }],
        staticSummary: orderSummary(event.key),
        typedSearchAttributes: transferSearchAttributes({ connectionId, flow: ORDER_FLOW, sourceRef: `rackbeat:order:${event.key}` }),
      }),
    );
    return workflowId;
  }

  /** A webshop delivery: orders start or wake their `webshopOrder` transfer; the rest is acknowledged as ignored. */
  async webshop(connection: Connection, source: WebshopSource, delivery: { topic: string; resourceId: string; deliveryId: string; name?: string | undefined }, receivedAt: Date): Promise<DispatchResult> {
    const isOrder = source === 'shopify' ? /^orders\/(create|paid|updated|cancelled|edited)$/.test(delivery.topic) : /^order\.(created|updated|deleted|restored)$/.test(delivery.topic);
    const isProduct = source === 'shopify' ? /^products\/(create|update|delete)$/.test(delivery.topic) : /^product\.(created|updated|deleted|restored)$/.test(delivery.topic);
    if (isProduct && connection.webshop?.productMaster === 'webshop') {
      return { status: 'accepted', workflowId: await signalWebshopProduct(this, connection, source, delivery, receivedAt.toISOString()) };
    }
    if (!isOrder) return { status: 'ignored', reason: `no flow of connection ${connection.id} handles ${source} ${delivery.topic}` };
    const input: WebshopOrderInput = { connectionId: connection.id, source, shopOrderId: delivery.resourceId, settings: connection.webshop ?? parseWebshopSettings({}) };
    const workflowId = await this.startEntity(
      'webshopOrder',
      webshopOrderWorkflowId(connection.id, source, delivery.resourceId),
      input,
      { deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt: receivedAt.toISOString() },
      { connectionId: connection.id, flow: WEBSHOP_ORDER_FLOW, sourceRef: `${source}:order:${delivery.resourceId}`, summary: webshopOrderSummary(source, delivery.resourceId, delivery.name) },
    );
    return { status: 'accepted', workflowId };
  }

  /** Signal-with-start of a one-document transfer (Netvisor documents, customers, products, webshop orders). */
  async startEntity(workflowType: string, workflowId: string, input: unknown, event: EntityEvent, meta: TransferMeta): Promise<string> {
    return this.signalWithStart(workflowType, workflowId, input, entityEventSignal, [event], meta);
  }

  /** Signal-with-start with a flow's own signal (the entity transfers share `entityEventSignal`; see startEntity). */
  async signalWithStart<A extends unknown[]>(workflowType: string, workflowId: string, input: unknown, signal: SignalDefinition<A>, args: A, meta: TransferMeta): Promise<string> {
    return this.durably(() => signalWithStartTransfer(this.options.client, { workflowType, workflowId, input, signal, signalArgs: args, meta, taskQueue: this.taskQueue }));
  }

  /** Wakes every held document transfer of the connection; each signal matches its workflow's type. */
  private async wakeHeld(connectionId: string, event: RackbeatEvent, receivedAt: string): Promise<string[]> {
    const flows = [ORDER_FLOW, NETVISOR_DOCUMENT_FLOW.invoice, NETVISOR_DOCUMENT_FLOW.order, WEBSHOP_ORDER_FLOW].map((f) => `'${f}'`).join(', ');
    const query = `${FlowKey.name} IN (${flows}) AND ${ConnectionIdKey.name} = '${connectionId}' AND ${TransferStageKey.name} = 'HELD' AND ExecutionStatus = 'Running'`;
    return this.durably(async () => {
      const held: { id: string; type: string }[] = [];
      for await (const wf of this.options.client.workflow.list({ query })) held.push({ id: wf.workflowId, type: wf.type });
      const signal = { deliveryId: event.deliveryId, event: event.event, receivedAt };
      await Promise.all(
        held.map(({ id, type }) => {
          const handle = this.options.client.workflow.getHandle(id);
          return type === 'orderLifecycle' ? handle.signal(orderEventSignal, signal) : handle.signal(entityEventSignal, signal);
        }),
      );
      return held.map((h) => h.id);
    });
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
