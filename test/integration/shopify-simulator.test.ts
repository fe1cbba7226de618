import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify';
import { parseLossless, type ShopifyHarness, startReceiver, startShopify, waitFor } from '../helpers/shopify';

interface Money {
  total_price: string;
  subtotal_price: string;
  total_tax: string;
  total_discounts: string;
  total_line_items_price: string;
}
interface Order extends Money {
  id: string;
  name: string;
  financial_status: string;
  fulfillment_status: string | null;
  tax_lines: Array<{ price: string; rate: number }>;
  line_items: Array<{ id: string; sku: string; price: string; tax_lines: Array<{ price: string }>; discount_allocations: Array<{ amount: string }> }>;
  shipping_lines: Array<{ price: string; tax_lines: Array<{ price: string }> }>;
  discount_codes: Array<{ code: string; amount: string; type: string }>;
}
interface Delivery {
  webhook_id: string;
  topic: string;
  state: string;
  attempts: Array<{ status?: number }>;
}
interface Stock {
  sku: string;
  inventory_item_id: string;
  location_id: string;
  available: number;
}

const BASE_SETTINGS = { restBucketSize: 40, restLeakPerSecond: 0, graphqlMaximumAvailable: 1000, graphqlRestoreRate: 100, webhookRetryDelaysMs: [40, 40, 40], webhookTimeoutMs: 500, secretRotationWindowMs: 3_600_000 };
let h: ShopifyHarness;

before(async () => {
  h = await startShopify();
});
after(async () => h.close());
beforeEach(async () => {
  await h.reset();
  await h.control('PUT', '/settings', BASE_SETTINGS);
});

const DISCOUNTED_CART = {
  lines: [
    { sku: 'CHAIR-01', quantity: 2 },
    { sku: 'LAMP-RED', quantity: 1 },
    { sku: 'BOOK-DK', quantity: 1 },
  ],
  shipping: { title: 'GLS Pakkeshop', price: '49.00' },
  discount_code: { code: 'VELKOMMEN10', type: 'percentage', value: '10' },
};

async function placeOrder(body: Record<string, unknown> = { lines: [{ sku: 'CHAIR-01', quantity: 1 }] }): Promise<Order> {
  return (await h.control<{ order: Order }>('POST', '/orders', body)).order;
}

async function stockOf(sku: string): Promise<Stock> {
  const [stock] = (await h.control<{ stock: Stock[] }>('GET', `/stock?sku=${encodeURIComponent(sku)}`)).stock;
  assert.ok(stock, `no stock row for ${sku}`);
  return stock;
}

async function graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, version?: string) {
  return h.call<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { currentlyAvailable: number; maximumAvailable: number; restoreRate: number } } } }>(
    'POST',
    '/graphql.json',
    { query, variables },
    version ? { version } : {},
  );
}

const SET_WITH_KEY = 'mutation Set($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } } userErrors { code field message } } }';
interface SetPayload {
  inventorySetQuantities?: { inventoryAdjustmentGroup: unknown; userErrors: unknown[] };
}
const SET_WITHOUT_KEY = 'mutation Set($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code message } } }';

function setInput(stock: Stock, quantity: number, changeFromQuantity: number | null): Record<string, unknown> {
  return { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: `gid://shopify/InventoryItem/${stock.inventory_item_id}`, locationId: `gid://shopify/Location/${stock.location_id}`, quantity, changeFromQuantity }] };
}

/** The compare-and-set form before 2026-04 (removed in 2026-04). */
function legacySetInput(stock: Stock, quantity: number, compare: { compareQuantity: number } | { ignoreCompareQuantity: true }): Record<string, unknown> {
  const quantities = [{ inventoryItemId: `gid://shopify/InventoryItem/${stock.inventory_item_id}`, locationId: `gid://shopify/Location/${stock.location_id}`, quantity, ...('compareQuantity' in compare ? compare : {}) }];
  return { name: 'available', reason: 'correction', ...('ignoreCompareQuantity' in compare ? compare : {}), quantities };
}

