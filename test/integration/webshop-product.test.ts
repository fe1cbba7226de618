import { oauthUrl } from '../helpers/woocommerce';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ClientRegistry } from '../../src/activities/clients';
import type { Connection } from '../../src/config';
import { ShopifyClient } from '../../src/connectors/shopify';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import { SHOPIFY_SANDBOX_CREDENTIALS as SHOP } from '../../src/sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import { entityRetrySignal } from '../../src/workflows/common/entity-messages';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { webshopProductWorkflowId } from '../../src/workflows/webshop-product/contract';
import { type LifecycleHarness, startLifecycleHarness } from '../helpers/lifecycle';
import { netvisorConnection } from '../helpers/netvisor-connection';
import { parseLossless } from '../helpers/shopify';
import { eventually } from '../helpers/temporal';
import { WOO_WEBHOOK_SECRET, webshopConnection } from '../helpers/webshop-connection';
import { transferWatcher } from '../helpers/transfers';

/** Webshop master, names held. */
const HOLD = 'shop';
/** Webshop master, names cleaned, and Netvisor next to e-conomic. */
const CLEAN = 'clean';
/** Rackbeat's seed group with Finnish VAT: Netvisor refuses a product whose VAT rate it does not have. */
const FINNISH_VAT_GROUP = 4;
/** Rackbeat master: shop product webhooks are not ours to act on. */
const RACKBEAT_MASTER = 'rbmaster';

interface ShopifyDelivery {
  webhook_id: string;
  topic: string;
  api_version: string;
  body: string;
  attempts: { status?: number }[];
}

