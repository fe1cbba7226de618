import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuthError, RateLimitedError, RejectedRequestError, UpstreamUnavailableError } from '../../src/connectors/http';
import { ShopifyClient, ShopifyGraphqlError, ShopifyUserError } from '../../src/connectors/shopify';
import { type ShopifyHarness, startShopify } from '../helpers/shopify';

interface Stock {
  sku: string;
  inventory_item_id: string;
  location_id: string;
  available: number;
}

let h: ShopifyHarness;

before(async () => {
  h = await startShopify();
});
after(async () => h.close());
beforeEach(async () => {
  await h.reset();
  await h.control('PUT', '/settings', { restBucketSize: 40, restLeakPerSecond: 0, graphqlMaximumAvailable: 1000, graphqlRestoreRate: 100 });
});

async function placeOrder(body: Record<string, unknown> = { lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'SRV-INSTALL', quantity: 1 }] }): Promise<{ id: string; name: string }> {
  return (await h.control<{ order: { id: string; name: string } }>('POST', '/orders', body)).order;
}

async function stockOf(sku: string): Promise<Stock> {
  const [stock] = (await h.control<{ stock: Stock[] }>('GET', `/stock?sku=${encodeURIComponent(sku)}`)).stock;
  assert.ok(stock);
  return stock;
}

function graphqlCalls(): number {
  return h.ctx.log.list({ system: 'shopify', method: 'POST' }).filter((r) => r.path.endsWith('/graphql.json')).length;
}

