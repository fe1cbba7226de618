import { WEBSHOP_SOURCES, type WebshopSource } from '../../domain/webshop';
import type { ConnectionClients } from '../clients';
import { missingSystem } from '../failure';
import type { WebshopPort, WebshopPortFactory, WebshopPortOptions } from './port';
import { createShopifyPort } from './shopify';
import { createWooCommercePort } from './woocommerce';

/** The port of every shop system: a shop added to `WebshopSource` does not compile until it has its line here. */
const WEBSHOP_PORT_FACTORIES: Record<WebshopSource, WebshopPortFactory> = {
  shopify: createShopifyPort,
  woocommerce: createWooCommercePort,
};

/** The shop systems' ports for one activity set: `ports.get(clients, source)`, or every shop a connection has. */
export interface WebshopPorts {
  /** The connection's port for `source`, or `undefined` when the connection has no such shop. */
  find(clients: ConnectionClients, source: WebshopSource): WebshopPort | undefined;
  /** As `find`, but a missing shop is a non-retryable `NotConfiguredError`. */
  get(clients: ConnectionClients, source: WebshopSource): WebshopPort;
  /** The shops the connection has, in `WEBSHOP_SOURCES` order. */
  sources(clients: ConnectionClients): WebshopSource[];
}

export function createWebshopPorts(options: WebshopPortOptions = {}): WebshopPorts {
  const byShop = Object.fromEntries(WEBSHOP_SOURCES.map((source) => [source, WEBSHOP_PORT_FACTORIES[source](options)])) as Record<WebshopSource, ReturnType<WebshopPortFactory>>;
  const find = (clients: ConnectionClients, source: WebshopSource): WebshopPort | undefined => byShop[source](clients);
  return {
    find,
    get(clients, source) {
      const port = find(clients, source);
      if (!port) throw missingSystem(clients.connection.id, source);
      return port;
    },
    sources: (clients) => WEBSHOP_SOURCES.filter((source) => find(clients, source) !== undefined),
  };
}

export type { ChangedShopOrder, WebshopPort, WebshopPortFactory, WebshopPortOptions } from './port';
