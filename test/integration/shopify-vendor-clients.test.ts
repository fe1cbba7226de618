import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createAdminApiClient } from '@shopify/admin-api-client';
import { type ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import Fastify from 'fastify';
import { parse, validate } from 'graphql';
import { SHOPIFY_API_VERSION } from '../../src/connectors/shopify';
import { FULFILLMENT_CREATE, INVENTORY_SET_QUANTITIES, PRODUCT_VARIANTS_BY_SKU } from '../../src/connectors/shopify/documents';
import { fulfillmentCreateSchema, inventorySetQuantitiesSchema, productVariantsSchema } from '../../src/connectors/shopify/schemas';
import { FIRED_TOPICS, SHOP, SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify';
import { schemaFor } from '../../src/sandbox/shopify/graphql-schema';
import { type ShopifyHarness, startShopify, waitFor } from '../helpers/shopify';

/**
 * Shopify's own libraries against the simulator: what they accept, a real shop must have sent
 * in the same shape. `@shopify/shopify-api` checks each webhook's HMAC and headers;
 * `@shopify/admin-api-client` sends the connector's GraphQL documents.
 */
// Shopify's Node adapter for shopify-api. It ships as TypeScript source that does not compile under
// this repo's strict options (exactOptionalPropertyTypes), so it is loaded untyped, for its side effect.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@shopify/shopify-api/adapters/node');

let h: ShopifyHarness;

before(async () => {
  h = await startShopify();
});
after(async () => h.close());
beforeEach(async () => {
  await h.reset();
  await h.control('PUT', '/settings', { webhookRetryDelaysMs: [40], webhookTimeoutMs: 2_000 });
});

describe('@shopify/shopify-api verifies the simulator’s webhooks', () => {
  it('finds every delivery of every fired topic valid (HMAC and headers), and a tampered one invalid', async () => {
    const shopify = shopifyApi({
      apiKey: 'rackbridge-sandbox',
      apiSecretKey: SHOPIFY_SANDBOX_CREDENTIALS.clientSecret,
      apiVersion: SHOPIFY_API_VERSION as ApiVersion,
      hostName: 'rackbridge.example',
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: () => undefined },
    });
    const results: Array<{ topic: unknown; valid: boolean; reason?: unknown }> = [];
    const tampered: boolean[] = [];
    const receiver = Fastify();
    receiver.removeContentTypeParser('application/json');
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    receiver.post('/hook', async (request, reply) => {
      const rawBody = request.body as string;
      const check = await shopify.webhooks.validate({ rawBody, rawRequest: request.raw, rawResponse: reply.raw });
      results.push({ topic: request.headers['x-shopify-topic'], valid: check.valid, ...(check.valid ? {} : { reason: check.reason }) });
      if (results.length === 1) tampered.push((await shopify.webhooks.validate({ rawBody: rawBody.replace(/\d/, (d) => String((Number(d) + 1) % 10)), rawRequest: request.raw, rawResponse: reply.raw })).valid);
      return reply.send({ ok: true });
    });
    const address = await receiver.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const topic of FIRED_TOPICS) {
        const res = await h.call('POST', '/webhooks.json', { webhook: { topic, address: `${address}/hook`, format: 'json' } });
        assert.equal(res.status, 201, topic);
      }
      const order = (await h.control<{ order: { id: string } }>('POST', '/orders', { lines: [{ sku: 'CHAIR-01', quantity: 2 }], financial_status: 'pending' })).order;
      await h.control('POST', `/orders/${order.id}/pay`, {});
      await h.control('POST', `/orders/${order.id}/edit`, { lines: [{ sku: 'CHAIR-01', quantity: 1 }] });
      const fos = await h.call<{ fulfillment_orders: Array<{ id: string }> }>('GET', `/orders/${order.id}/fulfillment_orders.json`);
      await h.client.createFulfillment({ orderId: order.id });
      assert.ok(fos.json.fulfillment_orders.length > 0);
      const other = (await h.control<{ order: { id: string } }>('POST', '/orders', { lines: [{ sku: 'LAMP-RED', quantity: 1 }] })).order;
      await h.control('POST', `/orders/${other.id}/cancel`, {});
      const [desk] = (await h.control<{ stock: Array<{ inventory_item_id: string; location_id: string; available: number }> }>('GET', '/stock?sku=DESK%2F120')).stock;
      assert.ok(desk);
      await h.client.setInventoryQuantities([{ inventoryItemId: desk.inventory_item_id, locationId: desk.location_id, quantity: desk.available + 1, changeFromQuantity: desk.available }], 'vendor-webhooks-1');
      await h.control('POST', '/deliveries/wait');
      await waitFor(() => results.length > 0 && results, 'a delivery');

      assert.deepEqual(results.filter((r) => !r.valid), [], 'every delivery must pass Shopify’s own validation');
      const topics = new Set(results.map((r) => String(r.topic)));
      for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'orders/edited', 'orders/cancelled', 'orders/fulfilled', 'fulfillments/create', 'inventory_levels/update']) assert.ok(topics.has(topic), `no ${topic} delivery was checked`);
      assert.deepEqual(tampered, [false], 'a changed body must fail the HMAC check');
    } finally {
      await receiver.close();
    }
  });
});

