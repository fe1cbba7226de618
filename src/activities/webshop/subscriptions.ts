import { createHash } from 'node:crypto';
import type { Connection } from '../../config';
import type { ShopifyWebhook } from '../../connectors/shopify';
import type { WebhookInput, WebhookUpdate, WooWebhook } from '../../connectors/woocommerce';
import { WEBSHOP_SHOPS, WEBSHOP_SOURCES, type WebshopSource } from '../../domain/webshop/shops';

/** Topics per shop and kind live in domain/webshop/shops.ts; these names stay for the tests and docs that use them. */
export const SHOPIFY_ORDER_TOPICS = WEBSHOP_SHOPS.shopify.topics.order;
/** Refunds become e-conomic credit notes (docs/refunds.md); subscribed when the connection has e-conomic. */
export const SHOPIFY_REFUND_TOPICS = WEBSHOP_SHOPS.shopify.topics.refund;
export const SHOPIFY_PRODUCT_TOPICS = WEBSHOP_SHOPS.shopify.topics.product;
export const WOO_ORDER_TOPICS = WEBSHOP_SHOPS.woocommerce.topics.order;
export const WOO_PRODUCT_TOPICS = WEBSHOP_SHOPS.woocommerce.topics.product;

/** What registration needs of each shop's connector (ShopifyClient, WooCommerceClient). */
export interface ShopifyWebhookApi {
  listWebhooks(): Promise<ShopifyWebhook[]>;
  createWebhook(input: { topic: string; address: string }): Promise<ShopifyWebhook>;
  deleteWebhook(id: string): Promise<void>;
}
export interface WooWebhookApi {
  listWebhooks(): Promise<WooWebhook[]>;
  createWebhook(input: WebhookInput): Promise<WooWebhook>;
  updateWebhook(id: number, update: WebhookUpdate): Promise<WooWebhook>;
  deleteWebhook(id: number): Promise<void>;
}
/** The shops of one connection, by source, as registration needs them (ConnectionClients fits). */
export interface WebshopWebhookApis {
  shopify?: ShopifyWebhookApi | undefined;
  woocommerce?: WooWebhookApi | undefined;
}

export interface WebshopWebhookChange {
  source: WebshopSource;
  topic: string;
  action: 'created' | 'updated' | 'recreated' | 'kept' | 'deleted-duplicate';
  /** Why an existing subscription was changed, e.g. `was disabled`. */
  detail?: string;
}

