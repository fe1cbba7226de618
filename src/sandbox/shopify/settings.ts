import { SHOPIFY_SANDBOX_CREDENTIALS } from './credentials';

export interface ShopifySimulatorSettings {
  /** Tokens accepted in `X-Shopify-Access-Token`. @default [SHOPIFY_SANDBOX_CREDENTIALS.accessToken] */
  accessTokens: string[];
  /**
   * Waits between webhook delivery attempts; its length is the number of retries.
   * @default 1, 2, 4, 8, 16, 32, 64, 113 min: 8 retries over 4 h (exact schedule unconfirmed upstream)
   */
  webhookRetryDelaysMs: number[];
  /** Time a receiver has to answer a delivery. @default 5000 */
  webhookTimeoutMs: number;
  /** Time allowed to connect to a receiver. @default 1000 */
  webhookConnectTimeoutMs: number;
  /** After a secret rotation, deliveries stay signed with the old secret this long. @default 3600000 (1 h) */
  secretRotationWindowMs: number;
  /** REST leaky bucket size per token. @default 40 (standard plan) */
  restBucketSize: number;
  /** REST requests leaked per second; 0 turns the REST limit off. @default 2 */
  restLeakPerSecond: number;
  /** GraphQL cost bucket. @default 1000 */
  graphqlMaximumAvailable: number;
  /** GraphQL points restored per second; 0 turns the GraphQL limit off. @default 100 */
  graphqlRestoreRate: number;
}

const MINUTE_MS = 60_000;

export const DEFAULT_SHOPIFY_SETTINGS: ShopifySimulatorSettings = {
  accessTokens: [SHOPIFY_SANDBOX_CREDENTIALS.accessToken],
  webhookRetryDelaysMs: [1, 2, 4, 8, 16, 32, 64, 113].map((m) => m * MINUTE_MS),
  webhookTimeoutMs: 5_000,
  webhookConnectTimeoutMs: 1_000,
  secretRotationWindowMs: 60 * MINUTE_MS,
  restBucketSize: 40,
  restLeakPerSecond: 2,
  graphqlMaximumAvailable: 1_000,
  graphqlRestoreRate: 100,
};

/** The shop's own settings (not changeable through the control API). */
export const SHOP = {
  domain: SHOPIFY_SANDBOX_CREDENTIALS.shopDomain,
  currency: 'DKK',
  /** Danish VAT; prices in a Danish shop include it. */
  taxRate: 0.25,
  taxTitle: 'DK Moms',
} as const;