describe('@shopify/admin-api-client sends the connector’s GraphQL documents', () => {
  function adminClient() {
    return createAdminApiClient({
      storeDomain: SHOP.domain,
      apiVersion: SHOPIFY_API_VERSION,
      accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken,
      // The client always calls https://{shop}/admin/api/…; the sandbox serves it over plain HTTP below /shopify.
      customFetchApi: (url, init) => fetch(String(url).replace(/^https:\/\/[^/]+/, h.admin), init),
      logger: () => undefined,
    });
  }

  it('each document is valid on the simulator’s schema for the pinned version', () => {
    for (const document of [PRODUCT_VARIANTS_BY_SKU, INVENTORY_SET_QUANTITIES, FULFILLMENT_CREATE]) {
      assert.deepEqual(validate(schemaFor(SHOPIFY_API_VERSION), parse(document)).map((e) => e.message), []);
    }
  });

  it('productVariants, inventorySetQuantities and fulfillmentCreate answer data the connector’s schemas accept', async () => {
    const client = adminClient();
    const variants = await client.request(PRODUCT_VARIANTS_BY_SKU, { variables: { first: 4, query: 'sku:"CHAIR-01" OR sku:"LAMP-RED"' } });
    assert.equal(variants.errors, undefined);
    const found = productVariantsSchema.parse(variants.data);
    const chair = found.productVariants.nodes.find((n) => n.sku === 'CHAIR-01');
    assert.ok(chair, 'CHAIR-01 must be found');

    const [level] = (await h.control<{ stock: Array<{ location_id: string; available: number }> }>('GET', '/stock?sku=CHAIR-01')).stock;
    assert.ok(level);
    const input = { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: chair.inventoryItem.id, locationId: `gid://shopify/Location/${level.location_id}`, quantity: level.available + 5, changeFromQuantity: level.available }] };
    const set = await client.request(INVENTORY_SET_QUANTITIES, { variables: { input, idempotencyKey: 'vendor-client-1' } });
    assert.equal(set.errors, undefined);
    const payload = inventorySetQuantitiesSchema.parse(set.data).inventorySetQuantities;
    assert.deepEqual(payload.userErrors, []);
    assert.equal(payload.inventoryAdjustmentGroup?.changes[0]?.delta, 5);

    const order = (await h.control<{ order: { id: string } }>('POST', '/orders', { lines: [{ sku: 'CHAIR-01', quantity: 1 }] })).order;
    const fos = await h.call<{ fulfillment_orders: Array<{ id: string }> }>('GET', `/orders/${order.id}/fulfillment_orders.json`);
    const fulfillment = { lineItemsByFulfillmentOrder: fos.json.fulfillment_orders.map((fo) => ({ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fo.id}` })), notifyCustomer: false, trackingInfo: { number: 'GLS-1', company: 'GLS' } };
    const created = await client.request(FULFILLMENT_CREATE, { variables: { fulfillment } });
    assert.equal(created.errors, undefined);
    const result = fulfillmentCreateSchema.parse(created.data).fulfillmentCreate;
    assert.deepEqual(result.userErrors, []);
    assert.equal(result.fulfillment?.trackingInfo[0]?.number, 'GLS-1');
  });

  it('reads a GraphQL error of the simulator as Shopify’s client reads Shopify’s', async () => {
    const res = await adminClient().request('query { productVariants(first: 1) { nodes { skuu } } }');
    assert.equal(res.errors?.message, 'GraphQL Client: An error occurred while fetching from the API. Review \'graphQLErrors\' for details.');
    assert.equal(res.errors?.graphQLErrors?.[0]?.extensions?.code, 'undefinedField');
  });
});
