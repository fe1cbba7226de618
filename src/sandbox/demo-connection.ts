import { type Connection, DEFAULT_NETVISOR_SETTINGS, DEFAULT_ORDER_SETTINGS, DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE } from '../config';
import { SHOPIFY_API_VERSION } from '../connectors/shopify/version';
import { SANDBOX_ECONOMIC_MAPPING } from '../domain/economic';
import { parseWebshopSettings } from '../domain/webshop/settings';
import { Secret } from '../domain/secret';
import { SANDBOX_CREDENTIALS } from './defaults';
import { NETVISOR_SANDBOX_CREDENTIALS } from './netvisor/credentials';
import { SHOPIFY_SANDBOX_CREDENTIALS } from './shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS, WOOCOMMERCE_SANDBOX_WEBHOOK_SECRET } from './woocommerce/credentials';

export const DEMO_CONNECTION_ID = 'demo';
export const SANDBOX_POLL_INTERVAL_MS = 5_000;
export const DEMO_FI_CONNECTION_ID = 'demo-fi';

/** The connection `npm start` uses when no connections file is given: everything against the sandbox. */
export function demoConnection(sandboxUrl: string): Connection {
  return {
    id: DEMO_CONNECTION_ID,
    rackbeat: {
      baseUrl: `${sandboxUrl}/rackbeat/api`,
      apiToken: new Secret(SANDBOX_CREDENTIALS.rackbeat.apiToken),
      webhookTokens: [],
      registerWebhooks: true,
      consumerName: 'rackbridge sandbox',
      consumerContact: 'sandbox@rackbridge.invalid',
      requestsPerMinute: DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE,
      // Booking has no attested webhook: the sandbox polls often so the demo moves at once.
      pollIntervalMs: SANDBOX_POLL_INTERVAL_MS,
    },
    economic: {
      baseUrl: `${sandboxUrl}/economic`,
      appSecretToken: new Secret(SANDBOX_CREDENTIALS.economic.appSecretToken),
      agreementGrantToken: new Secret(SANDBOX_CREDENTIALS.economic.agreementGrantToken),
      mapping: SANDBOX_ECONOMIC_MAPPING,
    },
    netvisor: undefined,
    shopify: {
      baseUrl: `${sandboxUrl}/shopify`,
      shopDomain: SHOPIFY_SANDBOX_CREDENTIALS.shopDomain,
      apiVersion: SHOPIFY_API_VERSION,
      accessToken: new Secret(SHOPIFY_SANDBOX_CREDENTIALS.accessToken),
      apiSecrets: [new Secret(SHOPIFY_SANDBOX_CREDENTIALS.clientSecret)],
      locationId: undefined,
      registerWebhooks: true,
    },
    woocommerce: {
      baseUrl: `${sandboxUrl}/woocommerce`,
      consumerKey: new Secret(WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey),
      consumerSecret: new Secret(WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerSecret),
      webhookSecret: new Secret(WOOCOMMERCE_SANDBOX_WEBHOOK_SECRET),
      registerWebhooks: true,
    },
    // Shop customers get Rackbeat's "Netto 8 dage"; a cent left by VAT rounding goes to the 0 % `rounding` product.
    webshop: parseWebshopSettings({ orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3 } }),
    orders: DEFAULT_ORDER_SETTINGS,
    notify: { url: undefined },
  };
}

/**
 * The Finnish demo connection: the same sandbox Rackbeat account, its booked invoices, customers and
 * products to the Netvisor simulator. Invoices with Danish VAT are held there (Netvisor has no 25 %).
 */
export function demoFinlandConnection(sandboxUrl: string): Connection {
  const base = demoConnection(sandboxUrl);
  const nv = NETVISOR_SANDBOX_CREDENTIALS;
  return {
    ...base,
    id: DEMO_FI_CONNECTION_ID,
    economic: undefined,
    // The shops feed the Danish connection only; one shop order must not make two Rackbeat orders.
    shopify: undefined,
    woocommerce: undefined,
    netvisor: {
      baseUrl: `${sandboxUrl}/netvisor`,
      sender: nv.sender,
      customerId: new Secret(nv.customerId),
      customerKey: new Secret(nv.customerKey),
      partnerId: new Secret(nv.partnerId),
      partnerKey: new Secret(nv.partnerKey),
      organisationId: nv.organisationId,
      language: 'EN',
      settings: DEFAULT_NETVISOR_SETTINGS,
    },
  };
}