type SetAnswer = { inventorySetQuantities: { inventoryAdjustmentGroup: unknown; userErrors: Array<{ code: string; field: string[] | null; message: string }> } | null };

describe('Shopify simulator REST', () => {
  it('refuses a request without an access token with Shopify’s 401 body', async () => {
    const res = await h.call('GET', '/orders.json', undefined, { token: null });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('answers 404 and 422 in Shopify’s error format', async () => {
    const missing = await h.call('GET', '/orders/42.json');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errors: 'Not Found' });
    const invalid = await h.call('POST', '/products.json', { product: { title: '' } });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.json, { errors: { title: ["can't be blank"] } });
  });

  it('writes ids above 2^53 as raw JSON numbers without losing digits', async () => {
    const order = await placeOrder();
    const res = await h.call('GET', `/orders/${order.id}.json`);
    assert.ok(BigInt(order.id) > BigInt(Number.MAX_SAFE_INTEGER));
    assert.match(res.text, new RegExp(`"id":${order.id},`));
    assert.equal((res.json as { order: Order }).order.id, order.id);
  });

  it('counts REST calls in a leaky bucket, answers 429 with Retry-After when full, and recovers', async () => {
    await h.control('PUT', '/settings', { restBucketSize: 3, restLeakPerSecond: 2 });
    const limits: Array<string | null> = [];
    for (let i = 0; i < 3; i++) limits.push((await h.call('GET', '/locations.json')).headers.get('x-shopify-shop-api-call-limit'));
    assert.deepEqual(limits, ['1/3', '2/3', '3/3']);
    const refused = await h.call('GET', '/locations.json');
    assert.equal(refused.status, 429);
    assert.deepEqual(refused.json, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 0.5, `Retry-After ${retryAfter}`);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 20));
    const again = await h.call('GET', '/locations.json');
    assert.equal(again.status, 200);
    assert.deepEqual(h.ctx.log.list({ system: 'shopify' }).map((r) => r.status), [200, 200, 200, 429, 200]);
  });

  it('pages orders by cursor through the Link header', async () => {
    const ids = [(await placeOrder()).id, (await placeOrder()).id, (await placeOrder()).id];
    const first = await h.call<{ orders: Order[] }>('GET', '/orders.json?status=any&limit=2');
    const link = first.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    assert.ok(next, `no next link in ${link}`);
    const pageInfo = new URL(next).searchParams.get('page_info') ?? '';
    const second = await h.call<{ orders: Order[] }>('GET', `/orders.json?limit=2&page_info=${pageInfo}`);
    assert.deepEqual([...first.json.orders, ...second.json.orders].map((o) => o.id), ids);
    assert.equal(second.headers.get('link'), null);
  });

  it('lists an order\'s refunds on the Order resource: in the order body and in the updated_at listing, which the refund moves the order into', async () => {
    const order = await placeOrder({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], financial_status: 'paid' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Shopify's timestamps are whole seconds.
    const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    assert.deepEqual((await h.call<{ orders: Order[] }>('GET', `/orders.json?status=any&updated_at_min=${since}`)).json.orders, [], 'nothing changed yet');
    const { refund } = await h.control<{ refund: { id: string } }>('POST', `/orders/${order.id}/refunds`, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] });
    const listed = (await h.call<{ orders: Array<{ id: string; refunds: Array<{ id: string; order_id: string }> }> }>('GET', `/orders.json?status=any&updated_at_min=${since}`)).json.orders;
    assert.deepEqual(listed.map((o) => [o.id, o.refunds.map((r) => [r.id, r.order_id])]), [[order.id, [[refund.id, order.id]]]]);
    const single = (await h.call<{ order: { refunds: unknown[] } }>('GET', `/orders/${order.id}.json`)).json.order;
    assert.deepEqual(single.refunds, listed[0]!.refunds, 'the same refund in the order body');
    const page = await h.client.listOrdersUpdatedSince(new Date(since), { limit: 50 });
    assert.deepEqual(page.items.map((o) => o.refunds.map((r) => r.id)), [[refund.id]], 'the connector reads the ids');
  });

  it('applies faults queued for system shopify', async () => {
    h.ctx.faults.add({ system: 'shopify', kind: 'status', status: 503, match: { path: '/orders' }, count: 1, latencyMs: 0, retryAfterSeconds: 1 });
    const res = await h.call('GET', '/orders.json');
    assert.equal(res.status, 503);
    assert.deepEqual(res.json, { errors: 'Service Unavailable' });
    assert.deepEqual(h.ctx.faults.pending('shopify'), []);
  });
});

