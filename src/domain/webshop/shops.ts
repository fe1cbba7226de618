/*
 * The shop systems rackbridge speaks to, as pure data: their names and which webhook topics mean
 * an order, a product or a refund. `WebshopSource` is this table's keys, so a shop added here must
 * also get its `WebshopPort` (src/activities/webshop/ports.ts) before anything compiles. Workflows,
 * the webhook layer and activities all read it; it imports nothing.
 */

import type { WebshopSettings } from './settings';

export type WebshopTopicKind = 'order' | 'product' | 'refund';

/**
 * How a shop's refunds reach rackbridge: `refund`, a delivery per refund (its body is the
 * refund, with its order's id); `order`, inside order deliveries, whose body lists the order's
 * refunds by id (`refunds[]`), so one delivery may concern several refunds, old ones included.
 */
export type WebshopRefundArrival = 'refund' | 'order';

export interface WebshopFacts {
  /** The shop's name in texts for people (summaries, holds, statuses). */
  label: string;
  /**
   * Webhook topics per kind: the ones rackbridge subscribes to, and the only ones the dispatcher
   * turns into transfers. An empty list means the shop's deliveries of that kind are not handled.
   */
  topics: Readonly<Record<WebshopTopicKind, readonly string[]>>;
  /** How the refund topics' deliveries carry refunds. */
  refundsArrive: WebshopRefundArrival;
  /** What a webshop-order transfer that is not triggered yet waits for, in the shop's words. */
  orderWaitingFor: (settings: Pick<WebshopSettings, 'orderTrigger' | 'wooStatuses'>) => string;
}

export const WEBSHOP_SHOPS = {
  // shopify.dev/docs/api/admin-rest/latest/resources/webhook#event-topics
  shopify: {
    label: 'Shopify',
    topics: {
      order: ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled', 'orders/edited'],
      product: ['products/create', 'products/update', 'products/delete'],
      refund: ['refunds/create'],
    },
    refundsArrive: 'refund',
    orderWaitingFor: (settings) => `waiting for the order to be ${settings.orderTrigger} in Shopify`,
  },
  // woocommerce.github.io/woocommerce-rest-api-docs/#webhooks (topics `resource.event`). No refund topic:
  // `wc_create_refund` fires `woocommerce_order_refunded`, a hook of `order.updated` (WooCommerce PR #22073),
  // whose order body lists `refunds[]`; deleting a refund fires nothing (issue #26532).
  woocommerce: {
    label: 'WooCommerce',
    topics: {
      order: ['order.created', 'order.updated', 'order.deleted', 'order.restored'],
      product: ['product.created', 'product.updated', 'product.deleted', 'product.restored'],
      refund: ['order.updated'],
    },
    refundsArrive: 'order',
    orderWaitingFor: (settings) => `waiting for the order to reach ${settings.wooStatuses.join(' or ')} in WooCommerce`,
  },
} as const satisfies Record<string, WebshopFacts>;

/** A shop system rackbridge has a port for: `shopify` or `woocommerce`. */
export type WebshopSource = keyof typeof WEBSHOP_SHOPS;

export const WEBSHOP_SOURCES = Object.keys(WEBSHOP_SHOPS) as WebshopSource[];

export function webshopLabel(source: WebshopSource): string {
  return WEBSHOP_SHOPS[source].label;
}

/** What a delivery's topic means first for this shop (order before product before refund), or `undefined` when no flow handles it. */
export function webshopTopicKind(source: WebshopSource, topic: string): WebshopTopicKind | undefined {
  return webshopTopicKinds(source, topic)[0];
}

/** Everything a delivery's topic may mean for this shop: a WooCommerce `order.updated` is an order change and may carry refunds. */
export function webshopTopicKinds(source: WebshopSource, topic: string): WebshopTopicKind[] {
  const topics: WebshopFacts['topics'] = WEBSHOP_SHOPS[source].topics;
  return (['order', 'product', 'refund'] as const).filter((kind) => topics[kind].includes(topic));
}

export function webshopRefundArrival(source: WebshopSource): WebshopRefundArrival {
  const facts: WebshopFacts = WEBSHOP_SHOPS[source];
  return facts.refundsArrive;
}

/** Whether rackbridge credits this shop's refunds (it has refund topics). */
export function webshopHandlesRefunds(source: WebshopSource): boolean {
  return WEBSHOP_SHOPS[source].topics.refund.length > 0;
}
