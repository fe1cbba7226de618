import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ConnectionIdKey } from '../workflows/common/search-attributes';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import { transferTarget } from '../workflows/common/transfer-flow';
import { registerWebshopWebhooks } from './webshop/subscriptions';
import { type SourceReconcileResult, type WebshopReconcileResult } from '../workflows/reconcile/contract';
import { decideReconcile, decideRefundReconcile, type ReconcileDecision } from '../domain/reconcile/decide';
import { webshopRefundArrival } from '../domain/webshop/shops';
import type { Connection } from '../config';
import type { EntityEvent } from '../workflows/common/entity-messages';
import { latestCompletedResult, transferState } from './transfer-state';
import { WEBSHOP_ORDER_TRANSFER, webshopOrderWorkflowId, type WebshopSource } from '../workflows/webshop/contract';
import { refundInOrderDeliveryId, WEBSHOP_REFUND_TRANSFER } from '../workflows/webshop/refund-contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import { type ChangedShopOrder, createWebshopPorts } from './webshop/ports';

type Counts = Omit<SourceReconcileResult, 'since' | 'basis'>;

const COUNTED = { start: 'started', wake: 'woken', rerun: 'rerun', skip: 'skipped' } as const satisfies Record<ReconcileDecision, keyof Counts>;

/**
 * F1's safety net (webshops.md §1 rule 2): WooCommerce never re-sends a failed delivery and
 * Shopify stops after 4 hours, so changed orders are listed and their transfers started or woken
 * the way a webhook would. Uses the worker's own client (activity context) unless one is given.
 */
export function createReconcileActivities(clients: ClientRegistry, temporalClient?: Client) {
  const temporal = (): Client => temporalClient ?? getClient();
  const ports = createWebshopPorts();

  const changedOrders = (connectionId: string, source: WebshopSource, since: Date): AsyncIterable<ChangedShopOrder> => {
    const port = ports.find(clients.get(connectionId), source);
    // A plain (retryable) error, as before the ports: the reconcile reports it per source.
    if (!port) throw new Error(`connection ${connectionId} has no ${source} settings`);
    return port.changedOrdersSince(since);
  };

  /**
   * A change the order transfer did not see may be a refund whose delivery was lost: each refund
   * the order lists is woken as the receiver would, with the delivery id
   * `reconcile:{updated_at}:refund:{id}` (overlapping windows of one change are one delivery; a later
   * change retries a held refund). Refunds listed in order deliveries (WooCommerce) follow the
   * order's decision: the delivery that the order transfer saw carried them too. A refund delivered
   * on its own (Shopify `refunds/create`) is decided by its own transfer (`decideRefundReconcile`):
   * one that handed the refund over is not signalled again. Either way the order lifecycle takes a
   * refund once (delivery id `webshop:{shop}:refund:{id}`), so a refund both delivered and
   * reconciled is credited once.
   */
  const wakeRefunds = async (connection: Connection, source: WebshopSource, order: ChangedShopOrder, orderDecision: ReconcileDecision, wake: EntityEvent): Promise<void> => {
    const byOrder = webshopRefundArrival(source) === 'order';
    if (byOrder && orderDecision === 'skip') return;
    for (const refundId of order.refundIds ?? []) {
      const key = { source, shopOrderId: order.id, refundId };
      if (!byOrder && decideRefundReconcile(await transferState(temporal(), WEBSHOP_REFUND_TRANSFER.workflowId(connection.id, key), 'forwardWebshopRefund')) === 'skip') continue;
      await signalWithStartTransfer(temporal(), transferTarget(WEBSHOP_REFUND_TRANSFER, connection, key, [{ ...wake, deliveryId: refundInOrderDeliveryId(wake.deliveryId, refundId) }]));
    }
  };

  return {
    /** The checkpoints of the latest completed reconcile of the connection (another run than this one). */
    async lastReconcileCheckpoints(input: { connectionId: string; exceptWorkflowId: string }): Promise<WebshopReconcileResult['checkpoints']> {
      const result = await latestCompletedResult<Partial<WebshopReconcileResult>>(temporal(), { workflowType: 'webshopReconcile', connectionIdKey: ConnectionIdKey.name, ...input });
      return result?.checkpoints ?? {};
    },

    /**
     * Lists the shop's orders changed since `since` and signal-with-starts each transfer that has
     * not read this change yet, with delivery id `reconcile:{updated_at}` so overlapping windows
     * are dropped by the workflow, and wakes the refunds the orders list (`wakeRefunds`).
     * Repeating the whole activity is safe for the same reason.
     */
    async reconcileWebshopOrders(input: { connectionId: string; source: WebshopSource; since: string }): Promise<Counts & { checkpoint: string }> {
      return translated(async () => {
        // Taken before the first page: an order changed while we list is in the next window.
        const checkpoint = new Date().toISOString();
        const { connection } = clients.get(input.connectionId);
        const counts: Counts = { listed: 0, started: 0, woken: 0, rerun: 0, skipped: 0, ignored: 0 };
        for await (const order of changedOrders(input.connectionId, input.source, new Date(input.since))) {
          counts.listed++;
          // The receiver ignores these too: block-checkout carts, not orders yet (webshops.md §1 rule 6).
          if (order.status === 'checkout-draft' || Number.isNaN(order.updatedAtMs)) {
            counts.ignored++;
            continue;
          }
          const workflowId = webshopOrderWorkflowId(input.connectionId, input.source, order.id);
          const decision = decideReconcile(await transferState(temporal(), workflowId, 'syncWebshopOrder'), order.updatedAtMs);
          const wake = { deliveryId: `reconcile:${order.updatedAt}`, event: 'reconcile', receivedAt: new Date().toISOString() };
          if (decision !== 'skip') await signalWithStartTransfer(temporal(), transferTarget(WEBSHOP_ORDER_TRANSFER, connection, { source: input.source, shopOrderId: order.id, name: order.name }, [wake]));
          counts[COUNTED[decision]]++;
          if (WEBSHOP_REFUND_TRANSFER.enabledFor(connection)) await wakeRefunds(connection, input.source, order, decision, wake);
        }
        return { ...counts, checkpoint };
      });
    },

    /** Re-registers missing, disabled or moved webhook subscriptions (start-up registration, again). */
    async ensureWebshopWebhooks(input: { connectionId: string; publicUrl: string }): Promise<string[]> {
      return translated(async () => {
        const shops = clients.get(input.connectionId);
        const changes = await registerWebshopWebhooks({ connection: shops.connection, shops, publicUrl: input.publicUrl });
        return changes.map((c) => `${c.source} ${c.topic}:${c.action}${c.detail ? ` (${c.detail})` : ''}`);
      });
    },
  };
}

