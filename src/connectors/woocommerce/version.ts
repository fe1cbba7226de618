/**
 * The one place the WooCommerce REST API version is pinned: the namespace below `/wp-json`. `wc/v3`
 * has been WooCommerce's REST API since 3.5 and is still the current one (woocommerce.github.io
 * "WooCommerce REST API"); WooCommerce versions its REST API by namespace, not by date, and keeps
 * older namespaces served (`wc/v1`, `wc/v2` still answer). How to move on: docs/connectors/woocommerce.md.
 */
export const WOOCOMMERCE_REST_NAMESPACE = 'wc/v3';

/** The REST base below the site URL. */
export const WOOCOMMERCE_REST_PATH = `/wp-json/${WOOCOMMERCE_REST_NAMESPACE}`;
