import type { WebshopSettings } from './settings';
import type { ShopOrder } from './shop-order';
import type { WebshopSource } from './shops';

export type IgnoreReason =
  | 'checkout-draft'
  | 'test-order'
  | 'not-paid'
  | 'status-not-configured'
  | 'cancelled-before-transfer'
  | 'refunded-before-transfer';

export type ShopOrderDecision =
  | { action: 'ignore'; reason: IgnoreReason; detail: string }
  | { action: 'create' }
  | { action: 'update' }
  /** `refunded`: the shop ended the order by refunding it in full (WooCommerce status `refunded`), not by cancelling it. */
  | { action: 'cancel'; refunded?: true };

export interface KnownTransfer {
  /** A Rackbeat order for this shop order exists already (found by its source reference). */
  rackbeatOrderExists: boolean;
}

const ignore = (reason: IgnoreReason, detail: string): ShopOrderDecision => ({ action: 'ignore', reason, detail });

/** Woo statuses that end an order: its Rackbeat order is cancelled. */
const WOO_CANCELLING = new Set(['cancelled', 'refunded', 'failed', 'trash']);

/** Whether a WooCommerce status ends the order, so nothing (a fulfilment included) moves it on. */
export function wooOrderEnded(status: string): boolean {
  return WOO_CANCELLING.has(status);
}
/** Woo statuses that are not orders yet; `checkout-draft` is created by block checkout before payment (woocommerce#37958). */
const WOO_DRAFTS = new Set(['checkout-draft', 'draft', 'auto-draft']);

type TriggerSettings = Pick<WebshopSettings, 'orderTrigger' | 'wooStatuses' | 'acceptTestOrders'>;
type Decide = (order: ShopOrder, settings: TriggerSettings, exists: boolean) => ShopOrderDecision;

/** WooCommerce: the shop status decides (`wooStatuses` are the ones that transfer). */
function decideWooOrder(order: ShopOrder, settings: TriggerSettings, exists: boolean): ShopOrderDecision {
  const createOrUpdate: ShopOrderDecision = exists ? { action: 'update' } : { action: 'create' };
  if (WOO_DRAFTS.has(order.shopStatus)) return ignore('checkout-draft', `WooCommerce order ${order.name} is a ${order.shopStatus}, not a placed order.`);
  if (WOO_CANCELLING.has(order.shopStatus)) {
    if (exists) return order.shopStatus === 'refunded' ? { action: 'cancel', refunded: true } : { action: 'cancel' };
    return ignore('cancelled-before-transfer', `WooCommerce order ${order.name} is ${order.shopStatus} and was never transferred.`);
  }
  if (settings.wooStatuses.includes(order.shopStatus)) return createOrUpdate;
  // A transferred order moving to e.g. on-hold still carries edits worth applying.
  if (exists) return { action: 'update' };
  return ignore('status-not-configured', `WooCommerce order ${order.name} has status ${order.shopStatus}, which is not one of ${settings.wooStatuses.join(', ')}.`);
}

/** Shopify: test flag, cancellation, refund, then the `orderTrigger` (created or paid). */
function decideShopifyOrder(order: ShopOrder, settings: TriggerSettings, exists: boolean): ShopOrderDecision {
  if (order.test && !settings.acceptTestOrders) return ignore('test-order', `Shopify order ${order.name} is a test order.`);
  if (order.status === 'cancelled') {
    return exists ? { action: 'cancel' } : ignore('cancelled-before-transfer', `Shopify order ${order.name} is cancelled and was never transferred.`);
  }
  // A refund without cancellation may follow a shipment: credit notes handle it, not a cancel.
  if (order.status === 'refunded' && !exists) return ignore('refunded-before-transfer', `Shopify order ${order.name} was refunded before it was transferred.`);
  if (exists) return { action: 'update' };
  if (settings.orderTrigger === 'paid' && !order.paid) {
    return ignore('not-paid', `Shopify order ${order.name} is ${order.shopStatus}, and orders transfer once paid.`);
  }
  return { action: 'create' };
}

/** One trigger rule per shop: a shop added to WebshopSource does not compile until it has its own. */
const DECIDE: Record<WebshopSource, Decide> = { shopify: decideShopifyOrder, woocommerce: decideWooOrder };

/**
 * What one webhook for a shop order means for Rackbeat. Both shops' order webhooks fire for
 * every change, so the decision depends on the order's state and on whether a Rackbeat order
 * already exists, never on the webhook topic.
 */
export function decideShopOrder(order: ShopOrder, settings: TriggerSettings, known: KnownTransfer = { rackbeatOrderExists: false }): ShopOrderDecision {
  return DECIDE[order.source](order, settings, known.rackbeatOrderExists);
}
