export { DEFAULT_API_VERSION, ShopifyClient } from './client';
export { ShopifyGraphqlError, ShopifyUserError, shopifyErrorMessage, shopifyFieldIssues, shopifyRejection, type ShopifyUserErrorDetail } from './errors';
export { parseShopifyJson } from './json';
export { SHOPIFY_API_VERSION } from './version';
export { legacyId, toGid } from './paths';
export type * from './types';
