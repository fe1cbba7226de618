import { findRackbeatOrder } from '../../src/activities/webshop-order-plan';
import { ShopifyClient } from '../../src/connectors/shopify';
import { webshopSourceRef } from '../../src/domain/webshop';
import { parseShopifyJson } from '../../src/connectors/shopify/json';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify/credentials';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { netvisorDocumentWorkflowId } from '../../src/workflows/netvisor/contract';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { stockWorkflowId } from '../../src/workflows/stock/contract';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { webshopProductWorkflowId } from '../../src/workflows/webshop-product/contract';
import { type LifecycleHarness, shipOrder } from '../helpers/lifecycle';
import { netvisorConnection } from '../helpers/netvisor-connection';
import { eventually } from '../helpers/temporal';
import { transferWatcher } from '../helpers/transfers';
import { webshopConnection } from '../helpers/webshop-connection';
import type { OrderScenario } from './order-scenarios';

/*
 * Scenarios of the one-document transfers (Netvisor, webshop orders) and of the order lifecycle's
 * fulfilment step, recorded and replayed like the order scenarios.
 */

async function waitEntity(h: LifecycleHarness, workflowId: string, done: (s: TransferStatus) => boolean): Promise<void> {
  await transferWatcher(h.temporal.env.client).waitFor(workflowId, done, 'to settle');
}

