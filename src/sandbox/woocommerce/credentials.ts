/**
 * REST API keys the WooCommerce simulator accepts (WooCommerce › Settings › Advanced › REST API
 * issues `ck_…`/`cs_…` pairs of 40 hex digits after the prefix). Public on purpose: the sandbox
 * runs on loopback with made-up data.
 */
export const WOOCOMMERCE_SANDBOX_CREDENTIALS = {
  consumerKey: 'ck_5a4db0e0c1f04a3b9e8d7c6b5a4938271605f4e3',
  consumerSecret: 'cs_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
} as const;

/** The secret the demo connection sets on its WooCommerce webhooks (WooCommerce signs deliveries with it). */
export const WOOCOMMERCE_SANDBOX_WEBHOOK_SECRET = 'rackbridge-sandbox-woo-webhook-secret';
