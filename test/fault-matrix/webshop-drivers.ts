import assert from 'node:assert/strict';
import { ShopifyClient } from '../../src/connectors/shopify';
import { WooCommerceClient } from '../../src/connectors/woocommerce';
import type { WebshopSettingsInput } from '../../src/domain/webshop';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../../src/sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../../src/sandbox/woocommerce/credentials';
import { orderReference, refundReference } from '../../src/domain/economic';
import { economicFilter } from '../../src/connectors/economic';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { webshopRefundWorkflowId } from '../../src/workflows/webshop/refund-contract';
import { webshopOrderWorkflowId } from '../../src/workflows/webshop/contract';
import { type HarnessConnection, shipOrder } from '../helpers/lifecycle';
import { parseLossless } from '../helpers/shopify';
import { eventually } from '../helpers/temporal';
import { WOO_WEBHOOK_SECRET } from '../helpers/webshop-connection';
import type { Driver, DriverContext } from './economic-drivers';

/** Webshop settings of every webshop row's connection (F1 on payment, new customers created in Rackbeat). */
export const WEBSHOP_SETTINGS: WebshopSettingsInput = { orderTrigger: 'paid', roundingProduct: 'rounding', newCustomer: { paymentTermsId: 1, locale: 'da', customerGroup: 1 } };

const sandboxOf = (c: HarnessConnection): string => c.connection.shopify!.baseUrl.replace(/\/shopify$/, '');

/** What start-up registration does: the shops deliver their order webhooks to rackbridge. */
async function subscribe(c: HarnessConnection, webhookBase: string): Promise<void> {
  const shopify = new ShopifyClient({ baseUrl: `${sandboxOf(c)}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
  for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'refunds/create']) await shopify.createWebhook({ topic, address: `${webhookBase}/webhooks/shopify/${c.id}` });
  const woo = new WooCommerceClient({ baseUrl: `${sandboxOf(c)}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
  for (const topic of ['order.created', 'order.updated']) await woo.createWebhook({ topic, delivery_url: `${webhookBase}/webhooks/woocommerce/${c.id}`, secret: WOO_WEBHOOK_SECRET });
  await c.control('PUT', '/woocommerce/settings', { deliveryDelayMs: 50 });
}

async function placeShopify(c: HarnessConnection, email: string): Promise<string> {
  const res = await fetch(`${sandboxOf(c)}/_sandbox/shopify/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines: [{ sku: 'CHAIR-01', quantity: 2 }], financial_status: 'paid', email, first_name: 'Matrix', last_name: 'Kunde' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return String((parseLossless(await res.text()) as { order: { id: string } }).order.id);
}

/** The Rackbeat orders made for a shop order (their heading names it). */
async function rackbeatOrdersFor(c: HarnessConnection, sourceRef: string): Promise<number[]> {
  const page = await c.rackbeat.listOrders({ search: sourceRef, limit: 50 });
  return page.items.filter((o) => o.heading?.includes(`[${sourceRef}]`)).map((o) => o.number);
}

/** A paid Shopify order becomes one booked Rackbeat order (for one new Rackbeat customer). */
function shopOrderToRackbeat(at: 'before-order'): Driver {
  return {
    webshop: WEBSHOP_SETTINGS,
    async run(x) {
      await subscribe(x.c, x.webhookBase);
      if (at === 'before-order') await x.fault();
      const email = `matrix.${x.c.id}@example.dk`;
      const id = await placeShopify(x.c, email);
      await x.waitForWorkflow(webshopOrderWorkflowId(x.c.id, 'shopify', id), 'DONE');
      const orders = await rackbeatOrdersFor(x.c, `shopify:${id}`);
      assert.equal(orders.length, 1, `one Rackbeat order: ${JSON.stringify(orders)}`);
      assert.equal((await x.c.rackbeat.getOrder(orders[0]!)).is_booked, true);
      const customers = (await x.c.rackbeat.listCustomers({ search: email, limit: 50 })).items.filter((cu) => cu.contact_email === email);
      assert.equal(customers.length, 1, 'one Rackbeat customer for the shop customer');
    },
  };
}

/** After F1, the Rackbeat order is shipped; F2 marks the shop order fulfilled once. */
async function shipAndFulfil(x: DriverContext, source: 'shopify' | 'woocommerce', id: string): Promise<void> {
  await x.waitForWorkflow(webshopOrderWorkflowId(x.c.id, source, id), 'DONE');
  const [n] = await rackbeatOrdersFor(x.c, `${source}:${id}`);
  assert.ok(n, 'the Rackbeat order exists');
  await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'WAITING', (s) => s.targetRefs.length > 0);
  await x.fault();
  await shipOrder(x.c.rackbeat, n);
  await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'DONE', (s) => s.steps.some((step) => step.name === 'mark shop order fulfilled' && step.result === 'ok'));
}

/**
 * The shop order changes while its Rackbeat order is open (a person reopened it in Rackbeat: booked
 * lines are locked): F1 replaces the lines — delete the old, add the new — and books it again.
 */
function shopEditWhileReopened(): Driver {
  return {
    webshop: WEBSHOP_SETTINGS,
    async run(x) {
      await subscribe(x.c, x.webhookBase);
      const id = await placeShopify(x.c, `matrix.${x.c.id}@example.dk`);
      const workflowId = webshopOrderWorkflowId(x.c.id, 'shopify', id);
      await x.waitForWorkflow(workflowId, 'DONE');
      const [n] = await rackbeatOrdersFor(x.c, `shopify:${id}`);
      assert.ok(n, 'the Rackbeat order exists');
      await x.c.rackbeat.reopenOrder(n);
      await x.fault();
      const res = await fetch(`${sandboxOf(x.c)}/_sandbox/shopify/orders/${id}/edit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ sku: 'CHAIR-01', quantity: 3 }] }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      // A retry after the unseen write may find the lines already right: the Rackbeat order says when it is done.
      const chairs = async (): Promise<number[]> => (await x.c.rackbeat.getOrder(n)).lines.filter((l) => l.item.number === 'CHAIR-01').map((l) => l.quantity);
      await eventually(async () => ((await x.c.rackbeat.getOrder(n)).is_booked && (await chairs()).includes(3) ? true : undefined), 'the Rackbeat order booked again with the edit', 150_000);
      await x.waitForWorkflow(workflowId, 'DONE');
      assert.deepEqual(await chairs(), [3], 'one CHAIR-01 line of 3, none left over or added twice');
      assert.deepEqual(await rackbeatOrdersFor(x.c, `shopify:${id}`), [n], 'still one Rackbeat order');
    },
  };
}

