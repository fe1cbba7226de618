import type { WebshopSource } from './shop-order';

/**
 * The shop order a Rackbeat order came from, read back from the `[shopify:…]` / `[woocommerce:…]`
 * reference rackbridge writes into its heading (order-mapping.ts). Undefined for other orders.
 */
export function webshopRefFromHeading(heading: string | null | undefined): { source: WebshopSource; id: string } | undefined {
  const match = /\[(shopify|woocommerce):(\d+)\]/.exec(heading ?? '');
  return match ? { source: match[1] as WebshopSource, id: match[2]! } : undefined;
}