describe('Shopify connector orders', () => {
  it('keeps an order id above 2^53 intact from the wire to the typed result', async () => {
    const placed = await placeOrder();
    assert.ok(BigInt(placed.id) > BigInt(Number.MAX_SAFE_INTEGER));
    const order = await h.client.getOrder(placed.id);
    assert.equal(order.id, placed.id);
    assert.equal(order.admin_graphql_api_id, `gid://shopify/Order/${placed.id}`);
    assert.equal(typeof order.line_items[0]?.variant_id, 'string');
    const byGid = await h.client.getOrder(order.admin_graphql_api_id);
    assert.equal(byGid.id, placed.id);
  });

  it('lists orders of any status updated since a time, page by page', async () => {
    const since = new Date(Date.now() - 1_000);
    const a = await placeOrder();
    const b = await placeOrder();
    await h.control('POST', `/orders/${b.id}/cancel`, {});
    const c = await placeOrder();
    const first = await h.client.listOrdersUpdatedSince(since, { limit: 2 });
    assert.ok(first.nextCursor);
    const second = await h.client.listOrdersUpdatedSince(since, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual([...first.items, ...second.items].map((o) => o.id), [a.id, b.id, c.id]);
    assert.equal(second.nextCursor, undefined);
    assert.deepEqual(h.ctx.log.list({ system: 'shopify' }).map((r) => r.query), [
      { status: 'any', updated_at_min: since.toISOString(), limit: '2' },
      { limit: '2', page_info: first.nextCursor },
    ]);
  });

  it('creates the fulfilment once: a second call returns the existing one without writing', async () => {
    const placed = await placeOrder();
    const first = await h.client.createFulfillment({ orderId: placed.id, trackingInfo: { number: 'GLS-1', company: 'GLS', url: 'https://gls.dk/t/GLS-1' } });
    assert.deepEqual({ ...first, id: undefined }, { id: undefined, status: 'success', trackingNumber: 'GLS-1', created: true });
    const again = await h.client.createFulfillment({ orderId: placed.id });
    assert.deepEqual(again, { ...first, created: false });
    assert.equal(graphqlCalls(), 1);
    const order = await h.client.getOrder(placed.id);
    assert.equal(order.fulfillment_status, 'fulfilled');
    assert.deepEqual(order.fulfillments.map((f) => f.id), [first.id]);
  });

  it('returns the fulfilment a lost answer created when the call is retried', async () => {
    const placed = await placeOrder();
    h.ctx.faults.add({ system: 'shopify', kind: 'drop', match: { method: 'POST', path: '/graphql\\.json$' }, count: 1, latencyMs: 0, status: 503, retryAfterSeconds: 1 });
    await assert.rejects(h.client.createFulfillment({ orderId: placed.id }), (err: unknown) => err instanceof UpstreamUnavailableError && err.retryable);
    const retried = await h.client.createFulfillment({ orderId: placed.id });
    assert.equal(retried.created, false);
    assert.deepEqual(h.ctx.faults.pending('shopify'), []);
    const order = await h.client.getOrder(placed.id);
    assert.deepEqual(order.fulfillments.map((f) => f.id), [retried.id]);
  });

  it('refuses to fulfil a cancelled order with a non-retryable rejection', async () => {
    const placed = await placeOrder();
    await h.control('POST', `/orders/${placed.id}/cancel`, {});
    await assert.rejects(h.client.createFulfillment({ orderId: placed.id }), (err: unknown) => err instanceof RejectedRequestError && !err.retryable);
  });
});

describe('Shopify connector inventory', () => {
  it('finds variants by exact sku, including skus with a slash', async () => {
    const found = await h.client.findVariantsBySku(['DESK/120', 'LAMP-RED', 'NOT-THERE']);
    const stock = await stockOf('DESK/120');
    assert.deepEqual(found.map((v) => v.sku).sort(), ['DESK/120', 'LAMP-RED']);
    assert.equal(found.find((v) => v.sku === 'DESK/120')?.inventoryItemId, stock.inventory_item_id);
  });

  it('sets stock with compare-and-set and reads it back', async () => {
    const stock = await stockOf('CHAIR-01');
    const result = await h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 17, changeFromQuantity: stock.available }], 'set-1');
    assert.deepEqual(result.changes, [{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, delta: 17 - stock.available, quantityAfterChange: 17 }]);
    const levels = await h.client.getInventoryLevels({ inventoryItemIds: [stock.inventory_item_id] });
    assert.deepEqual(levels.map((l) => [l.inventory_item_id, l.location_id, l.available]), [[stock.inventory_item_id, stock.location_id, 17]]);
  });

  it('sends inventorySetQuantities with gids, changeFromQuantity and the idempotency key as variables', async () => {
    const stock = await stockOf('BOOK-DK');
    await h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: `gid://shopify/Location/${stock.location_id}`, quantity: 8, changeFromQuantity: stock.available }], 'wire-1', { reason: 'cycle_count_available' });
    const [sent] = h.ctx.log.list({ system: 'shopify', method: 'POST' });
    assert.equal(sent?.path, '/admin/api/2026-04/graphql.json');
    const body = sent?.body as { query: string; variables: unknown };
    assert.match(body.query, /inventorySetQuantities\(input: \$input\) @idempotent\(key: \$idempotencyKey\)/);
    assert.deepEqual(body.variables, {
      idempotencyKey: 'wire-1',
      input: {
        name: 'available',
        reason: 'cycle_count_available',
        quantities: [{ inventoryItemId: `gid://shopify/InventoryItem/${stock.inventory_item_id}`, locationId: `gid://shopify/Location/${stock.location_id}`, quantity: 8, changeFromQuantity: stock.available }],
      },
    });
  });

  it('throws ShopifyUserError with CHANGE_FROM_QUANTITY_STALE when the stored quantity moved', async () => {
    const stock = await stockOf('CHAIR-01');
    await assert.rejects(
      h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 5, changeFromQuantity: stock.available - 1 }], 'stale-1'),
      (err: unknown) => err instanceof ShopifyUserError && err.name === 'RejectedRequestError' && !err.retryable && err.codes.join() === 'CHANGE_FROM_QUANTITY_STALE',
    );
    assert.equal((await stockOf('CHAIR-01')).available, stock.available);
  });

  it('applies a change once when the same idempotency key is sent twice', async () => {
    const stock = await stockOf('LAMP-RED');
    const quantities = [{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 60, changeFromQuantity: stock.available }];
    const first = await h.client.setInventoryQuantities(quantities, 'key-1');
    await h.control('PUT', '/stock', { sku: 'LAMP-RED', available: 59 });
    const replay = await h.client.setInventoryQuantities(quantities, 'key-1');
    assert.deepEqual(replay, first);
    assert.equal((await stockOf('LAMP-RED')).available, 59);
  });

  it('throws ShopifyUserError IDEMPOTENCY_KEY_PARAMETER_MISMATCH when a key is reused with other quantities', async () => {
    const stock = await stockOf('BOOK-DK');
    await h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 30, changeFromQuantity: stock.available }], 'reuse-1');
    await assert.rejects(
      h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 31, changeFromQuantity: 30 }], 'reuse-1'),
      (err: unknown) => err instanceof ShopifyUserError && !err.retryable && err.codes.join() === 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
    );
    assert.equal((await stockOf('BOOK-DK')).available, 30);
  });

  it('surfaces a refused call without idempotency key as a non-retryable GraphQL error', async () => {
    const stock = await stockOf('LAMP-RED');
    await assert.rejects(
      h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity: 1, changeFromQuantity: null }], ''),
      (err: unknown) => err instanceof ShopifyGraphqlError && !err.retryable && err.errors[0]?.code === 'IDEMPOTENCY_KEY_REQUIRED',
    );
  });
});

