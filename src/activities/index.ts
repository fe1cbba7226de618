import type { Client } from '@temporalio/client';
import type { ClientRegistry } from './clients';
import { CatalogCache } from './economic-catalog';
import { MasterDataSync } from './master-data';
import { createNetvisorActivities } from './netvisor';
import { createImportActivities } from './netvisor-import';
import { createNotifyActivities } from './notify';
import { createPauseActivities } from './pause';
import { createDigestActivities } from './digest';
import { createBackfillActivities } from './backfill';
import { createOrderActivities } from './order-lifecycle';
import type { OrderAccountingPort } from './order-accounting/port';
import { createWebshopOrderActivities } from './webshop-order';
import { createWebshopRefundActivities } from './webshop-refund';
import { createReconcileActivities } from './webshop-reconcile';
import { createRackbeatPollActivities } from './rackbeat-poll';
import { createStockActivities } from './stock';
import { createWebshopProductActivities } from './webshop-product';

export interface ActivityDeps {
  clients: ClientRegistry;
  /** How long e-conomic's agreement catalog is cached. @default 10 minutes */
  catalogTtlMs?: number;
  /** How long verified customers and products are remembered. @default 1 hour */
  masterDataTtlMs?: number;
  /** Client for activities that start or signal workflows (webshop reconcile, the webshop order starting its lifecycle). @default the worker's own client (activity context) */
  temporalClient?: Client;
  /** An accounting system the order lifecycle uses on every connection instead of the configured one (a test's own). */
  orderAccounting?: OrderAccountingPort;
}

/** Every activity the worker registers; workflows import this module's type only. */
export function createActivities(deps: ActivityDeps) {
  // One catalog and one master-data memory per worker: an invalidation in one flow reaches the others.
  const orderDeps = { clients: deps.clients, catalogs: new CatalogCache(deps.catalogTtlMs), masterData: new MasterDataSync(deps.masterDataTtlMs) };
  return {
    ...createOrderActivities(orderDeps, deps.orderAccounting),
    ...createWebshopRefundActivities(deps.clients, deps.temporalClient),
    ...createNetvisorActivities(deps.clients),
    ...createImportActivities(deps.clients),
    ...createWebshopOrderActivities(deps.clients, deps.temporalClient),
    ...createWebshopProductActivities(orderDeps),
    ...createNotifyActivities(deps.clients),
    ...createReconcileActivities(deps.clients, deps.temporalClient),
    ...createRackbeatPollActivities(deps.clients, deps.temporalClient),
    ...createStockActivities(deps.clients),
    ...createPauseActivities(deps.temporalClient),
    ...createDigestActivities(deps.clients, deps.temporalClient),
    ...createBackfillActivities(deps.clients, deps.temporalClient),
  };
}

export type Activities = ReturnType<typeof createActivities>;