describe('Shopify simulator order totals', () => {
  it('computes totals to the cent when prices include VAT, with a discount code and shipping', async () => {
    const order = await placeOrder({ ...DISCOUNTED_CART, taxes_included: true });
    assert.deepEqual(
      { total_line_items_price: order.total_line_items_price, total_discounts: order.total_discounts, subtotal_price: order.subtotal_price, total_tax: order.total_tax, total_price: order.total_price },
      { total_line_items_price: '2358.75', total_discounts: '235.88', subtotal_price: '2122.87', total_tax: '425.37', total_price: '2171.87' },
    );
    assert.deepEqual(order.line_items.map((l) => [l.sku, l.discount_allocations[0]?.amount, l.tax_lines[0]?.price]), [
      ['CHAIR-01', '199.75', '359.55'],
      ['LAMP-RED', '31.13', '56.02'],
      ['BOOK-DK', '5.00', undefined],
    ]);
    assert.equal(order.shipping_lines[0]?.tax_lines[0]?.price, '9.80');
    assert.deepEqual(order.discount_codes, [{ code: 'VELKOMMEN10', amount: '235.88', type: 'percentage' }]);
  });

  it('adds VAT on top when prices exclude it', async () => {
    const order = await placeOrder({ ...DISCOUNTED_CART, taxes_included: false });
    assert.deepEqual(
      { subtotal_price: order.subtotal_price, total_tax: order.total_tax, total_price: order.total_price },
      { subtotal_price: '2122.87', total_tax: '531.72', total_price: '2703.59' },
    );
    assert.deepEqual(order.line_items.map((l) => l.tax_lines[0]?.price), ['449.44', '70.03', undefined]);
    assert.equal(order.shipping_lines[0]?.tax_lines[0]?.price, '12.25');
  });

  it('takes stock when an order is placed and recomputes totals after an edit', async () => {
    const before = await stockOf('CHAIR-01');
    const order = await placeOrder({ lines: [{ sku: 'CHAIR-01', quantity: 3 }] });
    assert.equal((await stockOf('CHAIR-01')).available, before.available - 3);
    const edited = (await h.control<{ order: Order }>('POST', `/orders/${order.id}/edit`, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] })).order;
    assert.equal(edited.total_price, '998.75');
    assert.equal((await stockOf('CHAIR-01')).available, before.available - 1);
  });
});

