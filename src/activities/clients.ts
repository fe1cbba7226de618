import type { Connection } from '../config';
import { economicClient } from '../config/economic';
import { netvisorClient } from '../config/netvisor';
import { rackbeatClient } from '../config/rackbeat';
import { shopifyClient } from '../config/shopify';
import { woocommerceClient } from '../config/woocommerce';
import type { EconomicClient } from '../connectors/economic';
import type { NetvisorClient } from '../connectors/netvisor';
import type { RackbeatClient } from '../connectors/rackbeat';
import type { ShopifyClient } from '../connectors/shopify';
import type { WooCommerceClient } from '../connectors/woocommerce';

export interface ConnectionClients {
  connection: Connection;
  rackbeat: RackbeatClient;
  economic: EconomicClient | undefined;
  netvisor: NetvisorClient | undefined;
  shopify: ShopifyClient | undefined;
  woocommerce: WooCommerceClient | undefined;
}

/** API clients per connection, built once from the validated configuration. */
export class ClientRegistry {
  private readonly byId = new Map<string, ConnectionClients>();

  constructor(connections: Connection[]) {
    for (const connection of connections) {
      this.byId.set(connection.id, {
        connection,
        rackbeat: rackbeatClient(connection.rackbeat),
        economic: connection.economic && economicClient(connection.economic),
        netvisor: connection.netvisor && netvisorClient(connection.netvisor),
        shopify: connection.shopify && shopifyClient(connection.shopify),
        woocommerce: connection.woocommerce && woocommerceClient(connection.woocommerce),
      });
    }
  }

  get(connectionId: string): ConnectionClients {
    const clients = this.byId.get(connectionId);
    // Not a connector error: a workflow for a connection that was removed from the file.
    if (!clients) throw new Error(`connection '${connectionId}' is not configured in this worker`);
    return clients;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
