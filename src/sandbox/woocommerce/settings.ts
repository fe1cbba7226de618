import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from './credentials';

export interface WooCommerceSimulatorSettings {
  /**
   * Wait between queueing a webhook delivery and sending it (Action Scheduler runs it after the
   * request; deliveries for one resource queued meanwhile coalesce). @default 1000
   */
  deliveryDelayMs: number;
  /** Time a receiver has to answer (`WC_Webhook::deliver`, `timeout` 60). @default 60000 */
  deliveryTimeoutMs: number;
  /**
   * `woocommerce_max_webhook_delivery_failures`: a failure arriving while the count is already
   * above this disables the webhook (about the 7th in a row with 5). @default 5
   */
  maxDeliveryFailures: number;
  /** `woocommerce_rest_batch_items_limit`: create + update + delete per batch call. @default 100 */
  batchLimit: number;
  /** The store's standard VAT rate. @default 25 */
  taxRatePercent: number;
  /** "Prices entered with tax" (Danish shops show prices incl. moms). @default true */
  pricesIncludeTax: boolean;
  /** Store currency. @default 'DKK' */
  currency: string;
  /** Site time zone for the non-GMT dates. @default 'Europe/Copenhagen' */
  timezone: string;
  /**
   * `$_SERVER['HTTPS']` forced on: every request counts as HTTPS (`is_ssl()`), so HTTP Basic is
   * read and OAuth signs `https://` URLs. A TLS connection or port 443 counts anyway. @default false
   */
  https: boolean;
  /**
   * The wp-config snippet WordPress documents for sites behind a TLS-terminating proxy: a request
   * with `X-Forwarded-Proto: https` counts as HTTPS. Off in WordPress core. @default false
   */
  trustForwardedProto: boolean;
  /** REST API key pairs (Basic over HTTPS, OAuth 1.0a otherwise). @default [WOOCOMMERCE_SANDBOX_CREDENTIALS] */
  apiKeys: Array<{ consumerKey: string; consumerSecret: string }>;
  /** Versions shown in the delivery User-Agent. @default '9.8.5' / '6.8.1' */
  wooVersion: string;
  wordpressVersion: string;
}

export const DEFAULT_WOOCOMMERCE_SETTINGS: WooCommerceSimulatorSettings = {
  deliveryDelayMs: 1_000,
  deliveryTimeoutMs: 60_000,
  maxDeliveryFailures: 5,
  batchLimit: 100,
  taxRatePercent: 25,
  pricesIncludeTax: true,
  currency: 'DKK',
  timezone: 'Europe/Copenhagen',
  https: false,
  trustForwardedProto: false,
  apiKeys: [{ ...WOOCOMMERCE_SANDBOX_CREDENTIALS }],
  wooVersion: '9.8.5',
  wordpressVersion: '6.8.1',
};

/** Tax classes the simulated store has: standard and WooCommerce's default `zero-rate`. */
export function taxRateFor(settings: WooCommerceSimulatorSettings, taxClass: string, taxStatus: string): number {
  if (taxStatus === 'none' || taxClass === 'zero-rate') return 0;
  return settings.taxRatePercent;
}
