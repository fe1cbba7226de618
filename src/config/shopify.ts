import { z } from 'zod';
import { ShopifyClient } from '../connectors/shopify';
import { SHOPIFY_API_VERSION } from '../connectors/shopify/version';
import { envRef, httpUrl, type Secret, type SystemSection } from './common';

export const shopifySchema = z
  .object({
    /** The shop's admin base, e.g. `https://acme.myshopify.com` (API paths are added). */
    baseUrl: httpUrl,
    /** `X-Shopify-Shop-Domain` of deliveries, e.g. `acme.myshopify.com`. */
    shopDomain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the shop domain such as acme.myshopify.com'),
    /** @default SHOPIFY_API_VERSION (src/connectors/shopify/version.ts); override only to try the next version. */
    apiVersion: z.string().regex(/^\d{4}-\d{2}$/, `must be an API version such as ${SHOPIFY_API_VERSION}`).default(SHOPIFY_API_VERSION),
    accessTokenEnv: envRef,
    /** The app's client secret: the key of the webhook HMAC. */
    apiSecretEnv: envRef,
    /** The previous client secret, accepted while Shopify still signs with it after a rotation. */
    previousApiSecretEnv: envRef.optional(),
    /** The location whose stock rackbridge sets (numeric id or gid); the shop's first location when left out. */
    locationId: z.string().min(1).optional(),
    /** Subscribe rackbridge's webhooks at start-up. @default true */
    registerWebhooks: z.boolean().default(true),
  })
  .strict();

export interface ShopifyConnection {
  baseUrl: string;
  shopDomain: string;
  apiVersion: string;
  accessToken: Secret;
  /** Current secret first, then the previous one during a rotation. */
  apiSecrets: Secret[];
  locationId: string | undefined;
  registerWebhooks: boolean;
}

export const SHOPIFY_SECTION: SystemSection<typeof shopifySchema, ShopifyConnection> = {
  schema: shopifySchema,
  build: (c, secret, at) => ({
    baseUrl: c.baseUrl,
    shopDomain: c.shopDomain,
    apiVersion: c.apiVersion,
    accessToken: secret(c.accessTokenEnv, `${at}.shopify.accessTokenEnv`),
    apiSecrets: [secret(c.apiSecretEnv, `${at}.shopify.apiSecretEnv`), ...(c.previousApiSecretEnv ? [secret(c.previousApiSecretEnv, `${at}.shopify.previousApiSecretEnv`)] : [])],
    locationId: c.locationId,
    registerWebhooks: c.registerWebhooks,
  }),
  examples: {
    shopDomain: 'shopDomain: acme.myshopify.com',
    apiVersion: `apiVersion: '${SHOPIFY_API_VERSION}'`,
    accessTokenEnv: 'accessTokenEnv: SHOPIFY_ACCESS_TOKEN',
    apiSecretEnv: 'apiSecretEnv: SHOPIFY_API_SECRET',
    previousApiSecretEnv: 'previousApiSecretEnv: SHOPIFY_API_SECRET_PREVIOUS',
  },
  secretKeys: { accessToken: 'accessTokenEnv', apiSecret: 'apiSecretEnv' },
};

export function shopifyClient(c: ShopifyConnection): ShopifyClient {
  return new ShopifyClient({ baseUrl: c.baseUrl, apiVersion: c.apiVersion, accessToken: c.accessToken });
}
