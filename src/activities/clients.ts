import type { Connection } from '../config';
import { EconomicClient } from '../connectors/economic';
import { NetvisorClient } from '../connectors/netvisor';
import { RackbeatClient } from '../connectors/rackbeat';
import { ShopifyClient } from '../connectors/shopify';
import { WooCommerceClient } from '../connectors/woocommerce';

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
        rackbeat: new RackbeatClient({
          baseUrl: connection.rackbeat.baseUrl,
          apiToken: connection.rackbeat.apiToken.reveal(),
          consumerName: connection.rackbeat.consumerName,
          consumerContact: connection.rackbeat.consumerContact,
          requestsPerMinute: connection.rackbeat.requestsPerMinute,
        }),
        economic:
          connection.economic &&
          new EconomicClient({
            baseUrl: connection.economic.baseUrl,
            appSecretToken: connection.economic.appSecretToken.reveal(),
            agreementGrantToken: connection.economic.agreementGrantToken.reveal(),
          }),
        netvisor:
          connection.netvisor &&
          new NetvisorClient({
            baseUrl: connection.netvisor.baseUrl,
            sender: connection.netvisor.sender,
            customerId: connection.netvisor.customerId.reveal(),
            customerKey: connection.netvisor.customerKey.reveal(),
            partnerId: connection.netvisor.partnerId.reveal(),
            partnerKey: connection.netvisor.partnerKey.reveal(),
            organisationId: connection.netvisor.organisationId,
            language: connection.netvisor.language,
          }),
        shopify: connection.shopify && new ShopifyClient({ baseUrl: connection.shopify.baseUrl, apiVersion: connection.shopify.apiVersion, accessToken: connection.shopify.accessToken }),
        woocommerce:
          connection.woocommerce &&
          new WooCommerceClient({ baseUrl: connection.woocommerce.baseUrl, consumerKey: connection.woocommerce.consumerKey.reveal(), consumerSecret: connection.woocommerce.consumerSecret.reveal() }),
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
