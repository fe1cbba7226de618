import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ClientRegistry, type ConnectionClients } from '../../src/activities/clients';
import { ensureWebshopSchedules } from '../../src/temporal/webshop-schedules';
import { registerWebshopWebhooks, SHOPIFY_ORDER_TOPICS as SHOPIFY_ORDER_ONLY, SHOPIFY_REFUND_TOPICS, WOO_ORDER_TOPICS, webshopWebhookUrl } from '../../src/activities/webshop/subscriptions';

import type { WebshopReconcileResult } from '../../src/workflows/reconcile/contract';
import { DEFAULT_CLOCK_MARGIN_MS } from '../../src/domain/reconcile/decide';
import { entityStatusQuery } from '../../src/workflows/common/entity-messages';
import { webshopOrderWorkflowId, type WebshopSource } from '../../src/workflows/webshop/contract';
import { webshopRefundWorkflowId } from '../../src/workflows/webshop/refund-contract';
import { type LifecycleHarness, startLifecycleHarness } from '../helpers/lifecycle';
import { webshopReconciler } from '../helpers/reconcile';
import { parseLossless } from '../helpers/shopify';
import { eventually, freePort } from '../helpers/temporal';
import { webshopConnection } from '../helpers/webshop-connection';

// The harness connection has e-conomic, so refunds are subscribed too.
const SHOPIFY_ORDER_TOPICS = [...SHOPIFY_ORDER_ONLY, ...SHOPIFY_REFUND_TOPICS];

const CONN = 'shop';

interface WooWebhookState {
  id: number;
  status: string;
  topic: string;
  delivery_url: string;
  failure_count: number;
}

