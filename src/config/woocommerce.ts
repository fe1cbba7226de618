import { z } from 'zod';
import { WooCommerceClient } from '../connectors/woocommerce';
import { envRef, httpUrl, type Secret, type SystemSection } from './common';

export const woocommerceSchema = z
  .object({
    /** The site URL, e.g. `https://shop.example.dk` (the REST API is under /wp-json/wc/v3). */
    baseUrl: httpUrl,
    consumerKeyEnv: envRef,
    consumerSecretEnv: envRef,
    /** The secret rackbridge sets on its webhooks; WooCommerce signs deliveries with it. */
    webhookSecretEnv: envRef,
    /** Create rackbridge's webhooks at start-up (and re-activate disabled ones in the reconcile). @default true */
    registerWebhooks: z.boolean().default(true),
  })
  .strict();

export interface WooCommerceConnection {
  baseUrl: string;
  consumerKey: Secret;
  consumerSecret: Secret;
  webhookSecret: Secret;
  registerWebhooks: boolean;
}

export const WOOCOMMERCE_SECTION: SystemSection<typeof woocommerceSchema, WooCommerceConnection> = {
  schema: woocommerceSchema,
  build: (c, secret, at) => ({
    baseUrl: c.baseUrl,
    consumerKey: secret(c.consumerKeyEnv, `${at}.woocommerce.consumerKeyEnv`),
    consumerSecret: secret(c.consumerSecretEnv, `${at}.woocommerce.consumerSecretEnv`),
    webhookSecret: secret(c.webhookSecretEnv, `${at}.woocommerce.webhookSecretEnv`),
    registerWebhooks: c.registerWebhooks,
  }),
  examples: {
    consumerKeyEnv: 'consumerKeyEnv: WOOCOMMERCE_CONSUMER_KEY',
    consumerSecretEnv: 'consumerSecretEnv: WOOCOMMERCE_CONSUMER_SECRET',
    webhookSecretEnv: 'webhookSecretEnv: WOOCOMMERCE_WEBHOOK_SECRET',
  },
  secretKeys: { consumerKey: 'consumerKeyEnv', consumerSecret: 'consumerSecretEnv', webhookSecret: 'webhookSecretEnv' },
};

export function woocommerceClient(c: WooCommerceConnection): WooCommerceClient {
  return new WooCommerceClient({ baseUrl: c.baseUrl, consumerKey: c.consumerKey.reveal(), consumerSecret: c.consumerSecret.reveal() });
}
