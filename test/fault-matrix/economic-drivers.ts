import assert from 'node:assert/strict';
import type { NetvisorSettings, OrderSettings } from '../../src/config';
import type { WebshopSettingsInput } from '../../src/domain/webshop';
import type { TransferStatus } from '../../src/workflows/common/transfer-status';
import { editBookedLine, type HarnessConnection, type LifecycleHarness, shipOrder, signalWebshopBooked } from '../helpers/lifecycle';

/** What a driver gets: its own connection (own simulators), the fault to queue, and a patient wait. */
export interface DriverContext {
  c: HarnessConnection;
  h: LifecycleHarness;
  /** Queues the row's fault; call it just before the faulted write can happen. */
  fault: () => Promise<void>;
  /** The order lifecycle (F2) of a Rackbeat order of this connection reaches `stage`; a hold fails at once. */
  waitFor: (orderNumber: number, stage: string, extra?: (s: TransferStatus) => boolean) => Promise<TransferStatus>;
  waitForWorkflow: (workflowId: string, stage: string, extra?: (s: TransferStatus) => boolean) => Promise<TransferStatus>;
  webhookBase: string;
}

export interface Driver {
  settings?: Partial<OrderSettings>;
  /** Set for rows that need the connection's webshops. */
  webshop?: WebshopSettingsInput;
  /** Set for rows of a Rackbeat → Netvisor connection (no e-conomic). */
  netvisor?: Partial<NetvisorSettings>;
  /** Drives the transfer through the faulted write to its final stage and checks the simulator holds exactly one effect. */
  run(x: DriverContext): Promise<void>;
}

interface EconomicState {
  orders: { orderNumber: number; state: string }[];
  draftInvoices: { draftInvoiceNumber: number }[];
  bookedInvoices: { bookedInvoiceNumber: number; grossAmount: number }[];
  vouchers: unknown[];
  customers: number[];
  products: string[];
}

const state = (c: HarnessConnection): Promise<EconomicState> => c.control<EconomicState>('GET', '/economic/state');

async function bookedOrder(c: HarnessConnection, customer = 1): Promise<number> {
  const order = await c.rackbeat.createOrder({ customer_id: customer, lines: [{ item_id: 'CHAIR-01', quantity: 2 }] });
  await c.rackbeat.bookOrder(order.number);
  // Rackbeat has no booking webhook: the poller finds it.
  await c.poll();
  return order.number;
}
const hasTarget = (s: TransferStatus): boolean => s.targetRefs.length > 0;

async function changeFirstLine(c: HarnessConnection, n: number, quantity: number): Promise<void> {
  const line = (await c.rackbeat.getOrder(n)).lines[0]!;
  // Booked lines are locked: reopen, edit, book again (what a warehouse user does).
  await editBookedLine(c.rackbeat, n, line.id, { quantity });
  await c.poll();
}

/** Booked, shipped, one booked invoice and nothing left in drafts; `orders` e-conomic orders (archived). */
async function assertInvoicedOnce(c: HarnessConnection, orders: 0 | 1): Promise<EconomicState> {
  const s = await state(c);
  assert.equal(s.bookedInvoices.length, 1, `one booked invoice: ${JSON.stringify(s.bookedInvoices)}`);
  assert.deepEqual(s.draftInvoices, [], 'no draft invoice left');
  assert.equal(s.orders.length, orders, `e-conomic orders: ${JSON.stringify(s.orders)}`);
  assert.ok(s.orders.every((o) => o.state === 'archived'), 'the order was archived by its upgrade');
  return s;
}

/** The standard path (documentType order, invoiceWhen shipped) with the fault queued at `at`. */
function orderToInvoice(at: 'before-booking' | 'before-shipping', settings: Partial<OrderSettings> = {}): Driver {
  return {
    settings,
    async run({ c, fault, waitFor }) {
      if (at === 'before-booking') await fault();
      const n = await bookedOrder(c);
      await waitFor(n, 'WAITING', hasTarget);
      if (at === 'before-shipping') await fault();
      await shipOrder(c.rackbeat, n);
      await waitFor(n, 'DONE');
      await assertInvoicedOnce(c, settings.documentType === 'invoice' ? 0 : 1);
    },
  };
}

function updateThenInvoice(settings: Partial<OrderSettings>): Driver {
  return {
    settings,
    async run({ c, fault, waitFor }) {
      const n = await bookedOrder(c);
      await waitFor(n, 'WAITING', hasTarget);
      await fault();
      await changeFirstLine(c, n, 5);
      await waitFor(n, 'WAITING', (s) => s.steps.some((step) => step.detail?.includes('updated') === true));
      await shipOrder(c.rackbeat, n);
      await waitFor(n, 'DONE');
      const s = await assertInvoicedOnce(c, settings.documentType === 'invoice' ? 0 : 1);
      const invoice = await c.economic.getBookedInvoice(s.bookedInvoices[0]!.bookedInvoiceNumber);
      assert.equal(invoice.lines?.[0]?.quantity, 5, 'the invoice carries the change');
    },
  };
}

