import { type Connection, type ShopifyConnection, type WooCommerceConnection } from '../../src/config';
import { parseWebshopSettings, type WebshopSettingsInput } from '../../src/domain/webshop';
import { Secret } from '../../src/domain/secret';
import { SHOPIFY_SANDBOX_CREDENTIALS as SHOP } from '../../src/sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS as WOO } from '../../src/sandbox/woocommerce/credentials';

/** The secret rackbridge sets on its WooCommerce webhooks in tests. */
export const WOO_WEBHOOK_SECRET = 'rackbridge-test-woo-secret';

export function sandboxShopify(sandboxUrl: string): ShopifyConnection {
  return {
    baseUrl: `${sandboxUrl}/shopify`,
    shopDomain: SHOP.shopDomain,
    apiVersion: '2026-04',
    accessToken: new Secret(SHOP.accessToken),
    apiSecrets: [new Secret(SHOP.clientSecret)],
    locationId: undefined,
    registerWebhooks: true,
  };
}

export function sandboxWooCommerce(sandboxUrl: string): WooCommerceConnection {
  return {
    baseUrl: `${sandboxUrl}/woocommerce`,
    consumerKey: new Secret(WOO.consumerKey),
    consumerSecret: new Secret(WOO.consumerSecret),
    webhookSecret: new Secret(WOO_WEBHOOK_SECRET),
    registerWebhooks: true,
  };
}

/** Adds both sandbox shops to a harness connection (which keeps its Rackbeat and e-conomic). */
export function webshopConnection(settings: WebshopSettingsInput = {}) {
  return (connection: Connection, sandboxUrl: string): Connection => ({
    ...connection,
    shopify: sandboxShopify(sandboxUrl),
    woocommerce: sandboxWooCommerce(sandboxUrl),
    webshop: parseWebshopSettings(settings),
  });
}
