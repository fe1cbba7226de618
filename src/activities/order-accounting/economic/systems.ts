import type { EconomicClient } from '../../../connectors/economic';
import type { RackbeatClient } from '../../../connectors/rackbeat';
import type { EconomicMapping } from '../../../domain/economic';
import type { OrderContext } from '../../../domain/order';
import type { ClientRegistry } from '../../clients';
import { missingSystem } from '../../failure';

export type { OrderActivityDeps } from '../port';

export interface OrderSystems {
  rackbeat: RackbeatClient;
  economic: EconomicClient;
  mapping: EconomicMapping;
}

/** The connection's Rackbeat and e-conomic clients; a connection without e-conomic settings cannot run the lifecycle. */
export function orderSystems(clients: ClientRegistry, ctx: OrderContext): OrderSystems {
  const { rackbeat, economic, connection } = clients.get(ctx.connectionId);
  if (!economic || !connection.economic) {
    throw missingSystem(ctx.connectionId, 'e-conomic');
  }
  return { rackbeat, economic, mapping: connection.economic.mapping };
}

/** The Idempotency-Key of one write of the transfer: the workflow id and the step. */
export function orderKey(ctx: OrderContext, step: string): string {
  return `${ctx.workflowId}:${step}`;
}

/** The document date: today, UTC. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