describe('webshop reconcile: nothing missed when a delivery is lost (real dev server, real simulators)', () => {
  let h: LifecycleHarness;
  let shops: ConnectionClients;
  const conn = () => h.conn(CONN);
  const client = () => h.temporal.env.client;
  const sandbox = () => conn().connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const ourUrl = (source: WebshopSource) => webshopWebhookUrl(h.webhookBase, source, CONN);
  const deadUrl = async (source: WebshopSource) => `http://127.0.0.1:${await freePort()}/webhooks/${source}/${CONN}`;
  const register = () => registerWebshopWebhooks({ connection: conn().connection, shops, publicUrl: h.webhookBase });
  const wooState = async () => (await conn().control<{ webhooks: WooWebhookState[] }>('GET', '/woocommerce/webhooks-state')).webhooks;
  const runReconcile = webshopReconciler(client, CONN, ['shopify', 'woocommerce'], () => h.webhookBase);
  const counts = (result: WebshopReconcileResult, source: WebshopSource) => {
    const r = result.sources[source];
    assert.ok(r && !('error' in r), `${source} reconciled: ${JSON.stringify(r)}`);
    const { since: _since, ...rest } = r;
    return rest;
  };
  const rackbeatOrdersFor = async (sourceRef: string) => (await conn().rackbeat.listOrders({ search: sourceRef, limit: 50 })).items.filter((o) => o.heading?.includes(`[${sourceRef}]`));
  const waitDone = (workflowId: string) =>
    eventually(async () => ((await client().workflow.getHandle(workflowId).query(entityStatusQuery)).stage === 'DONE' ? true : undefined), `${workflowId} to be DONE`, 30_000);
  /** The reconcile skips a transfer only once its read is clearly after the change (shop clocks, whole seconds). */
  const waitPast = async (ms: number) => {
    while (Date.now() <= ms) await new Promise((r) => setTimeout(r, 100));
  };
  const placeShopify = async (body: unknown): Promise<{ id: string; updated_at: string }> => {
    const res = await fetch(`${sandbox()}/_sandbox/shopify/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.clone().text());
    return (parseLossless(await res.text()) as { order: { id: string; updated_at: string } }).order;
  };

  before(async () => {
    h = await startLifecycleHarness([{ id: CONN, customise: webshopConnection({ orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { customerGroup: 3, locale: 'da' } }) }]);
    shops = new ClientRegistry([conn().connection]).get(CONN);
    await conn().control('PUT', '/woocommerce/settings', { deliveryDelayMs: 50 });
  });
  after(() => h.close());

  test('registration subscribes each order topic once, and running it again keeps them', async () => {
    const first = await register();
    assert.deepEqual(
      first.map((c) => `${c.source} ${c.topic}:${c.action}`),
      [...SHOPIFY_ORDER_TOPICS.map((t) => `shopify ${t}:created`), ...WOO_ORDER_TOPICS.map((t) => `woocommerce ${t}:created`)],
    );
    const second = await register();
    assert.deepEqual(second.map((c) => c.action), new Array<string>(first.length).fill('kept'));
    const shopify = await shops.shopify!.listWebhooks();
    assert.deepEqual(shopify.map((w) => `${w.topic} ${w.address}`).sort(), SHOPIFY_ORDER_TOPICS.map((t) => `${t} ${ourUrl('shopify')}`).sort());
    const woo = await wooState();
    assert.deepEqual(woo.map((w) => `${w.topic} ${w.status} ${w.delivery_url}`).sort(), WOO_ORDER_TOPICS.map((t) => `${t} active ${ourUrl('woocommerce')}`).sort());
  });

  test('a disabled WooCommerce webhook is re-activated; our Shopify subscription at an old address is recreated, a foreign one left alone', async () => {
    const updated = (await wooState()).find((w) => w.topic === 'order.updated')!;
    await shops.woocommerce!.updateWebhook(updated.id, { status: 'disabled' });
    const edited = (await shops.shopify!.listWebhooks()).find((w) => w.topic === 'orders/edited')!;
    await shops.shopify!.deleteWebhook(edited.id);
    await shops.shopify!.createWebhook({ topic: 'orders/edited', address: `http://old-host.invalid/webhooks/shopify/${CONN}` });
    const foreign = await shops.shopify!.createWebhook({ topic: 'orders/edited', address: 'http://127.0.0.1:9/someone-else' });

    const changes = (await register()).filter((c) => c.action !== 'kept');
    assert.deepEqual(changes, [
      { source: 'shopify', topic: 'orders/edited', action: 'recreated', detail: 'pointed at old-host.invalid' },
      { source: 'woocommerce', topic: 'order.updated', action: 'updated', detail: 'was disabled' },
    ]);
    const after = (await wooState()).find((w) => w.id === updated.id)!;
    assert.deepEqual({ status: after.status, failure_count: after.failure_count, delivery_url: after.delivery_url }, { status: 'active', failure_count: 0, delivery_url: ourUrl('woocommerce') });
    const editedNow = (await shops.shopify!.listWebhooks()).filter((w) => w.topic === 'orders/edited').map((w) => w.address);
    assert.deepEqual(editedNow.sort(), ['http://127.0.0.1:9/someone-else', ourUrl('shopify')].sort());
    await shops.shopify!.deleteWebhook(foreign.id);
  });

  test('a twin subscription (what a create with a lost answer leaves) is deleted by the next run, one per topic remains', async () => {
    // Shopify refuses a second identical topic + address, so a Shopify twin differs only by a stale address of ours.
    await shops.shopify!.createWebhook({ topic: 'orders/paid', address: `http://old-host.invalid/webhooks/shopify/${CONN}` });
    const created = (await wooState()).find((w) => w.topic === 'order.created')!;
    await shops.woocommerce!.createWebhook({ topic: 'order.created', delivery_url: ourUrl('woocommerce'), secret: 'twin', name: 'twin', status: 'active' });
    const changes = (await register()).filter((c) => c.action !== 'kept');
    assert.deepEqual(changes, [
      { source: 'shopify', topic: 'orders/paid', action: 'deleted-duplicate' },
      { source: 'woocommerce', topic: 'order.created', action: 'deleted-duplicate' },
    ]);
    assert.deepEqual((await shops.shopify!.listWebhooks()).filter((w) => w.topic === 'orders/paid').map((w) => w.address), [ourUrl('shopify')]);
    assert.deepEqual((await wooState()).filter((w) => w.topic === 'order.created').map((w) => w.id), [created.id], 'the well-named original is kept, the twin deleted');
  });

  test('WooCommerce orders whose deliveries failed (webhook then disabled, never re-sent) reach Rackbeat once through the reconcile', async () => {
    await conn().control('PUT', '/woocommerce/settings', { maxDeliveryFailures: 0 });
    const dead = await deadUrl('woocommerce');
    for (const w of await wooState()) await shops.woocommerce!.updateWebhook(w.id, { delivery_url: dead });
    const place = (email: string) =>
      conn().control<{ id: number; date_modified_gmt: string }>('POST', '/woocommerce/orders', { lines: [{ sku: 'BOOK-DK', quantity: 1 }], status: 'processing', billing: { email, first_name: 'Tabt', last_name: 'Levering' } });
    const orders = [await place('tabt.1@example.dk'), await place('tabt.2@example.dk')];
    await conn().control('POST', '/woocommerce/deliveries/flush');
    await conn().control('POST', '/woocommerce/deliveries/wait');

    const { deliveries } = await conn().control<{ deliveries: { resource_id: number; state: string }[] }>('GET', '/woocommerce/deliveries');
    const ours = deliveries.filter((d) => orders.some((o) => o.id === d.resource_id));
    assert.ok(ours.length >= 2 && ours.every((d) => d.state === 'failed'), `every delivery failed: ${JSON.stringify(ours)}`);
    assert.deepEqual((await wooState()).filter((w) => w.topic === 'order.created' || w.topic === 'order.updated').map((w) => w.status), ['disabled', 'disabled']);
    for (const o of orders) await assert.rejects(client().workflow.getHandle(webshopOrderWorkflowId(CONN, 'woocommerce', String(o.id))).describe(), WorkflowNotFoundError);

    await waitPast(Math.max(...orders.map((o) => Date.parse(`${o.date_modified_gmt}Z`))) + 1_000 + DEFAULT_CLOCK_MARGIN_MS);
    const first = await runReconcile();
    assert.deepEqual(counts(first, 'woocommerce'), { basis: 'first-run', listed: 2, started: 2, woken: 0, rerun: 0, skipped: 0, ignored: 0 });
    for (const o of orders) await waitDone(webshopOrderWorkflowId(CONN, 'woocommerce', String(o.id)));
    for (const o of orders) assert.equal((await rackbeatOrdersFor(`woocommerce:${o.id}`)).length, 1, `one Rackbeat order for woocommerce:${o.id}`);
    assert.ok(Array.isArray(first.webhooks) && first.webhooks.includes('woocommerce order.created:updated (was disabled, pointed elsewhere)'), JSON.stringify(first.webhooks));
    const reactivated = await wooState();
    assert.deepEqual(new Set(reactivated.map((w) => `${w.status} ${w.failure_count} ${w.delivery_url}`)), new Set([`active 0 ${ourUrl('woocommerce')}`]));

    const second = await runReconcile();
    assert.deepEqual(counts(second, 'woocommerce'), { basis: 'checkpoint', listed: 2, started: 0, woken: 0, rerun: 0, skipped: 2, ignored: 0 });
    for (const o of orders) assert.equal((await rackbeatOrdersFor(`woocommerce:${o.id}`)).length, 1, `still one Rackbeat order for woocommerce:${o.id}`);
  });

  test('a Shopify order whose retries were exhausted reaches Rackbeat once when the schedule is triggered', async () => {
    await conn().control('PUT', '/shopify/settings', { webhookRetryDelaysMs: [20, 20] });
    const dead = await deadUrl('shopify');
    for (const w of await shops.shopify!.listWebhooks()) {
      await shops.shopify!.deleteWebhook(w.id);
      await shops.shopify!.createWebhook({ topic: w.topic, address: dead });
    }
    const placed = await placeShopify({ lines: [{ sku: 'BOOK-DK', quantity: 1 }], financial_status: 'paid', email: 'shopify.tabt@example.dk' });
    const id = String(placed.id);
    const failed = await eventually(async () => {
      const { deliveries } = await conn().control<{ deliveries: { address: string; state: string; attempts: unknown[] }[] }>('GET', '/shopify/deliveries');
      const mine = deliveries.filter((d) => d.address === dead);
      return mine.length > 0 && mine.every((d) => d.state === 'failed') ? mine : undefined;
    }, 'Shopify to give up on every delivery');
    assert.ok(failed.every((d) => d.attempts.length === 3), 'first attempt plus the two retries');
    await assert.rejects(client().workflow.getHandle(webshopOrderWorkflowId(CONN, 'shopify', id)).describe(), WorkflowNotFoundError);

    const schedules = await ensureWebshopSchedules(client(), [conn().connection], { publicUrl: h.webhookBase });
    assert.deepEqual(schedules, [{ connectionId: CONN, scheduleId: 'webshop-reconcile:shop', action: 'created' }]);
    assert.deepEqual((await ensureWebshopSchedules(client(), [conn().connection], { publicUrl: h.webhookBase })).map((s) => s.action), ['updated']);
    const schedule = client().schedule.getHandle('webshop-reconcile:shop');
    const described = await schedule.describe();
    assert.equal(described.policies.overlap, 'SKIP');
    assert.deepEqual(described.spec.intervals?.map((i) => i.every), [300_000], 'every 5 minutes');
    assert.equal(described.action.workflowType, 'webshopReconcile');

    await waitPast(Date.parse(placed.updated_at) + 1_000 + DEFAULT_CLOCK_MARGIN_MS);
    await schedule.trigger();
    await waitDone(webshopOrderWorkflowId(CONN, 'shopify', id));
    assert.equal((await rackbeatOrdersFor(`shopify:${id}`)).length, 1);
    const run = await eventually(async () => {
      for await (const wf of client().workflow.list({ query: `TemporalScheduledById = 'webshop-reconcile:shop' AND ExecutionStatus = 'Completed'` })) return wf;
      return undefined;
    }, 'the triggered reconcile to complete');
    const triggered = (await client().workflow.getHandle(run.workflowId, run.runId).result()) as WebshopReconcileResult;
    assert.deepEqual(counts(triggered, 'shopify'), { basis: 'checkpoint', listed: 1, started: 1, woken: 0, rerun: 0, skipped: 0, ignored: 0 });
    const subscriptions = await shops.shopify!.listWebhooks();
    assert.deepEqual(subscriptions.map((w) => `${w.topic} ${w.address}`).sort(), SHOPIFY_ORDER_TOPICS.map((t) => `${t} ${ourUrl('shopify')}`).sort(), 'moved back to the receiver');
    await schedule.delete();

    const again = await runReconcile();
    assert.deepEqual(counts(again, 'shopify'), { basis: 'checkpoint', listed: 1, started: 0, woken: 0, rerun: 0, skipped: 1, ignored: 0 });
    assert.equal((await rackbeatOrdersFor(`shopify:${id}`)).length, 1, 'still one Rackbeat order');
  });
  test('a WooCommerce refund whose order.updated was lost reaches its order through the reconcile: its refund transfer is started as the receiver would', async () => {
    const placed = await conn().control<{ id: number }>('POST', '/woocommerce/orders', { lines: [{ sku: 'BOOK-DK', quantity: 2 }], status: 'processing', billing: { email: 'tabt.retur@example.dk', first_name: 'Tabt', last_name: 'Retur' } });
    await waitDone(webshopOrderWorkflowId(CONN, 'woocommerce', String(placed.id)));
    await conn().control('PUT', '/woocommerce/settings', { maxDeliveryFailures: 0 });
    const dead = await deadUrl('woocommerce');
    for (const w of await wooState()) await shops.woocommerce!.updateWebhook(w.id, { delivery_url: dead });
    const { refund, order } = await conn().control<{ refund: { id: number }; order: { date_modified_gmt: string } }>('POST', `/woocommerce/orders/${placed.id}/refunds`, { lines: [{ sku: 'BOOK-DK', quantity: 1 }], reason: 'tabt levering' });
    await conn().control('POST', '/woocommerce/deliveries/flush');
    await conn().control('POST', '/woocommerce/deliveries/wait');
    const refundWorkflow = webshopRefundWorkflowId(CONN, 'woocommerce', String(refund.id));
    await assert.rejects(client().workflow.getHandle(refundWorkflow).describe(), WorkflowNotFoundError, 'the delivery was lost');

    await waitPast(Date.parse(`${order.date_modified_gmt}Z`) + 1_000 + DEFAULT_CLOCK_MARGIN_MS);
    await runReconcile();
    await waitDone(refundWorkflow);
    const status = await client().workflow.getHandle(refundWorkflow).query(entityStatusQuery);
    assert.match(status.steps.find((st) => st.name === 'hand refund to the order')?.detail ?? '', new RegExp(`refund ${refund.id} of #${placed.id} handed to the transfer of Rackbeat order \\d+`));
  });
});
