import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WebshopPortFactory } from '../../src/activities/webshop/ports';
import { createShopifyPort } from '../../src/activities/webshop/shopify';
import { createWooCommercePort } from '../../src/activities/webshop/woocommerce';
import { WEBSHOP_SHOPS, WEBSHOP_SOURCES, type WebshopSource, webshopTopicKind } from '../../src/domain/webshop/shops';

/*
 * Compile-level: `npm test` runs `tsc --noEmit` over test/ first. A registry missing a shop must
 * not compile (the directive fails tsc if the line below it ever compiles), so a shop added to
 * WebshopSource is caught wherever a `Record<WebshopSource, …>` lists the shops.
 */
// @ts-expect-error: woocommerce has no port here
const missingAShop: Record<WebshopSource, WebshopPortFactory> = { shopify: createShopifyPort };
const complete: Record<WebshopSource, WebshopPortFactory> = { shopify: createShopifyPort, woocommerce: createWooCommercePort };

describe('webshop registry', () => {
  test('every shop has one port factory and the incomplete registry really lacks one', () => {
    assert.deepEqual(Object.keys(complete).sort(), [...WEBSHOP_SOURCES].sort());
    assert.deepEqual(Object.keys(missingAShop), ['shopify']);
  });

  test('topic kinds per shop are what the dispatcher and registration used before the registry', () => {
    const cases: [WebshopSource, string, ReturnType<typeof webshopTopicKind>][] = [
      ['shopify', 'orders/create', 'order'],
      ['shopify', 'orders/paid', 'order'],
      ['shopify', 'orders/edited', 'order'],
      ['shopify', 'products/update', 'product'],
      ['shopify', 'refunds/create', 'refund'],
      ['shopify', 'order.created', undefined],
      ['shopify', 'orders/fulfilled', undefined],
      ['woocommerce', 'order.restored', 'order'],
      ['woocommerce', 'product.deleted', 'product'],
      ['woocommerce', 'orders/create', undefined],
      ['woocommerce', 'coupon.created', undefined],
    ];
    for (const [source, topic, kind] of cases) assert.equal(webshopTopicKind(source, topic), kind, `${source} ${topic}`);
  });

  test('the order waiting text names the shop and its trigger', () => {
    assert.equal(WEBSHOP_SHOPS.shopify.orderWaitingFor({ orderTrigger: 'paid', wooStatuses: ['processing'] }), 'waiting for the order to be paid in Shopify');
    assert.equal(WEBSHOP_SHOPS.woocommerce.orderWaitingFor({ orderTrigger: 'paid', wooStatuses: ['processing', 'completed'] }), 'waiting for the order to reach processing or completed in WooCommerce');
  });
});
