import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TransferFlow } from '../common/transfer-flow';
import type { TransferStatus } from '../common/transfer-status';
import type { WebshopSource } from '../webshop/contract';

/* F4's contract: one coalescing entity workflow per connection pushes Rackbeat's available quantity to its shops. */

export const STOCK_FLOW = 'stock';
export type StockShop = WebshopSource;

/** `stock:{conn}`: one per connection, so every stock change of the connection lands in one coalescer. */
export function stockWorkflowId(connectionId: string): string {
  return `${STOCK_FLOW}:${connectionId}`;
}

/** Id of the Schedule that asks `stock:{conn}` for a full reconcile. */
export function stockReconcileScheduleId(connectionId: string): string {
  return `stock-reconcile:${connectionId}`;
}

export function stockSummary(connectionId: string): string {
  return `Rackbeat stock → webshops (${connectionId})`;
}

/** A Rackbeat product's stock moved; the quantity is not carried: the flush re-reads Rackbeat. */
export interface StockChanged {
  /** Rackbeat product number = shop SKU. */
  sku: string;
  /** When the webhook was received (ISO). */
  at: string;
  /** Same delivery twice carries the same id. */
  deliveryId: string;
}

export interface ReconcileRequest {
  requestedAt: string;
  /** Who asked: `schedule`, `operator`, … */
  by: string;
}

export const stockChangedSignal = defineSignal<[StockChanged]>('stockChanged');
export const reconcileStockSignal = defineSignal<[ReconcileRequest]>('reconcileStock');

export interface StockSyncInput {
  connectionId: string;
  /** Shops of the connection at start; refreshed from the worker's configuration on every run. */
  shops?: StockShop[];
  /** Run a reconcile as soon as the workflow starts (the schedule started it). */
  reconcile?: ReconcileRequest;
  /** Flush rounds per run before continue-as-new (lower in tests). @default 500 */
  maxFlushesPerRun?: number;
}

/** Per shop: what the lane did so far (this run and the ones before it). */
export interface StockLaneStatus {
  shop: StockShop;
  pending: number;
  lastFlushAt: string | undefined;
  /** Shop API calls made by flushes (reads and writes). */
  calls: number;
  /** Write calls (Shopify `inventorySetQuantities`, WooCommerce batch POSTs). */
  writeCalls: number;
  written: number;
  unchanged: number;
  /** SKUs the shop does not know, newest last (bounded): skipped, not an error. */
  unknownSkus: string[];
  lastError: string | undefined;
  consecutiveFailures: number;
  pausedUntil: string | undefined;
}

export interface StockStatus extends TransferStatus {
  lanes: StockLaneStatus[];
  /** Rackbeat product numbers that no longer exist (bounded). */
  missingInRackbeat: string[];
  flushes: number;
  lastReconcile: { at: string; checked: number; queued: number } | undefined;
}

export const stockStatusQuery = defineQuery<StockStatus>('status');

/**
 * F4's descriptor: the connection's one `stock:{conn}` workflow, keyed by the SKU that changed.
 * The quantity is not passed: the workflow reads Rackbeat when it flushes, so a late or repeated
 * delivery cannot write an old value.
 */
export const STOCK_TRANSFER: TransferFlow<string, StockSyncInput, [StockChanged], 'stockSync'> = {
  flow: STOCK_FLOW,
  workflowType: 'stockSync',
  signal: stockChangedSignal,
  workflowId: (connectionId) => stockWorkflowId(connectionId),
  input: (connection) => ({ connectionId: connection.id, shops: [...(connection.shopify ? (['shopify'] as const) : []), ...(connection.woocommerce ? (['woocommerce'] as const) : [])] }),
  sourceRef: () => 'rackbeat:inventory',
  summary: (_sku, connectionId) => stockSummary(connectionId),
  enabledFor: (connection) => connection.shopify !== undefined || connection.woocommerce !== undefined,
  pausable: false,
  rackbeat: {
    resources: ['inventory'],
    // A product appearing also releases held shop orders (the webshop order flow wakes on it).
    events: () => ['inventory.changed', 'product.created', 'product.updated'],
    keyedBy: 'item',
    key: (change) => change.key,
    // A repeated delivery only re-queues the SKU: the flush reads Rackbeat after every change.
    args: (change, receivedAt) => [{ sku: change.key, at: receivedAt, deliveryId: `inventory.changed:${change.key}:${receivedAt}` }],
    ignore: (change) => {
      if (change.itemType !== undefined && change.itemType !== 'product') return `stock of ${change.itemType} items is not sent to shops`;
      if (change.changeType !== undefined && change.changeType !== 'stock') return `inventory change of type ${change.changeType} is not a stock change`;
      return undefined;
    },
  },
};
