import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Worker } from '@temporalio/worker';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import { ensureStockSchedules } from '../../src/temporal/stock-schedules';
import { WORKFLOWS_PATH } from '../../src/worker';
import { type StockStatus, stockReconcileScheduleId, stockStatusQuery, stockWorkflowId } from '../../src/workflows/stock/contract';
import { type LifecycleHarness, startLifecycleHarness } from '../helpers/lifecycle';
import { parseLossless } from '../helpers/shopify';
import { eventually } from '../helpers/temporal';
import { webshopConnection } from '../helpers/webshop-connection';

const CONN = 'stock';
/** A second connection (own simulators) whose workflow continues-as-new every two flushes. */
const CAN_CONN = 'stock-can';
/** In both sandbox shops; LAMP-RED is a WooCommerce variation. */
const SHARED = ['CHAIR-01', 'DESK/120', 'LAMP-RED'];
/** Known to Rackbeat only. */
const RACKBEAT_ONLY = 'HYLLY-80';

describe('F4 stock: Rackbeat available quantity → Shopify and WooCommerce (real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  const conn = () => h.conn(CONN);
  const sandboxUrl = () => conn().connection.shopify!.baseUrl.replace(/\/shopify$/, '');

  const shopifyStock = async (sku: string): Promise<number | undefined> => {
    const res = await fetch(`${sandboxUrl()}/_sandbox/shopify/stock?sku=${encodeURIComponent(sku)}`);
    const body = parseLossless(await res.text()) as { stock: Array<{ available: number }> };
    return body.stock[0]?.available;
  };
  const wooStock = async (sku: string): Promise<number | null | undefined> => (await conn().control<{ stock: Array<{ stock_quantity: number | null }> }>('GET', `/woocommerce/stock?sku=${encodeURIComponent(sku)}`)).stock[0]?.stock_quantity;
  const rackbeatAvailable = async (sku: string): Promise<number> => (await conn().rackbeat.getProduct(sku)).available_quantity;
  const setRackbeatStock = (sku: string, quantity: number) => conn().rackbeat.updateProduct(sku, { stock_quantity: quantity });
  const status = (): Promise<StockStatus> => h.temporal.env.client.workflow.getHandle(stockWorkflowId(CONN)).query(stockStatusQuery);
  const requests = async (system: string): Promise<LoggedRequest[]> => (parseLossless(await (await fetch(`${sandboxUrl()}/_sandbox/requests?system=${system}`)).text()) as { requests: LoggedRequest[] }).requests;

  /** Waits until both shops hold Rackbeat's available quantity for every SKU. */
  const converged = (skus: readonly string[]) => {
    let last = '';
    return eventually(
      async () => {
        const rows = await Promise.all(skus.map(async (sku) => ({ sku, rackbeat: await rackbeatAvailable(sku), shopify: await shopifyStock(sku), woo: await wooStock(sku) })));
        last = JSON.stringify(rows);
        return rows.every((r) => r.shopify === r.rackbeat && r.woo === r.rackbeat) ? rows : undefined;
      },
      async () => `both shops to hold Rackbeat's stock; last: ${last}; stock workflow: ${JSON.stringify(await status().then((s) => ({ lanes: s.lanes, lastReconcile: s.lastReconcile, steps: s.steps.slice(-8) })).catch((err: unknown) => String(err)))}`,
      60_000,
    );
  };

  /** Write requests per SKU: Shopify `inventorySetQuantities` (by inventory item) and WooCommerce batch POSTs. */
  const writesPerSku = async (): Promise<Map<string, number[]>> => {
    const itemToSku = new Map<string, string>();
    for (const sku of [...SHARED, RACKBEAT_ONLY]) {
      const body = parseLossless(await (await fetch(`${sandboxUrl()}/_sandbox/shopify/stock?sku=${encodeURIComponent(sku)}`)).text()) as { stock: Array<{ inventory_item_id: string | number }> };
      for (const s of body.stock) itemToSku.set(String(s.inventory_item_id), sku);
    }
    const wooIdToSku = new Map<number, string>();
    for (const sku of SHARED) for (const s of (await conn().control<{ stock: Array<{ id: number }> }>('GET', `/woocommerce/stock?sku=${encodeURIComponent(sku)}`)).stock) wooIdToSku.set(s.id, sku);
    const times = new Map<string, number[]>();
    const add = (key: string, at: string) => times.set(key, [...(times.get(key) ?? []), Date.parse(at)]);
    for (const r of await requests('shopify')) {
      const body = r.body as { query?: string; variables?: { input?: { quantities?: Array<{ inventoryItemId: string }> } } } | undefined;
      if (!body?.query?.includes('inventorySetQuantities')) continue;
      for (const q of body.variables?.input?.quantities ?? []) add(`shopify:${itemToSku.get(q.inventoryItemId.split('/').pop() ?? '') ?? q.inventoryItemId}`, r.at);
    }
    for (const r of await requests('woocommerce')) {
      if (r.method !== 'POST' || !/\/batch$/.test(r.path)) continue;
      for (const u of (r.body as { update?: Array<{ id: number }> }).update ?? []) add(`woocommerce:${wooIdToSku.get(u.id) ?? u.id}`, r.at);
    }
    return times;
  };

  before(async () => {
    h = await startLifecycleHarness([
      { id: CONN, customise: webshopConnection() },
      { id: CAN_CONN, customise: webshopConnection() },
    ]);
  });
  after(() => h.close());

  test('a burst of Rackbeat stock changes ends with both shops holding the last value of every SKU', async () => {
    for (let round = 1; round <= 5; round++) {
      for (const [i, sku] of SHARED.entries()) await setRackbeatStock(sku, 10 * round + i);
    }
    await setRackbeatStock(RACKBEAT_ONLY, 3);
    const rows = await converged(SHARED);
    assert.deepEqual(
      rows.map((r) => [r.sku, r.shopify, r.woo]),
      [
        ['CHAIR-01', 50, 50],
        ['DESK/120', 51, 51],
        ['LAMP-RED', 52, 52],
      ],
    );
    const s = await eventually(async () => {
      const current = await status();
      return current.lanes.every((l) => l.pending === 0 && l.unknownSkus.includes(RACKBEAT_ONLY)) ? current : undefined;
    }, 'the SKU no shop has to be listed as unknown');
    assert.deepEqual(s.lanes.map((l) => [l.shop, l.unknownSkus, l.lastError]).sort(), [
      ['shopify', [RACKBEAT_ONLY], undefined],
      ['woocommerce', [RACKBEAT_ONLY], undefined],
    ]);
    assert.equal(s.flow, 'stock');
  });

  test('under a throttling Shopify it converges, writes no SKU twice within a second, and retries with the same idempotency key', async () => {
    await fetch(`${sandboxUrl()}/_sandbox/requests`, { method: 'DELETE' });
    await conn().control('PUT', '/shopify/settings', { graphqlMaximumAvailable: 40, graphqlRestoreRate: 5, restBucketSize: 2, restLeakPerSecond: 1 });
    // One guaranteed 429 on the next GraphQL call, on top of whatever the small buckets refuse.
    await conn().control('POST', '/faults', { system: 'shopify', kind: 'rate-limit', match: { method: 'POST', path: 'graphql' }, retryAfterSeconds: 1 });
    for (let round = 1; round <= 6; round++) {
      for (const [i, sku] of SHARED.entries()) await setRackbeatStock(sku, 100 + 7 * round + i);
    }
    const rows = await converged(SHARED);
    assert.deepEqual(rows.map((r) => r.shopify), [142, 143, 144], 'the last Rackbeat value won');
    assert.deepEqual((await conn().control<{ pending: unknown[] }>('GET', '/faults')).pending, [], 'the queued 429 fired');

    const times = await writesPerSku();
    assert.ok([...times.keys()].some((k) => k.startsWith('shopify:')) && [...times.keys()].some((k) => k.startsWith('woocommerce:')), `writes seen: ${[...times.keys()].join(', ')}`);
    for (const [key, at] of times) {
      const sorted = [...at].sort((a, b) => a - b);
      const tooClose = sorted.slice(1).filter((t, i) => t - sorted[i]! < 1000);
      assert.deepEqual(tooClose, [], `${key} was written more than once within a second: ${sorted.map((t) => new Date(t).toISOString()).join(', ')}`);
    }
    // Every refused GraphQL call was sent again, identical (for a write: with the same idempotency key), and then answered.
    const graphql = (await requests('shopify')).filter((r) => r.path.endsWith('/graphql.json'));
    const refused = graphql.filter((r) => r.status === 429);
    assert.ok(refused.length >= 1, 'the simulator refused at least one call');
    for (const r of refused) {
      const again = graphql.filter((g) => g.seq > r.seq && g.status === 200 && JSON.stringify(g.body) === JSON.stringify(r.body));
      assert.ok(again.length >= 1, `refused call ${r.seq} was retried identically`);
    }
    await conn().control('PUT', '/shopify/settings', { graphqlMaximumAvailable: 1000, graphqlRestoreRate: 100, restBucketSize: 40, restLeakPerSecond: 2 });
  });

  test('the scheduled reconcile repairs stock changed directly in the shops', async () => {
    await fetch(`${sandboxUrl()}/_sandbox/shopify/stock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'CHAIR-01', available: 999 }) });
    const woo = new WooCommerceClient({ baseUrl: `${sandboxUrl()}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
    const [desk] = await woo.findProductsBySku('DESK/120');
    await woo.batchUpdateStock([{ productId: desk!.productId, quantity: 777 }]);
    assert.deepEqual([await shopifyStock('CHAIR-01'), await wooStock('DESK/120')], [999, 777]);

    // Every pair the reconcile should find: stocked Rackbeat products the shop has, with another quantity.
    const drifted: string[] = [];
    for (const product of (await conn().rackbeat.listProducts({ limit: 200 })).items) {
      if (product.group?.has_inventory === false) continue; // services: no stock to push
      const [shopify, woo] = [await shopifyStock(product.number), await wooStock(product.number)];
      if (shopify !== undefined && shopify !== product.available_quantity) drifted.push(`shopify:${product.number}`);
      if (woo !== undefined && woo !== product.available_quantity) drifted.push(`woocommerce:${product.number}`);
    }
    assert.ok(drifted.includes('shopify:CHAIR-01') && drifted.includes('woocommerce:DESK/120'), drifted.join(', '));

    const ensured = await ensureStockSchedules(h.temporal.env.client, [conn().connection]);
    assert.deepEqual(ensured, [{ connectionId: CONN, scheduleId: stockReconcileScheduleId(CONN), action: 'created', everyMs: 3_600_000 }]);
    await h.temporal.env.client.schedule.getHandle(stockReconcileScheduleId(CONN)).trigger();

    const rows = await converged(SHARED);
    assert.deepEqual(rows.map((r) => [r.sku, r.shopify, r.woo]), [
      ['CHAIR-01', 142, 142],
      ['DESK/120', 143, 143],
      ['LAMP-RED', 144, 144],
    ]);
    const s = await eventually(async () => ((await status()).lastReconcile ? await status() : undefined), 'the reconcile to be recorded');
    assert.equal(s.lastReconcile?.queued, drifted.length, `queued exactly the drifted pairs: ${drifted.join(', ')}`);
    await converged(drifted.map((d) => d.slice(d.indexOf(':') + 1)).filter((sku, i, all) => all.indexOf(sku) === i && SHARED.includes(sku)));
    assert.deepEqual(await ensureStockSchedules(h.temporal.env.client, [conn().connection]), [{ connectionId: CONN, scheduleId: stockReconcileScheduleId(CONN), action: 'updated', everyMs: 3_600_000 }]);
    await h.temporal.env.client.schedule.getHandle(stockReconcileScheduleId(CONN)).delete();
  });
  test('continue-as-new carries pending SKUs, counters and what the shops hold', async () => {
    const can = h.conn(CAN_CONN);
    const client = h.temporal.env.client;
    const started = await client.workflow.start('stockSync', { workflowId: stockWorkflowId(CAN_CONN), taskQueue: 'rackbridge', args: [{ connectionId: CAN_CONN, shops: ['shopify', 'woocommerce'], maxFlushesPerRun: 2 }] });
    const shopifyOf = async (sku: string) => (parseLossless(await (await fetch(`${can.connection.shopify!.baseUrl.replace(/\/shopify$/, '')}/_sandbox/shopify/stock?sku=${encodeURIComponent(sku)}`)).text()) as { stock: Array<{ available: number }> }).stock[0]?.available;
    const wooOf = async (sku: string) => (await can.control<{ stock: Array<{ stock_quantity: number | null }> }>('GET', `/woocommerce/stock?sku=${encodeURIComponent(sku)}`)).stock[0]?.stock_quantity;
    for (const quantity of [5, 6, 7]) {
      for (const sku of SHARED) await can.rackbeat.updateProduct(sku, { stock_quantity: quantity });
      await eventually(async () => {
        const values = await Promise.all(SHARED.flatMap((sku) => [shopifyOf(sku), wooOf(sku)]));
        return values.every((v) => v === quantity) ? values : undefined;
      }, `both shops of ${CAN_CONN} at ${quantity}`, 60_000);
    }
    const handle = client.workflow.getHandle(stockWorkflowId(CAN_CONN));
    const described = await handle.describe();
    assert.notEqual(described.runId, started.firstExecutionRunId, 'the workflow continued as new');
    assert.equal(described.status.name, 'RUNNING');
    const s = await handle.query(stockStatusQuery);
    assert.ok(s.flushes >= 3, `flush rounds counted across runs: ${s.flushes}`);
    assert.deepEqual(s.lanes.map((l) => [l.shop, l.pending, l.written >= 6]).sort(), [
      ['shopify', 0, true],
      ['woocommerce', 0, true],
    ]);
    // The first run (signals, timers, activities, continue-as-new) replays on the current code.
    const firstRun = await client.workflow.getHandle(stockWorkflowId(CAN_CONN), started.firstExecutionRunId).fetchHistory();
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, firstRun, stockWorkflowId(CAN_CONN));
  });
  test('the schedule starts stock:{conn} with a reconcile when it is not running', async () => {
    const client = h.temporal.env.client;
    await client.workflow.getHandle(stockWorkflowId(CONN)).terminate('test: the stock workflow is not running');
    await fetch(`${sandboxUrl()}/_sandbox/shopify/stock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'LAMP-RED', available: 1 }) });
    await ensureStockSchedules(client, [conn().connection]);
    await client.schedule.getHandle(stockReconcileScheduleId(CONN)).trigger();
    const rows = await converged(SHARED);
    assert.deepEqual(rows.map((r) => r.shopify), [142, 143, 144]);
    const described = await client.workflow.getHandle(stockWorkflowId(CONN)).describe();
    assert.equal(described.status.name, 'RUNNING');
    assert.equal((await status()).lastReconcile?.queued, 1, 'the started workflow ran the reconcile it was started with');
    await client.schedule.getHandle(stockReconcileScheduleId(CONN)).delete();
  });
  test('a shop level changed behind its back makes the changeFromQuantity compare-and-swap fail once; the next flush re-reads and wins', async () => {
    await setRackbeatStock('CHAIR-01', 150);
    await converged(['CHAIR-01']);
    await fetch(`${sandboxUrl()}/_sandbox/requests`, { method: 'DELETE' });
    await fetch(`${sandboxUrl()}/_sandbox/shopify/stock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'CHAIR-01', available: 3 }) });
    await setRackbeatStock('CHAIR-01', 151);
    await converged(['CHAIR-01']);
    const writes = (await requests('shopify'))
      .map((r) => r.body as { query?: string; variables?: { input?: { quantities?: Array<{ quantity: number; changeFromQuantity?: number | null; compareQuantity?: number }> } } } | undefined)
      .filter((b) => b?.query?.includes('inventorySetQuantities'))
      .map((b) => b?.variables?.input?.quantities?.map((q) => [q.quantity, q.changeFromQuantity, 'compareQuantity' in q]));
    assert.deepEqual(writes, [[[151, 150, false]], [[151, 3, false]]], 'first against what rackbridge wrote (stale), then against the level read again');
  });
});