/** A staff refund of one of the order's two chairs, as the sandbox shop makes it; returns its id and amount in cents. */
async function refundOneChair(c: HarnessConnection, orderId: string): Promise<{ id: string; cents: number }> {
  const res = await fetch(`${sandboxOf(c)}/_sandbox/shopify/orders/${orderId}/refunds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lines: [{ sku: 'CHAIR-01', quantity: 1 }] }) });
  assert.equal(res.status, 201, await res.clone().text());
  const refund = (parseLossless(await res.text()) as { refund: { id: string; transactions: { amount: string }[] } }).refund;
  return { id: String(refund.id), cents: Math.round(Number(refund.transactions[0]!.amount) * 100) };
}

/** A paid Shopify order made into a booked Rackbeat order whose lifecycle has its e-conomic draft. */
async function shopifyOrderWithDraft(x: DriverContext): Promise<{ id: string; n: number }> {
  await subscribe(x.c, x.webhookBase);
  const id = await placeShopify(x.c, `matrix.${x.c.id}@example.dk`);
  await x.waitForWorkflow(webshopOrderWorkflowId(x.c.id, 'shopify', id), 'DONE');
  const [n] = await rackbeatOrdersFor(x.c, `shopify:${id}`);
  assert.ok(n, 'the Rackbeat order exists');
  await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'WAITING', (s) => s.targetRefs.length > 0);
  return { id, n };
}

const bookedWith = async (c: HarnessConnection, reference: string) => (await c.economic.listBookedInvoices({ filter: economicFilter.eq('references.other', reference) })).items;

/** An invoiced Shopify order is partly refunded: one booked credit note for the refund, whatever became of the write's answer. */
const refundAfterInvoice: Driver = {
  webshop: WEBSHOP_SETTINGS,
  async run(x) {
    const { id, n } = await shopifyOrderWithDraft(x);
    await shipOrder(x.c.rackbeat, n);
    await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'DONE', (s) => s.steps.some((step) => step.name === 'mark shop order fulfilled' && step.result === 'ok'));
    await x.fault();
    const refund = await refundOneChair(x.c, id);
    await x.waitForWorkflow(webshopRefundWorkflowId(x.c.id, 'shopify', refund.id), 'DONE');
    await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'DONE', (s) => s.steps.some((step) => step.name === `credit shopify refund ${refund.id}` && step.result === 'ok'));
    const reference = refundReference(x.c.id, 'shopify', refund.id);
    const notes = await bookedWith(x.c, reference);
    assert.equal(notes.length, 1, `one booked credit note: ${JSON.stringify(notes.map((b) => b.bookedInvoiceNumber))}`);
    assert.equal(Math.round(notes[0]!.grossAmount * 100), -refund.cents, 'the credit note is the refund, to the cent');
    const drafts = await x.c.economic.listDraftInvoices({ filter: economicFilter.eq('references.other', reference) });
    assert.equal(drafts.items.length, 0, 'no second credit note left as a draft');
  },
};

export const WEBSHOP_DRIVERS: Record<string, Driver> = {
  'rb-order-line-add': shopEditWhileReopened(),
  'rb-order-line-delete': shopEditWhileReopened(),
  'eco-refund-credit-draft': refundAfterInvoice,
  'eco-refund-credit-book': refundAfterInvoice,
  /** A refund before invoicing updates the draft order once; the booked invoice is the shop total less the refund. */
  'eco-refund-draft-update': {
    webshop: WEBSHOP_SETTINGS,
    async run(x) {
      const { id, n } = await shopifyOrderWithDraft(x);
      await x.fault();
      const refund = await refundOneChair(x.c, id);
      await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'WAITING', (s) => s.steps.some((step) => step.name === 'advance e-conomic draft' && step.result === 'ok' && /updated/.test(step.detail ?? '')));
      await shipOrder(x.c.rackbeat, n);
      await x.waitForWorkflow(orderWorkflowId(x.c.id, n), 'DONE', (s) => s.steps.some((step) => step.name === 'mark shop order fulfilled' && step.result === 'ok'));
      const [invoice, ...more] = await bookedWith(x.c, orderReference(x.c.id, n));
      assert.ok(invoice && more.length === 0, 'one booked invoice');
      const order = await x.c.rackbeat.getOrder(n);
      assert.equal(Math.round(invoice.grossAmount * 100), Math.round((order.total_total ?? 0) * 100) - refund.cents, 'the invoice is the order less the refund');
      assert.equal((await bookedWith(x.c, refundReference(x.c.id, 'shopify', refund.id))).length, 0, 'no credit note');
    },
  },
  'rb-customer-create': shopOrderToRackbeat('before-order'),
  'rb-order-create': shopOrderToRackbeat('before-order'),
  'rb-order-book': shopOrderToRackbeat('before-order'),
  'shopify-fulfilment': {
    webshop: WEBSHOP_SETTINGS,
    async run(x) {
      await subscribe(x.c, x.webhookBase);
      const id = await placeShopify(x.c, `matrix.${x.c.id}@example.dk`);
      await shipAndFulfil(x, 'shopify', id);
      const shopify = new ShopifyClient({ baseUrl: `${sandboxOf(x.c)}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
      const order = (await shopify.getOrderPayload(id)) as { fulfillments?: unknown[]; fulfillment_status?: string | null };
      assert.equal(order.fulfillments?.length, 1, 'one fulfilment');
      assert.equal(order.fulfillment_status, 'fulfilled');
    },
  },
  'woo-order-update': {
    webshop: WEBSHOP_SETTINGS,
    async run(x) {
      await subscribe(x.c, x.webhookBase);
      const placed = await x.c.control<{ id: number }>('POST', '/woocommerce/orders', { lines: [{ sku: 'CHAIR-01', quantity: 1 }], status: 'processing', billing: { email: `matrix.${x.c.id}@example.dk`, first_name: 'Woo', last_name: 'Matrix' } });
      await shipAndFulfil(x, 'woocommerce', String(placed.id));
      const woo = new WooCommerceClient({ baseUrl: `${sandboxOf(x.c)}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
      assert.equal((await woo.getOrder(placed.id)).status, 'completed');
    },
  },
};