describe('webshop products → Rackbeat → e-conomic / Netvisor (F3, webshop master, real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  const sandboxOf = (id: string) => h.conn(id).connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const systems = (id: string) => new ClientRegistry([h.conn(id).connection]).get(id);

  const watcher = () => transferWatcher(h.temporal.env.client);
  const status = (id: string) => watcher().status(id);
  const runIdOf = (id: string) => watcher().runIdOf(id);
  const waitFor = (id: string, check: (s: TransferStatus) => boolean, what: string, notRun?: string) => watcher().waitFor(id, check, what, notRun);
  const lastDetail = (s: TransferStatus) => s.steps.filter((step) => step.name === 'transfer product').at(-1)?.detail ?? '';

  /** Shop staff in the Shopify admin (Admin REST), answers read losslessly: ids exceed 2^53. */
  const shopifyAdmin = async (conn: string, method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const res = await fetch(`${sandboxOf(conn)}/shopify/admin/api/2026-04${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'X-Shopify-Access-Token': SHOP.accessToken },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${method} ${path} → ${res.status} ${await res.clone().text()}`);
    return (parseLossless(await res.text()) as { product: { id: string; variants: { id: string; sku: string }[] } }).product;
  };
  const createShopifyProduct = (conn: string, product: unknown) => shopifyAdmin(conn, 'POST', '/products.json', { product });
  const shopifyDeliveries = async (conn: string, topic: string) => {
    await h.conn(conn).control('POST', '/shopify/deliveries/wait');
    return (await h.conn(conn).control<{ deliveries: ShopifyDelivery[] }>('GET', `/shopify/deliveries?topic=${encodeURIComponent(topic)}`)).deliveries;
  };
  /** Sends a logged delivery again, byte for byte, as Shopify's retry would. */
  const redeliver = async (conn: string, d: ShopifyDelivery) => {
    const res = await fetch(`${h.webhookBase}/webhooks/shopify/${conn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Shopify-Hmac-Sha256': createHmac('sha256', SHOP.clientSecret).update(d.body).digest('base64'),
        'X-Shopify-Topic': d.topic,
        'X-Shopify-Shop-Domain': SHOP.shopDomain,
        'X-Shopify-API-Version': d.api_version,
        'X-Shopify-Webhook-Id': d.webhook_id,
      },
      body: d.body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const wooAdmin = (conn: string, method: 'POST' | 'PUT', path: string, body: unknown) =>
    fetch(oauthUrl(method, `${sandboxOf(conn)}/woocommerce/wp-json/wc/v3${path}`, { key: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerKey, secret: WOOCOMMERCE_SANDBOX_CREDENTIALS.consumerSecret }), {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const rackbeatWrites = async (conn: string) =>
    (await h.conn(conn).control<{ requests: { method: string; path: string; query: Record<string, unknown> }[] }>('GET', '/requests?system=rackbeat')).requests.filter((r) => r.method !== 'GET' && r.path.includes('/products'));
  const economicWrites = async (conn: string) =>
    (await h.conn(conn).control<{ requests: { method: string; path: string }[] }>('GET', '/requests?system=economic')).requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/products'));

  before(async () => {
    const withNetvisor = (c: Connection, url: string): Connection => ({ ...netvisorConnection()(c, url), economic: c.economic });
    h = await startLifecycleHarness([
      { id: HOLD, customise: webshopConnection({ productMaster: 'webshop', productNames: 'hold' }) },
      { id: CLEAN, customise: (c, url) => withNetvisor(webshopConnection({ productMaster: 'webshop', productNames: 'clean', productGroup: FINNISH_VAT_GROUP, productVatPercent: 25.5 })(c, url), url) },
      { id: RACKBEAT_MASTER, customise: webshopConnection({ productMaster: 'rackbeat' }) },
    ]);
    // What the start-up registration does: subscribe rackbridge to the shops' product webhooks.
    for (const conn of [HOLD, CLEAN, RACKBEAT_MASTER]) {
      const shopify = new ShopifyClient({ baseUrl: `${sandboxOf(conn)}/shopify`, accessToken: SHOP.accessToken });
      for (const topic of ['products/create', 'products/update', 'products/delete']) await shopify.createWebhook({ topic, address: `${h.webhookBase}/webhooks/shopify/${conn}` });
      const woo = new WooCommerceClient({ baseUrl: `${sandboxOf(conn)}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
      for (const topic of ['product.created', 'product.updated']) await woo.createWebhook({ topic, delivery_url: `${h.webhookBase}/webhooks/woocommerce/${conn}`, secret: WOO_WEBHOOK_SECRET });
      await h.conn(conn).control('PUT', '/woocommerce/settings', { deliveryDelayMs: 50 });
    }
  });
  after(() => h.close());

  test('a Shopify product reaches Rackbeat (number = SKU, price ex VAT) and e-conomic once; a variant without SKU is skipped with a reason', async () => {
    const product = await createShopifyProduct(HOLD, {
      title: 'Kaffekrus',
      variants: [
        { title: 'Hvid', sku: 'MUG-WHITE', price: '99.00', barcode: '5701234000031' },
        { title: 'Sort', sku: 'MUG-BLACK', price: '125.00' },
        { title: 'Prøve', sku: '', price: '10.00' },
      ],
    });
    const id = webshopProductWorkflowId(HOLD, 'shopify', product.id);
    const done = await waitFor(id, (s) => s.stage === 'DONE', 'done');
    assert.deepEqual(done.targetRefs, ['rackbeat:product:MUG-WHITE,MUG-BLACK']);
    assert.match(lastDetail(done), /skipped 'Kaffekrus - Prøve': no SKU in Shopify/);

    const { rackbeat, economic } = h.conn(HOLD);
    const white = await rackbeat.getProduct('MUG-WHITE');
    assert.deepEqual([white.number, white.name, white.sales_price, white.barcode, white.group_id], ['MUG-WHITE', 'Kaffekrus - Hvid', 79.2, '5701234000031', 1]);
    const black = await rackbeat.getProduct('MUG-BLACK');
    assert.deepEqual([black.name, black.sales_price], ['Kaffekrus - Sort', 100]);
    const inEconomic = await economic.getProduct('MUG-WHITE');
    assert.deepEqual([inEconomic.productNumber, inEconomic.name, inEconomic.salesPrice, inEconomic.productGroup.productGroupNumber, inEconomic.barCode], ['MUG-WHITE', 'Kaffekrus - Hvid', 79.2, 1, '5701234000031']);
    assert.equal((await economic.getProduct('MUG-BLACK')).salesPrice, 100);

    const writes = await rackbeatWrites(HOLD);
    assert.deepEqual(writes.map((w) => [w.method, w.query.suppress_webhooks]), [['POST', 'true'], ['POST', 'true']], 'two creates, each with webhooks suppressed');
    const economicBefore = await economicWrites(HOLD);
    assert.deepEqual(economicBefore.map((w) => [w.method, w.path]), [['POST', '/products'], ['POST', '/products']]);

    // Shopify delivers again (a retry of the same delivery): the next run finds everything in place.
    const [delivery] = (await shopifyDeliveries(HOLD, 'products/create')).filter((d) => d.body.includes('MUG-WHITE'));
    assert.ok(delivery);
    const firstRun = await runIdOf(id);
    const again = await redeliver(HOLD, delivery);
    assert.deepEqual(again, { status: 202, body: { status: 'accepted', workflowId: id } });
    const second = await waitFor(id, (s) => s.stage === 'DONE', 'done again', firstRun);
    assert.equal(lastDetail(second), "skipped 'Kaffekrus - Prøve': no SKU in Shopify; products MUG-WHITE, MUG-BLACK are up to date");
    assert.equal((await rackbeatWrites(HOLD)).length, 2, 'no Rackbeat write on re-delivery');
    assert.equal((await economicWrites(HOLD)).length, 2, 'no e-conomic write on re-delivery');
  });

  test('a price and name change in Shopify updates only the changed fields in Rackbeat and e-conomic', async () => {
    const product = await createShopifyProduct(HOLD, { title: 'Termokop', variants: [{ sku: 'THERMO-1', price: '200.00' }] });
    const id = webshopProductWorkflowId(HOLD, 'shopify', product.id);
    await waitFor(id, (s) => s.stage === 'DONE', 'done');
    const firstRun = await runIdOf(id);
    const variantId = product.variants[0]!.id;
    await shopifyAdmin(HOLD, 'PUT', `/products/${product.id}.json`, { product: { id: product.id, title: 'Termokop Deluxe', variants: [{ id: variantId, price: '250.00' }] } });
    const updated = await waitFor(id, (s) => s.stage === 'DONE', 'done after the change', firstRun);
    assert.match(lastDetail(updated), /updated Rackbeat product THERMO-1 \(name, sales_price\)/);
    assert.match(lastDetail(updated), /e-conomic product THERMO-1 updated \(name, salesPrice\)/);

    const inRackbeat = await h.conn(HOLD).rackbeat.getProduct('THERMO-1');
    assert.deepEqual([inRackbeat.name, inRackbeat.sales_price], ['Termokop Deluxe', 200]);
    const inEconomic = await h.conn(HOLD).economic.getProduct('THERMO-1');
    assert.deepEqual([inEconomic.name, inEconomic.salesPrice], ['Termokop Deluxe', 200]);
    const put = (await rackbeatWrites(HOLD)).filter((w) => w.method === 'PUT');
    assert.equal(put.length, 1);
  });

  test("a name Netvisor refuses holds the product with its code (productNames 'hold'); fixing the name in the shop lets it through", async () => {
    const product = await createShopifyProduct(HOLD, { title: 'Salt & Peber', variants: [{ sku: 'SALT-PEBER', price: '50.00' }] });
    const id = webshopProductWorkflowId(HOLD, 'shopify', product.id);
    const held = await waitFor(id, (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'WEBSHOP_PRODUCT_NAME_CHARACTERS');
    assert.equal(held.heldMessage, "Remove '&' from the name 'Salt & Peber' of product 'SALT-PEBER' in the webshop (Netvisor rejects that character), or set the webshop setting productNames to 'clean'.");
    await assert.rejects(h.conn(HOLD).rackbeat.getProduct('SALT-PEBER'), { name: 'NotFoundError' });

    await shopifyAdmin(HOLD, 'PUT', `/products/${product.id}.json`, { product: { id: product.id, title: 'Salt og peber' } });
    await waitFor(id, (s) => s.stage === 'DONE', 'done after the fix');
    assert.equal((await h.conn(HOLD).rackbeat.getProduct('SALT-PEBER')).name, 'Salt og peber');
    assert.equal((await h.conn(HOLD).economic.getProduct('SALT-PEBER')).name, 'Salt og peber');
  });

  test("with productNames 'clean' the refused characters are removed, and e-conomic and Netvisor get the clean name", async () => {
    const product = await createShopifyProduct(CLEAN, { title: 'Salt & Peber #2', variants: [{ sku: 'SALT-PEBER-2', price: '62.50' }] });
    const id = webshopProductWorkflowId(CLEAN, 'shopify', product.id);
    const done = await waitFor(id, (s) => s.stage === 'DONE', 'done');
    assert.match(lastDetail(done), /cleaned the name of SALT-PEBER-2 to 'Salt Peber 2'/);
    const { rackbeat, economic, netvisor } = systems(CLEAN);
    const inRackbeat = await rackbeat.getProduct('SALT-PEBER-2');
    assert.deepEqual([inRackbeat.name, inRackbeat.sales_price, inRackbeat.group_id], ['Salt Peber 2', 49.8, FINNISH_VAT_GROUP]);
    assert.equal((await economic!.getProduct('SALT-PEBER-2')).name, 'Salt Peber 2');
    const inNetvisor = await netvisor!.getProductByCode('SALT-PEBER-2');
    assert.deepEqual([inNetvisor.code, inNetvisor.name, inNetvisor.unitPrice], ['SALT-PEBER-2', 'Salt Peber 2', 49.8]);
  });

  test('a WooCommerce product reaches Rackbeat and e-conomic; a price change updates both', async () => {
    const created = await wooAdmin(HOLD, 'POST', '/products', { name: 'Te &amp; kage', type: 'simple', sku: 'TEA-CAKE', regular_price: '40.00' });
    assert.equal(created.status, 201, await created.clone().text());
    const { id: numericId, date_modified_gmt: modified } = (await created.json()) as { id: number; date_modified_gmt: string };
    const productId = String(numericId);
    const id = webshopProductWorkflowId(HOLD, 'woocommerce', productId);
    const held = await waitFor(id, (s) => s.stage === 'HELD', 'held on the decoded &');
    assert.equal(held.heldReason, 'WEBSHOP_PRODUCT_NAME_CHARACTERS');

    const heldRun = await runIdOf(id);
    // rackbridge keys WooCommerce deliveries by id and date_modified_gmt, which has whole seconds:
    // a change within the second of the creation would look like a repeat of its delivery.
    await eventually(async () => (new Date().toISOString().slice(0, 19) > modified ? true : undefined), 'the next second');
    const res = await wooAdmin(HOLD, 'PUT', `/products/${productId}`, { name: 'Te og kage', regular_price: '45.00' });
    assert.equal(res.status, 200);
    await waitFor(id, (s) => s.stage === 'DONE', 'done after the fix');
    assert.equal(await runIdOf(id), heldRun, 'the held run itself resumed on the change');
    const inRackbeat = await h.conn(HOLD).rackbeat.getProduct('TEA-CAKE');
    assert.deepEqual([inRackbeat.name, inRackbeat.sales_price, inRackbeat.group_id], ['Te og kage', 36, 1]);
    const inEconomic = await h.conn(HOLD).economic.getProduct('TEA-CAKE');
    assert.deepEqual([inEconomic.name, inEconomic.salesPrice], ['Te og kage', 36]);
  });

  test('a WooCommerce variable product: each variation becomes the Rackbeat product of its SKU, named after parent and options', async () => {
    const parent = (await (await wooAdmin(HOLD, 'POST', '/products', { name: 'Forklæde', type: 'variable' })).json()) as { id: number };
    const variationIds: number[] = [];
    for (const [option, sku] of [['Rød', 'APRON-RED'], ['Grøn', '']] as const) {
      const res = await wooAdmin(HOLD, 'POST', `/products/${parent.id}/variations`, { sku, regular_price: '150.00', attributes: [{ id: 1, name: 'Farve', option }] });
      assert.equal(res.status, 201, await res.clone().text());
      variationIds.push(((await res.json()) as { id: number }).id);
    }
    // WooCommerce fires product.created for the parent and for each variation (a variation read
    // alone carries its parent's name); each payload is built when delivered.
    const red = await waitFor(webshopProductWorkflowId(HOLD, 'woocommerce', String(variationIds[0])), (s) => s.stage === 'DONE', 'done');
    assert.deepEqual(red.targetRefs, ['rackbeat:product:APRON-RED']);
    const green = await waitFor(webshopProductWorkflowId(HOLD, 'woocommerce', String(variationIds[1])), (s) => s.stage === 'CANCELLED', 'skipped');
    assert.equal(lastDetail(green), "skipped 'Forklæde - Grøn': no SKU in WooCommerce");
    assert.equal((await h.conn(HOLD).rackbeat.getProduct('APRON-RED')).name, 'Forklæde - Rød');

    const parentId = webshopProductWorkflowId(HOLD, 'woocommerce', String(parent.id));
    await waitFor(parentId, (s) => s.stage === 'DONE', 'done (created)');
    const createdRun = await runIdOf(parentId);

    // Renaming the parent renames every variation's product.
    assert.equal((await wooAdmin(HOLD, 'PUT', `/products/${parent.id}`, { name: 'Forklæde, bomuld' })).status, 200);
    const done = await waitFor(parentId, (s) => s.stage === 'DONE', 'done after the rename', createdRun);
    assert.deepEqual(done.targetRefs, ['rackbeat:product:APRON-RED']);
    assert.equal(lastDetail(done), "skipped 'Forklæde, bomuld - Grøn': no SKU in WooCommerce; updated Rackbeat product APRON-RED (name); e-conomic product APRON-RED updated (name)");

    const inRackbeat = await h.conn(HOLD).rackbeat.getProduct('APRON-RED');
    assert.deepEqual([inRackbeat.name, inRackbeat.sales_price], ['Forklæde, bomuld - Rød', 120]);
    assert.equal((await h.conn(HOLD).economic.getProduct('APRON-RED')).name, 'Forklæde, bomuld - Rød');
  });

  test('an e-conomic refusal holds the product after Rackbeat was written; a retry completes it', async () => {
    await h.conn(HOLD).control('POST', '/faults', { system: 'economic', kind: 'status', status: 400, match: { method: 'POST', path: '^/products$' } });
    const product = await createShopifyProduct(HOLD, { title: 'Lysestage', variants: [{ sku: 'CANDLE-1', price: '300.00' }] });
    const id = webshopProductWorkflowId(HOLD, 'shopify', product.id);
    const held = await waitFor(id, (s) => s.stage === 'HELD', 'held');
    assert.equal(held.heldReason, 'ECONOMIC_REJECTED');
    assert.match(held.steps.at(-1)?.detail ?? '', /^created Rackbeat product CANDLE-1; write product CANDLE-1 to e-conomic$/);
    assert.equal((await h.conn(HOLD).rackbeat.getProduct('CANDLE-1')).sales_price, 240);
    await assert.rejects(h.conn(HOLD).economic.getProduct('CANDLE-1'), { name: 'NotFoundError' });
    const { faults } = await h.conn(HOLD).control<{ faults: { fired: number }[] }>('GET', '/faults');
    assert.deepEqual(faults.map((f) => f.fired), [1]);

    await h.temporal.env.client.workflow.getHandle(id).signal(entityRetrySignal);
    const done = await waitFor(id, (s) => s.stage === 'DONE', 'done after the retry');
    assert.equal(lastDetail(done), 'e-conomic product CANDLE-1 created');
    assert.equal((await h.conn(HOLD).economic.getProduct('CANDLE-1')).salesPrice, 240);
  });

  test('a product deleted in Shopify is skipped with its reason; Rackbeat and e-conomic keep it', async () => {
    const product = await createShopifyProduct(HOLD, { title: 'Udgået', variants: [{ sku: 'GONE-1', price: '20.00' }] });
    const id = webshopProductWorkflowId(HOLD, 'shopify', product.id);
    await waitFor(id, (s) => s.stage === 'DONE', 'done');
    const firstRun = await runIdOf(id);
    await shopifyAdmin(HOLD, 'DELETE', `/products/${product.id}.json`);
    const skipped = await waitFor(id, (s) => s.stage === 'CANCELLED', 'skipped', firstRun);
    assert.equal(lastDetail(skipped), `Shopify product ${product.id} was deleted in the shop; its Rackbeat and accounting products are left as they are`);
    assert.equal((await h.conn(HOLD).rackbeat.getProduct('GONE-1')).name, 'Udgået');
    assert.equal((await h.conn(HOLD).economic.getProduct('GONE-1')).name, 'Udgået');
  });

  test("with productMaster 'rackbeat' a shop product webhook is answered 200 ignored and starts nothing", async () => {
    const product = await createShopifyProduct(RACKBEAT_MASTER, { title: 'Ignoreret', variants: [{ sku: 'IGNORED-1', price: '10.00' }] });
    const [delivery] = await shopifyDeliveries(RACKBEAT_MASTER, 'products/create');
    assert.ok(delivery);
    assert.equal(delivery.attempts[0]?.status, 200);
    assert.deepEqual(await redeliver(RACKBEAT_MASTER, delivery), {
      status: 200,
      body: { status: 'ignored', reason: `no flow of connection ${RACKBEAT_MASTER} handles shopify products/create` },
    });
    await assert.rejects(status(webshopProductWorkflowId(RACKBEAT_MASTER, 'shopify', product.id)));
    await assert.rejects(h.conn(RACKBEAT_MASTER).rackbeat.getProduct('IGNORED-1'), { name: 'NotFoundError' });
  });
});