export function webshopWebhookUrl(publicUrl: string, source: WebshopSource, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/${source}/${encodeURIComponent(connectionId)}`;
}

/** A subscription is ours when it targets this connection's receiver path, whatever the host (publicUrl may have moved). */
export function isOurWebhookUrl(url: string, source: WebshopSource, connectionId: string): boolean {
  if (!URL.canParse(url)) return false;
  return new URL(url).pathname.replace(/\/+$/, '') === `/webhooks/${source}/${encodeURIComponent(connectionId)}`;
}

/** Order topics always; refund topics when the connection credits refunds (has e-conomic); product topics when the shop is product master. */
export function webshopTopicsFor(connection: Connection, source: WebshopSource): string[] {
  const { topics } = WEBSHOP_SHOPS[source];
  const products = connection.webshop?.productMaster === 'webshop';
  // A shop whose refunds arrive in order deliveries names an order topic again: subscribed once.
  return [...new Set([...topics.order, ...(connection.economic ? topics.refund : []), ...(products ? topics.product : [])])];
}

/**
 * Subscribes rackbridge to the connection's shops, idempotently: one subscription per topic, a
 * disabled or paused WooCommerce webhook re-activated, ours pointing at an old address moved;
 * subscriptions of other receivers are left alone. Only for shops with `registerWebhooks` on.
 */
export async function registerWebshopWebhooks(options: {
  connection: Connection;
  shops: WebshopWebhookApis;
  publicUrl: string;
}): Promise<WebshopWebhookChange[]> {
  const { connection, shops, publicUrl } = options;
  const changes: WebshopWebhookChange[] = [];
  for (const source of WEBSHOP_SOURCES) changes.push(...(await REGISTRARS[source](connection, shops, publicUrl)));
  return changes;
}

/** How each shop subscribes: a shop added to WebshopSource does not compile until it has its line here. */
const REGISTRARS: Record<WebshopSource, (connection: Connection, shops: WebshopWebhookApis, publicUrl: string) => Promise<WebshopWebhookChange[]>> = {
  shopify: async (connection, shops, publicUrl) => (connection.shopify?.registerWebhooks && shops.shopify ? registerShopify(connection, shops.shopify, publicUrl) : []),
  woocommerce: async (connection, shops, publicUrl) =>
    connection.woocommerce?.registerWebhooks && shops.woocommerce ? registerWoo(connection, shops.woocommerce, publicUrl, connection.woocommerce.webhookSecret.reveal()) : [],
};

/** Shopify signs with the app secret, so a subscription is just topic + address; it cannot be edited here, only recreated. */
async function registerShopify(connection: Connection, shopify: ShopifyWebhookApi, publicUrl: string): Promise<WebshopWebhookChange[]> {
  const url = webshopWebhookUrl(publicUrl, 'shopify', connection.id);
  const existing = await shopify.listWebhooks();
  const changes: WebshopWebhookChange[] = [];
  for (const topic of webshopTopicsFor(connection, 'shopify')) {
    const ours = existing.filter((w) => w.topic === topic && isOurWebhookUrl(w.address, 'shopify', connection.id));
    const keep = ours.find((w) => w.address === url);
    for (const stale of ours.filter((w) => w !== keep)) await shopify.deleteWebhook(stale.id);
    if (keep) {
      changes.push({ source: 'shopify', topic, action: ours.length > 1 ? 'deleted-duplicate' : 'kept' });
    } else {
      await shopify.createWebhook({ topic, address: url });
      changes.push(ours.length > 0 ? { source: 'shopify', topic, action: 'recreated', detail: `pointed at ${new URL(ours[0]!.address).host}` } : { source: 'shopify', topic, action: 'created' });
    }
  }
  return changes;
}

/**
 * WooCommerce never returns a webhook's secret, so its name carries a fingerprint of the secret:
 * a changed `webhookSecret` shows as a changed name and is written again. (The secret itself is
 * shown to shop admins on the webhook's edit page, so the fingerprint reveals nothing new.)
 */
export function wooWebhookName(connectionId: string, topic: string, secret: string): string {
  return `rackbridge ${connectionId}: ${topic} [${createHash('sha256').update(secret).digest('hex').slice(0, 10)}]`;
}

async function registerWoo(connection: Connection, woocommerce: WooWebhookApi, publicUrl: string, secret: string): Promise<WebshopWebhookChange[]> {
  const url = webshopWebhookUrl(publicUrl, 'woocommerce', connection.id);
  const existing = await woocommerce.listWebhooks();
  const changes: WebshopWebhookChange[] = [];
  for (const topic of webshopTopicsFor(connection, 'woocommerce')) {
    const name = wooWebhookName(connection.id, topic, secret);
    const ours = existing.filter((w) => w.topic === topic && isOurWebhookUrl(w.delivery_url, 'woocommerce', connection.id)).sort((a, b) => rank(a, url, name) - rank(b, url, name));
    const [keep, ...duplicates] = ours;
    for (const duplicate of duplicates) await woocommerce.deleteWebhook(duplicate.id);
    if (!keep) {
      // WooCommerce pings the receiver on creation: the webhook server must already be listening.
      await woocommerce.createWebhook({ topic, delivery_url: url, secret, name, status: 'active' });
      changes.push({ source: 'woocommerce', topic, action: 'created' });
      continue;
    }
    const why = [keep.status !== 'active' && `was ${keep.status}`, keep.delivery_url !== url && 'pointed elsewhere', keep.name !== name && 'secret or name changed'].filter((x): x is string => typeof x === 'string');
    if (why.length === 0) {
      changes.push({ source: 'woocommerce', topic, action: duplicates.length ? 'deleted-duplicate' : 'kept' });
      continue;
    }
    // Re-activation resets WooCommerce's failure count (woo-docs: disabled webhooks "must be edited via the REST API").
    await woocommerce.updateWebhook(keep.id, { status: 'active', delivery_url: url, secret, name });
    changes.push({ source: 'woocommerce', topic, action: 'updated', detail: why.join(', ') });
  }
  return changes;
}

/** Prefer keeping the subscription that already needs the fewest changes. */
function rank(w: WooWebhook, url: string, name: string): number {
  return (w.status === 'active' ? 0 : 4) + (w.delivery_url === url ? 0 : 2) + (w.name === name ? 0 : 1);
}
