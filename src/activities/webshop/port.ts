import type { ShopOrder, ShopProductVariant, ShopRefund, WebshopSource } from '../../domain/webshop';
import type { ConnectionClients } from '../clients';
import type { PushStockItem, PushStockResult } from '../stock-types';

/** One order as the shop's change listing shows it (reconcile). */
export interface ChangedShopOrder {
  id: string;
  /** The shop's own text (`updated_at` / `date_modified_gmt`): part of the delivery id. */
  updatedAt: string;
  updatedAtMs: number;
  /** When the order was created (Shopify `created_at`, WooCommerce `date_created_gmt`), ms since epoch: backfill's window. */
  createdAtMs: number;
  name?: string;
  status?: string;
  /** The ids of the refunds the order lists (Shopify's and WooCommerce's order resources both carry `refunds[]`). */
  refundIds?: string[];
}

/**
 * What one shop system does for rackbridge, for one connection: read orders (normalised by the
 * domain mappers), list the ones changed since a time, read products, set and compare stock,
 * fulfil, read refunds. Activities hold the flow logic and pick the port by `WebshopSource`;
 * connector errors pass through untranslated (the activity's `translated` does that).
 * Which webhook topics mean what is pure data in `domain/webshop/shops.ts`.
 */
export interface WebshopPort {
  readonly source: WebshopSource;
  readOrder(id: string): Promise<ShopOrder>;
  /** Orders changed since `since`, oldest page first, every page. */
  changedOrdersSince(since: Date): AsyncIterable<ChangedShopOrder>;
  /** The product's variants, or `undefined` when the shop shows it as deleted (a 404 is the caller's). */
  readProductVariants(id: string): Promise<ShopProductVariant[] | undefined>;
  /** Sets Rackbeat's quantities in the shop; `batchKey` is the same on every retry of one batch. */
  pushStock(batchKey: string, items: readonly PushStockItem[]): Promise<PushStockResult>;
  /** The SKUs whose shop quantity differs from Rackbeat's available quantity. */
  findStockDrift(available: ReadonlyMap<string, number>): Promise<{ skus: string[]; calls: number }>;
  /** Marks the shop order fulfilled, once; returns what was done, for the transfer's log. */
  fulfilOrder(id: string): Promise<string>;
  /** The refund as the order shows it, `undefined` when the order has none with that id. */
  readRefund(shopOrderId: string, refundId: string): Promise<ShopRefund | undefined>;
}

export interface WebshopPortOptions {
  /** How long a SKU → shop item mapping (or its absence) is remembered. @default 10 minutes */
  mappingTtlMs?: number;
}

/**
 * One per shop system: built once per activity set (it owns the shop's caches), then asked per
 * connection; `undefined` when the connection has no such shop.
 */
export type WebshopPortFactory = (options: WebshopPortOptions) => (clients: ConnectionClients) => WebshopPort | undefined;

export const DEFAULT_MAPPING_TTL_MS = 10 * 60_000;
/** Most SKU mappings one worker remembers per shop system. */
export const MAPPING_ENTRIES = 200_000;