describe('Shopify simulator GraphQL', () => {
  it('refuses inventorySetQuantities without @idempotent from 2026-04, and accepts it on 2026-01', async () => {
    const stock = await stockOf('LAMP-RED');
    const refused = await graphql<SetPayload>(SET_WITHOUT_KEY, { input: setInput(stock, 7, stock.available) });
    assert.equal(refused.status, 200);
    assert.equal(refused.json.errors?.[0]?.extensions?.code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal((await stockOf('LAMP-RED')).available, stock.available);
    const older = await graphql<SetPayload>(SET_WITHOUT_KEY, { input: legacySetInput(stock, 7, { compareQuantity: stock.available }) }, '2026-01');
    assert.equal(older.json.errors, undefined);
    assert.deepEqual(older.json.data?.inventorySetQuantities, { userErrors: [] }, 'only the selected fields come back');
    assert.equal((await stockOf('LAMP-RED')).available, 7);
  });

  it('refuses a stale changeFromQuantity with CHANGE_FROM_QUANTITY_STALE and changes nothing', async () => {
    const stock = await stockOf('LAMP-RED');
    const res = await graphql<SetAnswer>(SET_WITH_KEY, { input: setInput(stock, 5, stock.available + 1), key: 'stale-1' });
    assert.equal(res.json.data?.inventorySetQuantities?.inventoryAdjustmentGroup, null);
    assert.deepEqual(res.json.data?.inventorySetQuantities?.userErrors.map((e) => [e.code, e.field?.join('.')]), [['CHANGE_FROM_QUANTITY_STALE', 'input.quantities.0.changeFromQuantity']]);
    assert.equal((await stockOf('LAMP-RED')).available, stock.available);
  });

  it('skips the check for an explicit null changeFromQuantity', async () => {
    const stock = await stockOf('LAMP-RED');
    await h.control('PUT', '/stock', { sku: 'LAMP-RED', available: stock.available + 4 });
    const res = await graphql<SetAnswer>(SET_WITH_KEY, { input: setInput(stock, 2, null), key: 'null-1' });
    assert.deepEqual(res.json.data?.inventorySetQuantities?.userErrors, []);
    assert.equal((await stockOf('LAMP-RED')).available, 2);
  });

  it('refuses compareQuantity and ignoreCompareQuantity on 2026-04 as undefined input fields, and a quantity without changeFromQuantity', async () => {
    const stock = await stockOf('LAMP-RED');
    const compare = await graphql<SetAnswer>(SET_WITH_KEY, { input: legacySetInput(stock, 9, { compareQuantity: stock.available }), key: 'old-1' });
    assert.equal(compare.json.data, undefined);
    assert.match(compare.json.errors?.[0]?.message ?? '', /^Variable \$input of type InventorySetQuantitiesInput! was provided invalid value for quantities\.0\.compareQuantity \(Field is not defined on InventoryQuantityInput\)$/);
    const ignore = await graphql<SetAnswer>(SET_WITH_KEY, { input: legacySetInput(stock, 9, { ignoreCompareQuantity: true }), key: 'old-2' });
    assert.match(ignore.json.errors?.[0]?.message ?? '', /invalid value for ignoreCompareQuantity \(Field is not defined on InventorySetQuantitiesInput\)/);
    const bare = await graphql<SetAnswer>(SET_WITH_KEY, { input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: `gid://shopify/InventoryItem/${stock.inventory_item_id}`, locationId: `gid://shopify/Location/${stock.location_id}`, quantity: 9 }] }, key: 'old-3' });
    assert.equal(bare.json.data?.inventorySetQuantities, null);
    assert.match(bare.json.errors?.[0]?.message ?? '', /changeFromQuantity is required/);
    assert.equal((await stockOf('LAMP-RED')).available, stock.available, 'no refused form may change stock');
    const older = await graphql<SetAnswer>(SET_WITH_KEY, { input: legacySetInput(stock, 9, { ignoreCompareQuantity: true }), key: 'old-4' }, '2026-01');
    assert.deepEqual(older.json.data?.inventorySetQuantities?.userErrors, []);
    assert.equal((await stockOf('LAMP-RED')).available, 9);
  });

  it('answers an idempotency key reused with other input with the user error IDEMPOTENCY_KEY_PARAMETER_MISMATCH', async () => {
    const stock = await stockOf('CHAIR-01');
    await graphql(SET_WITH_KEY, { input: setInput(stock, 12, stock.available), key: 'mismatch-1' });
    const res = await graphql<SetAnswer>(SET_WITH_KEY, { input: setInput(stock, 13, 12), key: 'mismatch-1' });
    assert.equal(res.json.errors, undefined);
    assert.deepEqual(res.json.data?.inventorySetQuantities, { inventoryAdjustmentGroup: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: 'The same idempotency key cannot be used with different operation parameters.' }] });
    assert.equal((await stockOf('CHAIR-01')).available, 12);
  });

  it('replays the first answer for a repeated idempotency key and applies the change once', async () => {
    const stock = await stockOf('DESK/120');
    const first = await graphql(SET_WITH_KEY, { input: setInput(stock, 20, stock.available), key: 'replay-1' });
    await h.control('PUT', '/stock', { sku: 'DESK/120', available: 3 });
    const second = await graphql(SET_WITH_KEY, { input: setInput(stock, 20, stock.available), key: 'replay-1' });
    assert.deepEqual(second.json.data, first.json.data);
    assert.equal((await stockOf('DESK/120')).available, 3, 'the replay must not set 20 again');
  });

  it('reports cost and answers THROTTLED when the bucket cannot pay for the query', async () => {
    await h.control('PUT', '/settings', { graphqlMaximumAvailable: 15, graphqlRestoreRate: 1 });
    const stock = await stockOf('CHAIR-01');
    const paid = await graphql(SET_WITH_KEY, { input: setInput(stock, 1, stock.available), key: 'cost-1' });
    assert.deepEqual(paid.json.extensions?.cost, { requestedQueryCost: 11, actualQueryCost: 11, throttleStatus: { maximumAvailable: 15, currentlyAvailable: 4, restoreRate: 1 } });
    const throttled = await graphql(SET_WITH_KEY, { input: setInput(stock, 2, 1), key: 'cost-2' });
    assert.deepEqual(throttled.json.errors?.map((e) => [e.message, e.extensions?.code]), [['Throttled', 'THROTTLED']]);
    assert.equal(throttled.json.extensions?.cost.actualQueryCost, null);
    assert.equal((await stockOf('CHAIR-01')).available, 1);
  });

  it('finds variants by sku and refuses to fulfil a closed fulfillment order', async () => {
    const found = await graphql<{ productVariants: { nodes: Array<{ sku: string; inventoryItem: { id: string } }> } }>('query V($q: String!) { productVariants(first: 5, query: $q) { nodes { sku inventoryItem { id } } } }', { q: 'sku:"DESK/120" OR sku:LAMP-BLUE' });
    assert.deepEqual(found.json.data?.productVariants.nodes.map((n) => n.sku), ['DESK/120', 'LAMP-BLUE']);
    const order = await placeOrder();
    await h.control('POST', `/orders/${order.id}/cancel`, {});
    const fos = await h.call<{ fulfillment_orders: Array<{ id: string; status: string }> }>('GET', `/orders/${order.id}/fulfillment_orders.json`);
    assert.equal(fos.json.fulfillment_orders[0]?.status, 'closed');
    const res = await graphql<{ fulfillmentCreate: { fulfillment: unknown; userErrors: Array<{ message: string }> } }>('mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }', {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fos.json.fulfillment_orders[0]?.id}` }] },
    });
    assert.equal(res.json.data?.fulfillmentCreate.fulfillment, null);
    assert.match(res.json.data?.fulfillmentCreate.userErrors[0]?.message ?? '', /unfulfillable status= closed/);
  });
});

describe('Shopify simulator GraphQL validation (graphql-js on the 2026-04 schema)', () => {
  type Errors = Array<{ message: string; locations?: Array<{ line: number; column: number }>; path?: unknown[]; extensions?: Record<string, unknown> }>;

  it('answers only the fields the document selects', async () => {
    const res = await graphql('query V($q: String!) { productVariants(first: 1, query: $q) { nodes { sku } } }', { q: 'sku:CHAIR-01' });
    assert.deepEqual(res.json.data, { productVariants: { nodes: [{ sku: 'CHAIR-01' }] } });
    const aliased = await graphql('query V($q: String!) { hits: productVariants(first: 1, query: $q) { nodes { code: sku } } }', { q: 'sku:CHAIR-01' });
    assert.deepEqual(aliased.json.data, { hits: { nodes: [{ code: 'CHAIR-01' }] } });
  });

  it('refuses a field the type does not have with graphql-ruby’s undefinedField error and no data', async () => {
    const res = await graphql('query V($q: String!) {\n  productVariants(first: 5, query: $q) {\n    nodes { sku skuu }\n  }\n}', { q: 'sku:CHAIR-01' });
    assert.equal(res.status, 200);
    assert.equal(res.json.data, undefined);
    assert.equal(res.json.extensions, undefined, 'a document that does not validate runs nothing and costs nothing');
    assert.deepEqual(res.json.errors, [
      { message: "Field 'skuu' doesn't exist on type 'ProductVariant'", locations: [{ line: 3, column: 17 }], path: ['query V', 'productVariants', 'nodes', 'skuu'], extensions: { code: 'undefinedField', typeName: 'ProductVariant', fieldName: 'skuu' } },
    ] satisfies Errors);
    const root = await graphql('{ products(first: 1) { nodes { id } } }');
    assert.equal((root.json.errors as Errors | undefined)?.[0]?.extensions?.code, 'undefinedField', 'a root field outside the simulated subset is unknown too');
  });

  it('refuses unknown arguments and undeclared variables with their graphql-ruby codes', async () => {
    const arg = await graphql('{ productVariants(first: 1, sku: "CHAIR-01") { nodes { sku } } }');
    assert.deepEqual(arg.json.errors?.map((e) => e.extensions?.code), ['argumentNotAccepted']);
    const undeclared = await graphql('{ productVariants(first: 1, query: $q) { nodes { sku } } }', { q: 'sku:CHAIR-01' });
    assert.deepEqual(undeclared.json.errors?.map((e) => e.extensions?.code), ['variableNotDefined']);
  });

  it('refuses a missing non-null variable as Shopify does, before anything runs', async () => {
    const stock = await stockOf('LAMP-RED');
    const res = await graphql(SET_WITH_KEY, { key: 'no-input' });
    assert.equal(res.json.data, undefined);
    assert.deepEqual(res.json.errors, [
      { message: 'Variable $input of type InventorySetQuantitiesInput! was provided invalid value', locations: [{ line: 1, column: 14 }], extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] } },
    ] satisfies Errors);
    assert.equal((await stockOf('LAMP-RED')).available, stock.available);
  });

  it('names the path of a wrongly typed input field', async () => {
    const input = setInput(await stockOf('LAMP-RED'), 7, 3) as { quantities: Array<Record<string, unknown>> };
    input.quantities[0] = { ...input.quantities[0], quantity: 'seven' };
    const res = await graphql(SET_WITH_KEY, { input, key: 'typed-1' });
    const problems = (res.json.errors as Errors | undefined)?.[0]?.extensions?.problems as Array<{ path: unknown[] }> | undefined;
    assert.deepEqual(problems?.map((p) => p.path), [['quantities', 0, 'quantity']]);
  });

  it('answers a syntax error with a parse error and its location', async () => {
    const res = await graphql('query { productVariants(first: 5 { nodes { sku } } }');
    assert.equal(res.json.data, undefined);
    const [error] = (res.json.errors ?? []) as Errors;
    assert.match(error?.message ?? '', /^Parse error: .* at \[1, 34\]$/);
    assert.deepEqual(error?.locations, [{ line: 1, column: 34 }]);
  });
});

describe('Shopify simulator webhooks', () => {
  async function subscribe(topic: string, address: string): Promise<void> {
    const res = await h.call('POST', '/webhooks.json', { webhook: { topic, address, format: 'json' } });
    assert.equal(res.status, 201);
  }

  async function deliveries(topic: string): Promise<Delivery[]> {
    await h.control('POST', '/deliveries/wait');
    return (await h.control<{ deliveries: Delivery[] }>('GET', `/deliveries?topic=${encodeURIComponent(topic)}`)).deliveries;
  }

  it('signs the raw body with the client secret and sends Shopify’s headers', async () => {
    const receiver = await startReceiver();
    try {
      await subscribe('orders/create', receiver.url);
      const order = await placeOrder();
      const [delivery] = await waitFor(() => receiver.received.length > 0 && receiver.received, 'delivery');
      assert.ok(delivery);
      const expected = createHmac('sha256', SHOPIFY_SANDBOX_CREDENTIALS.clientSecret).update(delivery.raw, 'utf8').digest('base64');
      assert.equal(delivery.headers['x-shopify-hmac-sha256'], expected);
      assert.equal(delivery.headers['x-shopify-topic'], 'orders/create');
      assert.equal(delivery.headers['x-shopify-shop-domain'], 'rackbridge-demo.myshopify.com');
      assert.equal(delivery.headers['x-shopify-api-version'], '2026-04');
      assert.match(String(delivery.headers['x-shopify-webhook-id']), /^[0-9a-f-]{36}$/);
      assert.match(String(delivery.headers['x-shopify-event-id']), /^[0-9a-f-]{36}$/);
      assert.ok(!Number.isNaN(Date.parse(String(delivery.headers['x-shopify-triggered-at']))));
      assert.equal((parseLossless(delivery.raw) as { id: string }).id, order.id);
    } finally {
      await receiver.close();
    }
  });

  it('retries a failed delivery with the same Webhook-Id and the original body', async () => {
    const receiver = await startReceiver([500]);
    try {
      await subscribe('orders/paid', receiver.url);
      const order = await placeOrder();
      await h.control('POST', `/orders/${order.id}/pay`);
      await waitFor(() => receiver.received.length >= 2 && receiver.received, 'retry', 3_000);
      const [first, second] = receiver.received;
      assert.ok(first && second);
      assert.equal(second.headers['x-shopify-webhook-id'], first.headers['x-shopify-webhook-id']);
      assert.equal(second.raw, first.raw);
      const [delivery] = await deliveries('orders/paid');
      assert.deepEqual(delivery?.attempts.map((a) => a.status), [500, 200]);
      assert.equal(delivery?.state, 'delivered');
    } finally {
      await receiver.close();
    }
  });

  it('counts an answer slower than the timeout as a failure and retries until the schedule runs out', async () => {
    await h.control('PUT', '/settings', { webhookTimeoutMs: 100, webhookRetryDelaysMs: [20, 20] });
    const receiver = await startReceiver([200, 503, 503], [300]);
    try {
      await subscribe('orders/create', receiver.url);
      await placeOrder();
      await waitFor(() => receiver.received.length >= 3, 'three attempts', 3_000);
      const [delivery] = await deliveries('orders/create');
      assert.equal(delivery?.state, 'failed');
      assert.deepEqual(delivery?.attempts.map((a) => a.status ?? 'error'), ['error', 503, 503]);
      assert.equal(new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id'])).size, 1);
    } finally {
      await receiver.close();
    }
  });

  it('keeps signing with the old secret inside the rotation window, then with the new one', async () => {
    const receiver = await startReceiver();
    try {
      await subscribe('products/update', receiver.url);
      await h.control('POST', '/rotate-secret', { secret: 'shpss_rotated_secret_1' });
      await h.call('PUT', `/products/${await firstProductId()}.json`, { product: { title: 'Kontorstol Basic v2' } });
      const [inWindow] = await waitFor(() => receiver.received.length >= 1 && receiver.received, 'delivery in window');
      assert.ok(inWindow);
      assert.equal(inWindow.headers['x-shopify-hmac-sha256'], sign(inWindow.raw, SHOPIFY_SANDBOX_CREDENTIALS.clientSecret));

      await h.control('PUT', '/settings', { secretRotationWindowMs: 0 });
      await h.control('POST', '/rotate-secret', { secret: 'shpss_rotated_secret_2' });
      await h.call('PUT', `/products/${await firstProductId()}.json`, { product: { title: 'Kontorstol Basic v3' } });
      const afterWindow = (await waitFor(() => receiver.received.length >= 2 && receiver.received, 'delivery after window'))[1];
      assert.ok(afterWindow);
      assert.equal(afterWindow.headers['x-shopify-hmac-sha256'], sign(afterWindow.raw, 'shpss_rotated_secret_2'));
    } finally {
      await receiver.close();
    }
  });

  it('fires the topic each shop action causes, once per subscription', async () => {
    const receiver = await startReceiver();
    try {
      for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled', 'orders/edited', 'products/create', 'products/update', 'products/delete']) await subscribe(topic, receiver.url);
      const topicsAfter = async (action: () => Promise<unknown>): Promise<string[]> => {
        const before = receiver.received.length;
        await action();
        await h.control('POST', '/deliveries/wait');
        return receiver.received.slice(before).map((r) => String(r.headers['x-shopify-topic'])).sort();
      };
      let order: Order | undefined;
      assert.deepEqual(await topicsAfter(async () => (order = await placeOrder({ lines: [{ sku: 'CHAIR-01', quantity: 2 }] }))), ['orders/create']);
      const id = order?.id ?? '';
      assert.deepEqual(await topicsAfter(() => h.control('POST', `/orders/${id}/pay`)), ['orders/paid', 'orders/updated']);
      assert.deepEqual(await topicsAfter(() => h.control('POST', `/orders/${id}/edit`, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] })), ['orders/edited', 'orders/updated']);
      assert.deepEqual(await topicsAfter(() => h.control('POST', `/orders/${id}/cancel`, { reason: 'customer' })), ['orders/cancelled', 'orders/updated']);
      let productId = '';
      assert.deepEqual(
        await topicsAfter(async () => {
          const res = await h.call<{ product: { id: string } }>('POST', '/products.json', { product: { title: 'Skrivebordsmåtte', variants: [{ sku: 'MAT-01', price: '149.00' }] } });
          productId = res.json.product.id;
        }),
        ['products/create'],
      );
      assert.deepEqual(await topicsAfter(() => h.call('PUT', `/products/${productId}.json`, { product: { title: 'Skrivebordsmåtte XL' } })), ['products/update']);
      assert.deepEqual(await topicsAfter(() => h.call('DELETE', `/products/${productId}.json`)), ['products/delete']);
      assert.equal(receiver.received.at(-1)?.raw, `{"id":${productId}}`);
      assert.equal((await h.call('GET', '/orders.json')).text, '{"orders":[]}', 'a cancelled order is not open');
    } finally {
      await receiver.close();
    }
  });

  it('fires orders/fulfilled and fulfillments/create when an order is fulfilled', async () => {
    const receiver = await startReceiver();
    try {
      await subscribe('orders/fulfilled', receiver.url);
      await subscribe('fulfillments/create', receiver.url);
      const order = await placeOrder({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], financial_status: 'paid' });
      const fos = await h.call<{ fulfillment_orders: Array<{ id: string }> }>('GET', `/orders/${order.id}/fulfillment_orders.json`);
      const res = await graphql<{ fulfillmentCreate: { fulfillment: { id: string } | null } }>('mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }', {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fos.json.fulfillment_orders[0]?.id}` }], trackingInfo: { number: 'GLS123', company: 'GLS' } },
      });
      assert.ok(res.json.data?.fulfillmentCreate.fulfillment);
      await waitFor(() => receiver.received.length >= 2, 'two deliveries');
      assert.deepEqual(receiver.received.map((r) => r.headers['x-shopify-topic']).sort(), ['fulfillments/create', 'orders/fulfilled']);
      const fulfilled = (await h.call<{ order: Order }>('GET', `/orders/${order.id}.json`)).json.order;
      assert.equal(fulfilled.fulfillment_status, 'fulfilled');
    } finally {
      await receiver.close();
    }
  });
});

async function firstProductId(): Promise<string> {
  const res = await h.call<{ products: Array<{ id: string }> }>('GET', '/products.json?limit=1');
  const id = res.json.products[0]?.id;
  assert.ok(id);
  return id;
}

function sign(raw: string, secret: string): string {
  return createHmac('sha256', secret).update(raw, 'utf8').digest('base64');
}
