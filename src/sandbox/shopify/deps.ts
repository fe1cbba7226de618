import type { CatalogService } from './catalog';
import type { FulfilmentService } from './fulfilment';
import type { ShopEvent } from './models';
import type { OrderService } from './orders';
import type { ShopifyStore } from './store';

/** What the route modules share. */
export interface RouteDeps {
  store: ShopifyStore;
  catalog: CatalogService;
  orders: OrderService;
  fulfilment: FulfilmentService;
  /** Runs one write, then sends the webhooks it caused. */
  mutate: <T>(change: (events: ShopEvent[]) => T) => T;
  /** Base of the simulated admin, e.g. `http://127.0.0.1:4000/shopify`, for `Link` headers. */
  publicBase: () => string;
}
