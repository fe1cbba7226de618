import assert from 'node:assert/strict';
import { ShopifyClient } from '../../src/connectors/shopify';
import { SHOPIFY_SANDBOX_CREDENTIALS as SHOP } from '../../src/sandbox/shopify/credentials';
import { webshopProductWorkflowId } from '../../src/workflows/webshop-product/contract';
import { stockWorkflowId } from '../../src/workflows/stock/contract';
import type { HarnessConnection } from '../helpers/lifecycle';
import { parseLossless } from '../helpers/shopify';
import { eventually } from '../helpers/temporal';
import type { Driver, DriverContext } from './economic-drivers';

const PATIENCE_MS = 150_000;
const sandboxOf = (c: HarnessConnection): string => c.connection.shopify!.baseUrl.replace(/\/shopify$/, '');

/** Shop staff in the Shopify admin; answers read losslessly (ids exceed 2^53). */
async function shopifyAdmin(c: HarnessConnection, method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ id: string; variants: { id: string }[] }> {
  const res = await fetch(`${sandboxOf(c)}/shopify/admin/api/2026-04${path}`, { method, headers: { 'content-type': 'application/json', 'X-Shopify-Access-Token': SHOP.accessToken }, body: JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path} → ${res.status} ${await res.clone().text()}`);
  return (parseLossless(await res.text()) as { product: { id: string; variants: { id: string }[] } }).product;
}

/** F3 with the webshop as product master: a Shopify product becomes one Rackbeat product; a price change updates it. */
function webshopProduct(update: boolean): Driver {
  return {
    webshop: { productMaster: 'webshop', productNames: 'hold' },
    async run(x: DriverContext) {
      const shopify = new ShopifyClient({ baseUrl: `${sandboxOf(x.c)}/shopify`, accessToken: SHOP.accessToken });
      for (const topic of ['products/create', 'products/update']) await shopify.createWebhook({ topic, address: `${x.webhookBase}/webhooks/shopify/${x.c.id}` });
      if (!update) await x.fault();
      const product = await shopifyAdmin(x.c, 'POST', '/products.json', { product: { title: 'Matrixkrus', variants: [{ title: 'Hvid', sku: 'MATRIX-MUG', price: '100.00' }] } });
      const id = webshopProductWorkflowId(x.c.id, 'shopify', String(product.id));
      await x.waitForWorkflow(id, 'DONE');
      if (update) {
        await x.fault();
        await shopifyAdmin(x.c, 'PUT', `/products/${product.id}.json`, { product: { id: product.id, variants: [{ id: product.variants[0]!.id, price: '125.00' }] } });
        await eventually(async () => ((await x.c.rackbeat.getProduct('MATRIX-MUG')).sales_price === 100 ? true : undefined), 'the price change in Rackbeat (ex VAT)', PATIENCE_MS);
        await x.waitForWorkflow(id, 'DONE');
      }
      const matches = (await x.c.rackbeat.listProducts({ search: 'MATRIX-MUG', limit: 50 })).items.filter((p) => p.number === 'MATRIX-MUG');
      assert.equal(matches.length, 1, 'one Rackbeat product');
    },
  };
}

/** F4: a Rackbeat stock change reaches the shop once, as an absolute value. */
function stock(): Driver {
  return {
    webshop: {},
    async run(x: DriverContext) {
      await x.fault();
      await x.c.rackbeat.updateProduct('CHAIR-01', { stock_quantity: 7 });
      const available = async (): Promise<number> => (await x.c.rackbeat.getProduct('CHAIR-01')).available_quantity;
      const shopifyStock = async (): Promise<number | undefined> => (parseLossless(await (await fetch(`${sandboxOf(x.c)}/_sandbox/shopify/stock?sku=CHAIR-01`)).text()) as { stock: { available: number }[] }).stock[0]?.available;
      const wooStock = async (): Promise<number | null | undefined> => (await x.c.control<{ stock: { stock_quantity: number | null }[] }>('GET', '/woocommerce/stock?sku=CHAIR-01')).stock[0]?.stock_quantity;
      let last = '';
      await eventually(
        async () => {
          const [rb, sh, wc] = await Promise.all([available(), shopifyStock(), wooStock()]);
          last = JSON.stringify({ rb, sh, wc });
          return sh === rb && wc === rb ? true : undefined;
        },
        () => `both shops to hold Rackbeat's stock; last ${last}`,
        PATIENCE_MS,
      );
      // The coalescing stock workflow never finishes: its final stage is waiting for the next change, not held.
      await x.waitForWorkflow(stockWorkflowId(x.c.id), 'WAITING');
    },
  };
}

export const CATALOG_DRIVERS: Record<string, Driver> = {
  'rb-product-create': webshopProduct(false),
  'rb-product-update': webshopProduct(true),
  'shopify-inventory': stock(),
  'woo-product-batch': stock(),
};
