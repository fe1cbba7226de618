import type { Connection, OrderSettings } from '../../src/config';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { cancelInRackbeat, editBookedLine, type LifecycleHarness, shipOrder, signalWebshopBooked } from '../helpers/lifecycle';

/**
 * Lifecycle scenarios whose histories are recorded (scripts/record-histories.ts) and replayed on
 * every test run: a change to the workflow that would break running transfers fails CI.
 */
export interface OrderScenario {
  name: string;
  settings: Partial<OrderSettings>;
  /** Changes the harness connection (a Netvisor or webshop connection). */
  customise?: (connection: Connection, sandboxUrl: string) => Connection;
  /** Drives Rackbeat like a user and waits for the transfer's final state; returns its workflow id. */
  run(h: LifecycleHarness, connectionId: string): Promise<string>;
}

async function bookedOrder(h: LifecycleHarness, connectionId: string, customer = 1): Promise<number> {
  const { rackbeat } = h.conn(connectionId);
  const order = await rackbeat.createOrder({ customer_id: customer, lines: [{ item_id: 'CHAIR-01', quantity: 2 }, { item_id: 'LAMP-RED', quantity: 1 }] });
  await rackbeat.bookOrder(order.number);
  return order.number;
}

/** Waits for the draft in e-conomic, ships the order in Rackbeat, waits for the booked invoice. */
async function shipWhenDrafted(h: LifecycleHarness, connectionId: string, n: number): Promise<string> {
  await h.waitFor(connectionId, n, 'WAITING', (s) => s.targetRefs.length > 0);
  await shipOrder(h.conn(connectionId).rackbeat, n);
  await h.waitFor(connectionId, n, 'DONE');
  return orderWorkflowId(connectionId, n);
}

export const ORDER_SCENARIOS: OrderScenario[] = [
  {
    name: 'order-shipped-booked',
    settings: {},
    run: async (h, c) => shipWhenDrafted(h, c, await bookedOrder(h, c)),
  },
  {
    name: 'order-updated-then-shipped',
    settings: {},
    async run(h, c) {
      const n = await bookedOrder(h, c);
      await h.waitFor(c, n, 'WAITING', (s) => s.targetRefs.length > 0);
      const { rackbeat } = h.conn(c);
      const line = (await rackbeat.getOrder(n)).lines[0]!;
      await editBookedLine(rackbeat, n, line.id, { quantity: 4 });
      await h.waitFor(c, n, 'WAITING', (s) => s.steps.some((st) => st.detail?.includes('updated') === true));
      return shipWhenDrafted(h, c, n);
    },
  },
  {
    name: 'order-cancelled-before-invoice',
    settings: {},
    async run(h, c) {
      const n = await bookedOrder(h, c);
      await h.waitFor(c, n, 'WAITING', (s) => s.targetRefs.length > 0);
      await cancelInRackbeat(h.conn(c), n);
      await h.waitFor(c, n, 'CANCELLED');
      return orderWorkflowId(c, n);
    },
  },
  {
    name: 'invoice-direct',
    settings: { documentType: 'invoice' },
    run: async (h, c) => shipWhenDrafted(h, c, await bookedOrder(h, c)),
  },
  {
    name: 'invoice-when-booked-then-credited',
    settings: { invoiceWhen: 'booked' },
    async run(h, c) {
      const n = await bookedOrder(h, c);
      await h.waitFor(c, n, 'DONE');
      await cancelInRackbeat(h.conn(c), n);
      await h.waitFor(c, n, 'CANCELLED');
      return orderWorkflowId(c, n);
    },
  },
  {
    name: 'held-then-fixed',
    settings: {},
    async run(h, c) {
      const n = await bookedOrder(h, c, 4);
      await h.waitFor(c, n, 'HELD');
      await h.conn(c).rackbeat.updateCustomer(4, { payment_terms_id: 1 });
      return shipWhenDrafted(h, c, n);
    },
  },
  {
    name: 'payment-registered',
    settings: { registerPayment: { journalNumber: 2 } },
    async run(h, c) {
      const n = await bookedOrder(h, c);
      // The payment arrives as the webshop transfer sends it when it books (a Rackbeat order has no paid flag to write).
      await signalWebshopBooked(h, c, n, { source: 'shopify', shopOrderId: '820982911946154508', amountCents: 249_625, currency: 'DKK', gateway: 'shopify_payments' });
      await shipOrder(h.conn(c).rackbeat, n);
      await h.waitFor(c, n, 'DONE', (s) => s.steps.some((st) => st.name === 'register payment in e-conomic'));
      return orderWorkflowId(c, n);
    },
  },
];
