import type { FastifyRequest } from 'fastify';
import type { FulfilmentService } from './fulfilment';
import type { DomainEvent } from './models';
import type { OrderService } from './orders';
import type { PartyService } from './parties';
import type { RackbeatStore } from './store';
import type { RackbeatViews } from './views';
import type { WebhookDispatcher } from './webhooks';
import type { RackbeatSimulatorSettings } from './settings';

/** What the route modules share. */
export interface RouteDeps {
  store: RackbeatStore;
  views: RackbeatViews;
  orders: OrderService;
  fulfilment: FulfilmentService;
  parties: PartyService;
  dispatcher: WebhookDispatcher;
  settings: RackbeatSimulatorSettings;
  /** Runs one write, then fires the events it produced unless the request suppresses webhooks. */
  mutate: <T>(request: FastifyRequest, change: (events: DomainEvent[]) => T) => T;
}
