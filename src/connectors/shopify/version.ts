/**
 * The one place the Shopify Admin API version is pinned: the connector's default, the config
 * default, the sandbox's demo connection and the vendor-client tests all read it. Shopify releases
 * a version every quarter and supports each for at least 12 months (shopify.dev "About Shopify API
 * versioning"); 2026-04 is supported until 2027-04-01. How to move on: docs/connectors/shopify.md.
 */
export const SHOPIFY_API_VERSION = '2026-04';
