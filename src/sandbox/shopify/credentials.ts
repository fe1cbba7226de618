/**
 * Credentials the Shopify simulator accepts. Public on purpose, like the other sandbox
 * credentials: the sandbox runs on loopback with made-up data.
 */
export const SHOPIFY_SANDBOX_CREDENTIALS = {
  shopDomain: 'rackbridge-demo.myshopify.com',
  /** Admin API access token, sent as `X-Shopify-Access-Token`. */
  accessToken: 'shpat_rackbridge_sandbox_0000000000000000',
  /** App client secret: the key of the webhook HMAC. */
  clientSecret: 'shpss_rackbridge_sandbox_0000000000000000',
} as const;