describe('Shopify connector limits and errors', () => {
  it('turns a REST 429 into RateLimitedError with Retry-After, and succeeds after waiting', async () => {
    await h.control('PUT', '/settings', { restBucketSize: 2, restLeakPerSecond: 2 });
    await h.client.listLocations();
    await h.client.listLocations();
    assert.deepEqual(h.client.throttle.rest, { used: 2, limit: 2 });
    const err = await h.client.listLocations().then(
      () => assert.fail('expected a 429'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof RateLimitedError && err.retryable);
    assert.ok(err.retryAfterMs !== undefined && err.retryAfterMs > 0 && err.retryAfterMs <= 500, `retryAfterMs ${err.retryAfterMs}`);
    await new Promise((resolve) => setTimeout(resolve, (err.retryAfterMs ?? 0) + 20));
    assert.equal((await h.client.listLocations()).length, 1);
  });

  it('turns GraphQL THROTTLED into RateLimitedError with the wait the bucket needs', async () => {
    await h.control('PUT', '/settings', { graphqlMaximumAvailable: 15, graphqlRestoreRate: 1 });
    const stock = await stockOf('CHAIR-01');
    const set = (quantity: number, key: string) => h.client.setInventoryQuantities([{ inventoryItemId: stock.inventory_item_id, locationId: stock.location_id, quantity, changeFromQuantity: null }], key);
    await set(3, 'throttle-1');
    const err = await set(4, 'throttle-2').then(
      () => assert.fail('expected THROTTLED'),
      (e: unknown) => e,
    );
    const available = h.client.throttle.graphql?.currentlyAvailable;
    assert.ok(available !== undefined && available < 11);
    assert.ok(err instanceof RateLimitedError);
    assert.equal(err.retryAfterMs, (11 - available) * 1000);
    assert.equal((await stockOf('CHAIR-01')).available, 3);
  });

  it('throws AuthError for a wrong token and never shows the token', async () => {
    const client = new ShopifyClient({ baseUrl: h.admin, accessToken: { reveal: () => 'shpat_wrong_token_value' } });
    const err = await client.getOrder('1').then(
      () => assert.fail('expected 401'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AuthError);
    assert.match(err.message, /Invalid API key or access token/);
    assert.doesNotMatch(err.message + JSON.stringify(err), /shpat_wrong_token_value/);
  });

  it('manages webhook subscriptions and reports a duplicate as a rejection with the field', async () => {
    const created = await h.client.createWebhook({ topic: 'orders/create', address: 'https://example.test/webhooks/shopify/demo' });
    assert.deepEqual((await h.client.listWebhooks()).map((w) => [w.id, w.topic, w.format]), [[created.id, 'orders/create', 'json']]);
    await assert.rejects(
      h.client.createWebhook({ topic: 'orders/create', address: 'https://example.test/webhooks/shopify/demo' }),
      (err: unknown) => err instanceof RejectedRequestError && err.issues[0]?.path === 'address',
    );
    await h.client.deleteWebhook(created.id);
    assert.deepEqual(await h.client.listWebhooks(), []);
  });

  it('reads products with their variants and inventory item ids as strings', async () => {
    const page = await h.client.listProducts({ limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.nextCursor);
    const product = await h.client.getProduct(page.items[0]?.id ?? '');
    assert.deepEqual(product.variants.map((v) => [v.sku, v.price]), [['CHAIR-01', '998.75']]);
    assert.match(product.variants[0]?.inventory_item_id ?? '', /^\d{18}$/);
  });
});
