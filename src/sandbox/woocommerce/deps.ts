import type { ResourceEvent } from './models';
import type { OrderService } from './orders';
import type { ProductService } from './products';
import type { RefundService } from './refunds';
import type { WooViews } from './present';
import type { WooCommerceSimulatorSettings } from './settings';
import type { WooStore } from './store';
import type { WebhookDispatcher } from './webhooks';

/** What the route modules share. */
export interface WooDeps {
  store: WooStore;
  views: WooViews;
  orders: OrderService;
  products: ProductService;
  refunds: RefundService;
  dispatcher: WebhookDispatcher;
  settings: WooCommerceSimulatorSettings;
  /** `{site}/wp-json/wc/v3`, for `_links` and `Link` headers. */
  apiUrl: () => string;
  /** Runs one write, then queues the webhook deliveries its events call for. */
  mutate: <T>(change: (events: ResourceEvent[]) => T) => T;
}