async function subscribeShopify(h: LifecycleHarness, c: string): Promise<ShopifyClient> {
  const shopify = new ShopifyClient({ baseUrl: h.conn(c).connection.shopify!.baseUrl, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
  const existing = (await shopify.listWebhooks()).map((w) => w.topic);
  for (const topic of ['orders/create', 'orders/paid', 'orders/updated']) if (!existing.includes(topic)) await shopify.createWebhook({ topic, address: `${h.webhookBase}/webhooks/shopify/${c}` });
  return shopify;
}

async function placeShopifyOrder(h: LifecycleHarness, c: string, body: unknown): Promise<string> {
  const base = h.conn(c).connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const res = await fetch(`${base}/_sandbox/shopify/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return String((parseShopifyJson(await res.text()) as { order: { id: string } }).order.id);
}

const shopSettings = { orderTrigger: 'paid' as const, roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, customerGroup: 3, locale: 'da' } };

/** A paid Shopify order of lamps through Rackbeat, shipped, until its order lifecycle is done with the step `until`. */
async function paidShopifyOrderShipped(h: LifecycleHarness, c: string, order: { quantity: number; email: string; until: string }): Promise<string> {
  await subscribeShopify(h, c);
  const id = await placeShopifyOrder(h, c, { lines: [{ sku: 'LAMP-RED', quantity: order.quantity }], financial_status: 'paid', email: order.email });
  await waitEntity(h, webshopOrderWorkflowId(c, 'shopify', id), (s) => s.stage === 'DONE');
  // The order whose heading names this shop order (a search for `shopify:1` also finds `shopify:10…`).
  const found = await findRackbeatOrder(h.conn(c).rackbeat, webshopSourceRef('shopify', id));
  if (!found) throw new Error(`no Rackbeat order for Shopify order ${id}`);
  const n = found.number;
  await h.waitFor(c, n, 'WAITING', (s) => s.targetRefs.length > 0);
  await shipOrder(h.conn(c).rackbeat, n);
  await h.waitFor(c, n, 'DONE', (s) => s.steps.some((st) => st.name === order.until));
  // Recorded once the run has closed, so every recording holds the whole history.
  await h.client.workflow.getHandle(orderWorkflowId(c, n)).result();
  return orderWorkflowId(c, n);
}

/** One chair ordered, booked and shipped in Rackbeat, to its booked e-conomic invoice. */
async function oneChairShipped(h: LifecycleHarness, c: string): Promise<string> {
  const { rackbeat } = h.conn(c);
  const order = await rackbeat.createOrder({ customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 1 }] });
  await rackbeat.bookOrder(order.number);
  await h.waitFor(c, order.number, 'WAITING', (s) => s.targetRefs.length > 0);
  await shipOrder(rackbeat, order.number);
  await h.waitFor(c, order.number, 'DONE');
  return orderWorkflowId(c, order.number);
}

export const TRANSFER_SCENARIOS: OrderScenario[] = [
  {
    name: 'netvisor-invoice-held-then-fixed',
    settings: {},
    customise: netvisorConnection(),
    async run(h, c) {
      const { rackbeat } = h.conn(c);
      const order = await rackbeat.createOrder({ customer_id: 4, lines: [{ item_id: 'HYLLY-80', quantity: 2 }] });
      await rackbeat.bookOrder(order.number);
      await shipOrder(rackbeat, order.number);
      const { invoiceId } = await rackbeat.convertToInvoice(order.number, { book: true });
      const id = netvisorDocumentWorkflowId('invoice', c, invoiceId);
      await waitEntity(h, id, (s) => s.stage === 'HELD');
      await rackbeat.updateCustomer(4, { payment_terms_id: 2 });
      await waitEntity(h, id, (s) => s.stage === 'DONE');
      await rackbeat.updateCustomer(4, { payment_terms_id: null });
      return id;
    },
  },
  {
    name: 'webshop-order-waits-for-payment',
    settings: {},
    customise: webshopConnection(shopSettings),
    async run(h, c) {
      await subscribeShopify(h, c);
      const id = await placeShopifyOrder(h, c, { lines: [{ sku: 'CHAIR-01', quantity: 1 }], financial_status: 'pending', email: 'replay@example.dk' });
      const wf = webshopOrderWorkflowId(c, 'shopify', id);
      await waitEntity(h, wf, (s) => s.stage === 'WAITING');
      const base = h.conn(c).connection.shopify!.baseUrl.replace(/\/shopify$/, '');
      await fetch(`${base}/_sandbox/shopify/orders/${id}/pay`, { method: 'POST' });
      await waitEntity(h, wf, (s) => s.stage === 'DONE');
      return wf;
    },
  },
  {
    name: 'order-from-webshop-fulfilled',
    settings: {},
    customise: webshopConnection(shopSettings),
    run: (h, c) => paidShopifyOrderShipped(h, c, { quantity: 2, email: 'replay2@example.dk', until: 'mark shop order fulfilled' }),
  },
  {
    name: 'webshop-product-created',
    settings: {},
    customise: webshopConnection({ ...shopSettings, productMaster: 'webshop' }),
    async run(h, c) {
      const base = h.conn(c).connection.shopify!.baseUrl;
      const shopify = new ShopifyClient({ baseUrl: base, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
      await shopify.createWebhook({ topic: 'products/create', address: `${h.webhookBase}/webhooks/shopify/${c}` });
      const res = await fetch(`${base}/admin/api/2026-04/products.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Shopify-Access-Token': SHOPIFY_SANDBOX_CREDENTIALS.accessToken },
        body: JSON.stringify({ product: { title: 'Replaykop', variants: [{ sku: 'REPLAY-1', price: '100.00' }] } }),
      });
      const id = String((parseShopifyJson(await res.text()) as { product: { id: string } }).product.id);
      const wf = webshopProductWorkflowId(c, 'shopify', id);
      await waitEntity(h, wf, (s) => s.stage === 'DONE');
      return wf;
    },
  },
  {
    name: 'stock-sync-flushes',
    settings: {},
    customise: webshopConnection(shopSettings),
    async run(h, c) {
      const { rackbeat } = h.conn(c);
      const base = h.conn(c).connection.shopify!.baseUrl.replace(/\/shopify$/, '');
      for (const quantity of [31, 32, 33]) await rackbeat.updateProduct('CHAIR-01', { stock_quantity: quantity });
      await eventually(async () => {
        const shop = (await (await fetch(`${base}/_sandbox/shopify/stock?sku=CHAIR-01`)).json()) as { stock: { available: number }[] };
        const rb = await rackbeat.getProduct('CHAIR-01');
        return shop.stock[0]?.available === rb.available_quantity ? true : undefined;
      }, 'Shopify to show the Rackbeat quantity', 30_000);
      return stockWorkflowId(c);
    },
  },
  {
    name: 'order-lifecycle-settled-search-attributes',
    settings: {},
    run: oneChairShipped,
  },
  {
    // Started with a generation (workflows/common/generation.ts): it asks no patched().
    name: 'order-lifecycle-generation-1',
    settings: {},
    run: oneChairShipped,
  },
  {
    // A paid shop order to its paid, fulfilled e-conomic invoice, started with a generation.
    name: 'order-from-webshop-generation-1',
    settings: { registerPayment: { journalNumber: 2 } },
    customise: webshopConnection(shopSettings),
    run: (h, c) => paidShopifyOrderShipped(h, c, { quantity: 1, email: 'replay3@example.dk', until: 'register payment in e-conomic' }),
  },
];