function cancelDraft(settings: Partial<OrderSettings>): Driver {
  return {
    settings,
    async run({ c, fault, waitFor }) {
      const n = await bookedOrder(c);
      await waitFor(n, 'WAITING', hasTarget);
      await fault();
      // No attested cancel route: a person cancels in Rackbeat's UI.
      await c.control('POST', `/rackbeat/orders/${n}/cancel`);
      await c.poll();
      await waitFor(n, 'CANCELLED');
      const s = await state(c);
      assert.deepEqual([s.orders, s.draftInvoices, s.bookedInvoices], [[], [], []], 'the draft is gone and nothing else was made');
    },
  };
}

/** The master-data write happens inside the first push; the transfer waits with its draft order. */
function masterData(check: (s: EconomicState, c: HarnessConnection) => Promise<void>, customer = 1, before?: (c: HarnessConnection, waitFor: DriverContext['waitFor']) => Promise<void>): Driver {
  return {
    async run({ c, fault, waitFor }) {
      if (before) await before(c, waitFor);
      await fault();
      const n = await bookedOrder(c, customer);
      await waitFor(n, 'WAITING', hasTarget);
      const s = await state(c);
      assert.equal(s.orders.filter((o) => o.state === 'drafts').length, before ? 2 : 1, 'one draft order per Rackbeat order');
      await check(s, c);
    },
  };
}

export const ECONOMIC_DRIVERS: Record<string, Driver> = {
  'eco-customer-create': masterData(async (s) => assert.ok(s.customers.includes(3), `customer 3 created: ${JSON.stringify(s.customers)}`), 3),
  'eco-customer-update': masterData(async (_s, c) => assert.equal((await c.economic.getCustomer(1)).name, 'Nordisk Cykel ApS')),
  'eco-product-create': masterData(async (s) => assert.equal(s.products.filter((p) => p === 'CHAIR-01').length, 1)),
  'eco-product-update': masterData(
    async (_s, c) => assert.equal((await c.economic.getProduct('CHAIR-01')).salesPrice, 899),
    1,
    async (c, waitFor) => {
      await waitFor(await bookedOrder(c), 'WAITING', hasTarget);
      await c.rackbeat.updateProduct('CHAIR-01', { sales_price: 899 });
    },
  ),
  'eco-order-create': orderToInvoice('before-booking'),
  'eco-order-update': updateThenInvoice({}),
  'eco-order-delete': cancelDraft({}),
  'eco-order-sent': orderToInvoice('before-shipping'),
  'eco-invoice-from-order': orderToInvoice('before-shipping'),
  'eco-invoice-direct': orderToInvoice('before-booking', { documentType: 'invoice' }),
  'eco-invoice-update': updateThenInvoice({ documentType: 'invoice' }),
  'eco-invoice-delete': cancelDraft({ documentType: 'invoice' }),
  'eco-book': orderToInvoice('before-shipping'),
  'eco-payment': {
    settings: { registerPayment: { journalNumber: 2 } },
    async run({ c, h, fault, waitFor }) {
      const n = await bookedOrder(c);
      await waitFor(n, 'WAITING', hasTarget);
      await fault();
      // The shop's payment comes with the webshop transfer's signal (no is_paid in Rackbeat).
      await signalWebshopBooked(h, c.id, n, { source: 'shopify', shopOrderId: `matrix-${n}`, amountCents: 199_750, currency: 'DKK', gateway: 'shopify_payments' });
      await shipOrder(c.rackbeat, n);
      await waitFor(n, 'DONE');
      const s = await assertInvoicedOnce(c, 1);
      assert.equal(s.vouchers.length, 1, 'one payment voucher');
    },
  },
  'eco-credit-draft': creditAfterBooking(),
  'eco-credit-book': creditAfterBooking(),
};

function creditAfterBooking(): Driver {
  return {
    settings: { invoiceWhen: 'booked' },
    async run({ c, fault, waitFor }) {
      const n = await bookedOrder(c);
      await waitFor(n, 'DONE');
      await fault();
      // No attested cancel route: a person cancels in Rackbeat's UI.
      await c.control('POST', `/rackbeat/orders/${n}/cancel`);
      await c.poll();
      await waitFor(n, 'CANCELLED');
      const s = await state(c);
      assert.equal(s.bookedInvoices.length, 2, `the invoice and one credit note: ${JSON.stringify(s.bookedInvoices)}`);
      assert.equal(s.bookedInvoices[1]!.grossAmount, -s.bookedInvoices[0]!.grossAmount);
      assert.deepEqual(s.draftInvoices, []);
    },
  };
}
