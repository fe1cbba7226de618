import assert from 'node:assert/strict';
import type { NetvisorSettings } from '../../src/config';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { startImport } from '../../src/cli/import';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { TASK_QUEUE } from '../../src/webhooks/dispatch';
import { customerWorkflowId, productWorkflowId } from '../../src/workflows/master-data/contract';
import { netvisorDocumentWorkflowId } from '../../src/workflows/netvisor/contract';
import { type HarnessConnection, shipOrder } from '../helpers/lifecycle';
import { eventually } from '../helpers/temporal';
import type { Driver, DriverContext } from './economic-drivers';

const netvisorOf = (c: HarnessConnection): NetvisorClient => new NetvisorClient({ baseUrl: c.connection.netvisor!.baseUrl, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5000 });
const PATIENCE_MS = 150_000;

async function customerCard(c: HarnessConnection, code: string) {
  const matches = await netvisorOf(c).listCustomers({ codes: [code] });
  assert.ok(matches.length <= 1, `one Netvisor customer ${code}: ${matches.length}`);
  return matches[0] && (await netvisorOf(c).getCustomer(matches[0].netvisorKey));
}

async function productsCoded(c: HarnessConnection, code: string): Promise<number> {
  return (await netvisorOf(c).listProducts({ keyword: code })).filter((p) => p.code === code).length;
}

/** Customer 5 changes in Rackbeat: added to Netvisor the first time, edited the second. */
function customer(edit: boolean): Driver {
  return {
    netvisor: {},
    async run(x: DriverContext) {
      if (!edit) await x.fault();
      await x.c.rackbeat.updateCustomer(5, { address_city: 'Espoo' });
      await x.c.poll();
      await eventually(async () => ((await customerCard(x.c, '5'))?.city === 'Espoo' ? true : undefined), 'customer 5 in Netvisor', PATIENCE_MS);
      if (edit) {
        await x.fault();
        await x.c.rackbeat.updateCustomer(5, { address_city: 'Turku' });
        await x.c.poll();
        await eventually(async () => ((await customerCard(x.c, '5'))?.city === 'Turku' ? true : undefined), 'customer 5 edited in Netvisor', PATIENCE_MS);
      }
      await x.waitForWorkflow(customerWorkflowId(x.c.id, 5), 'DONE');
    },
  };
}

/** A new Rackbeat product: added to Netvisor; then a price change edits it. */
function product(edit: boolean): Driver {
  return {
    netvisor: {},
    async run(x: DriverContext) {
      const code = 'MATRIX-1';
      if (!edit) await x.fault();
      await x.c.rackbeat.createProduct({ number: code, name: 'Matriisi', group: 4, sales_price: 120 });
      await eventually(async () => ((await productsCoded(x.c, code)) === 1 ? true : undefined), 'the product in Netvisor', PATIENCE_MS);
      if (edit) {
        await x.fault();
        await x.c.rackbeat.updateProduct(code, { sales_price: 130 });
        await eventually(async () => ((await netvisorOf(x.c).getProductByCode(code)).unitPrice === 130 ? true : undefined), 'the price edited in Netvisor', PATIENCE_MS);
      }
      await x.waitForWorkflow(productWorkflowId(x.c.id, code), 'DONE');
      assert.equal(await productsCoded(x.c, code), 1, 'one Netvisor product');
    },
  };
}

/** F6: the one-off import updates a Rackbeat customer whose Netvisor card changed since the first import. */
function importedCustomerUpdate(): Driver {
  return {
    netvisor: {},
    async run(x: DriverContext) {
      const code = '2101';
      const netvisor = netvisorOf(x.c);
      const key = await netvisor.addCustomer({ code, name: 'Matriisi Oy', city: 'Vaasa' });
      const run = async () => (await (await startImport(x.h.temporal.env.client, { connectionId: x.c.id, kind: 'customers', customerGroup: 1 }, TASK_QUEUE)).handle.result());
      assert.equal((await run()).failed, 0);
      assert.equal((await x.c.rackbeat.getCustomer(Number(code))).address_city, 'Vaasa');
      await netvisor.editCustomer(key, { name: 'Matriisi Oy', city: 'Kotka' });
      await x.fault();
      const second = await run();
      assert.deepEqual([second.state, second.failed, second.created], ['completed', 0, 0], `the second import: ${JSON.stringify(second.items)}`);
      assert.equal((await x.c.rackbeat.getCustomer(Number(code))).address_city, 'Kotka', 'the change reached Rackbeat');
      const matches = (await x.c.rackbeat.listCustomers({ search: 'Matriisi', limit: 50 })).items.filter((cu) => cu.name === 'Matriisi Oy');
      assert.equal(matches.length, 1, 'one Rackbeat customer');
    },
  };
}

export const NETVISOR_DRIVERS: Record<string, Driver> = {
  'rb-customer-update': importedCustomerUpdate(),
  'nv-customer-add': customer(false),
  'nv-customer-edit': customer(true),
  'nv-product-add': product(false),
  'nv-product-edit': product(true),
  'nv-sales-invoice': {
    netvisor: {},
    async run(x) {
      await x.fault();
      const rackbeat = x.c.rackbeat;
      const order = await rackbeat.createOrder({ customer_id: 5, lines: [{ item_id: 'HYLLY-80', quantity: 3 }] });
      await rackbeat.bookOrder(order.number);
      await shipOrder(rackbeat, order.number);
      const { invoiceId } = await rackbeat.convertToInvoice(order.number, { book: true });
      await x.c.poll();
      await x.waitForWorkflow(netvisorDocumentWorkflowId('invoice', x.c.id, invoiceId), 'DONE');
      const invoices = (await netvisorOf(x.c).listInvoices({ invoiceNumber: String(invoiceId) })).filter((d) => d.number === String(invoiceId));
      assert.equal(invoices.length, 1, 'one Netvisor sales invoice');
    },
  },
  'nv-sales-order': {
    netvisor: { transfer: { orders: true } as NetvisorSettings['transfer'] },
    async run(x) {
      await x.fault();
      const order = await x.c.rackbeat.createOrder({ customer_id: 5, lines: [{ item_id: 'HYLLY-80', quantity: 2 }] });
      await x.c.rackbeat.bookOrder(order.number);
      await x.c.poll();
      await x.waitForWorkflow(netvisorDocumentWorkflowId('order', x.c.id, order.number), 'DONE');
      const orders = (await netvisorOf(x.c).listOrders({})).filter((d) => d.number === String(order.number));
      assert.equal(orders.length, 1, 'one Netvisor sales order');
    },
  },
};
