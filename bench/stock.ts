import type { LoggedRequest } from '../src/sandbox/common/request-log';
import { SHOPIFY_SANDBOX_CREDENTIALS as SHOP } from '../src/sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS as WOO } from '../src/sandbox/woocommerce/credentials';
import { type StockStatus, stockStatusQuery, stockWorkflowId } from '../src/workflows/stock/contract';
import { startLifecycleHarness } from '../test/helpers/lifecycle';
import { parseLossless } from '../test/helpers/shopify';
import { webshopConnection } from '../test/helpers/webshop-connection';
import { pool } from './pool';
import { printTable, writeResult } from './stats';

/**
 * (d) F4 stock: CHANGES Rackbeat stock changes over SKUS products, each a real `inventory.changed`
 * webhook → `stock:{conn}` → both sandbox shops (Shopify at its standard-plan limits). Counts the
 * shop API calls, the time until every SKU in both shops equals Rackbeat, and checks that it does.
 * The simulator delivers one webhook at a time per subscription, so deliveries lag the changes;
 * the shops converge before the last one arrives because every flush reads Rackbeat's current value.
 */
const SKUS = Number(process.env.BENCH_SKUS ?? 1_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CONVERGE_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000);
const sku = (i: number): string => `BENCH-${String(i).padStart(5, '0')}`;

/** A fixed pseudo-random sequence, so runs are comparable. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function main(): Promise<void> {
  const h = await startLifecycleHarness([{ id: 'bench', customise: webshopConnection() }]);
  const { rackbeat, control, connection } = h.conn('bench');
  const base = connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const post = async (url: string, headers: Record<string, string>, body: unknown): Promise<void> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${url} → ${res.status}: ${await res.text()}`);
  };
  try {
    // Seed: the SKUs in Rackbeat (no webhooks) and in both shops, all at 0. Shopify's REST limit is off while seeding only.
    const numbers = Array.from({ length: SKUS }, (_, i) => sku(i));
    await pool(numbers, CONCURRENCY, async (number) => void (await rackbeat.createProduct({ number, name: `Bench ${number}`, group: 1, sales_price: 10, stock_quantity: 0 }, { suppressWebhooks: true })));
    await control('PUT', '/shopify/settings', { restLeakPerSecond: 0 });
    await pool(numbers, CONCURRENCY, (number) => post(`${base}/shopify/admin/api/2026-04/products.json`, { 'X-Shopify-Access-Token': SHOP.accessToken }, { product: { title: `Bench ${number}`, variants: [{ sku: number, price: '12.50', available: 0 }] } }));
    await control('PUT', '/shopify/settings', { restLeakPerSecond: 2 });
    const wooAuth = { authorization: `Basic ${Buffer.from(`${WOO.consumerKey}:${WOO.consumerSecret}`).toString('base64')}` };
    for (let i = 0; i < SKUS; i += 100) {
      await post(`${base}/woocommerce/wp-json/wc/v3/products/batch`, wooAuth, { create: numbers.slice(i, i + 100).map((number) => ({ name: `Bench ${number}`, sku: number, regular_price: '12.50', manage_stock: true, stock_quantity: 0 })) });
    }
    await control('DELETE', '/requests');

    // Shop requests, collected by sequence number while the log (bounded) turns over.
    const seen = new Map<number, Pick<LoggedRequest, 'system' | 'method' | 'path' | 'status' | 'body'>>();
    const collect = async (): Promise<void> => {
      for (const system of ['shopify', 'woocommerce', 'rackbeat']) {
        const text = await (await fetch(`${base}/_sandbox/requests?system=${system}`)).text();
        for (const r of (parseLossless(text) as { requests: LoggedRequest[] }).requests) if (!seen.has(r.seq)) seen.set(r.seq, { system: r.system, method: r.method, path: r.path, status: r.status, body: system === 'shopify' ? r.body : undefined });
      }
    };
    let collecting = true;
    const collector = (async () => {
      while (collecting) {
        await collect();
        await new Promise((r) => setTimeout(r, 1_000));
      }
    })();

    const random = lcg(42);
    const changes = Array.from({ length: CHANGES }, () => ({ number: sku(Math.floor(random() * SKUS)), quantity: Math.floor(random() * 500) }));
    const started = performance.now();
    await pool(changes, CONCURRENCY, async (c) => void (await rackbeat.updateProduct(c.number, { stock_quantity: c.quantity })));
    const changesSentMs = performance.now() - started;
    // Rackbeat (and its simulator) delivers one webhook at a time per subscription: this is when the last one was accepted.
    const delivered = control('POST', '/rackbeat/deliveries/wait').then(() => performance.now() - started);

    // Converged: every SKU in both shops equals Rackbeat's available quantity.
    let mismatches = SKUS;
    const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const available = new Map<string, number>();
      for await (const p of rackbeat.iterateProducts()) available.set(p.number, p.available_quantity);
      const shopify = new Map((parseLossless(await (await fetch(`${base}/_sandbox/shopify/stock`)).text()) as { stock: Array<{ sku: string; available: number }> }).stock.map((s) => [s.sku, s.available]));
      const woo = new Map((await control<{ stock: Array<{ sku: string; stock_quantity: number | null }> }>('GET', '/woocommerce/stock')).stock.map((s) => [s.sku, s.stock_quantity]));
      mismatches = numbers.filter((n) => shopify.get(n) !== available.get(n) || woo.get(n) !== available.get(n)).length;
      if (mismatches === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const convergedMs = performance.now() - started;
    const deliveredMs = await delivered;
    const undelivered = (await control<{ deliveries: Array<{ state: string }> }>('GET', '/rackbeat/deliveries?event=inventory.changed')).deliveries.filter((d) => d.state !== 'delivered').length;
    collecting = false;
    await collector;
    await collect();

    const status: StockStatus = await h.temporal.env.client.workflow.getHandle(stockWorkflowId('bench')).query(stockStatusQuery);
    const requests = [...seen.values()];
    const count = (system: string, test: (r: (typeof requests)[number]) => boolean = () => true) => requests.filter((r) => r.system === system && test(r)).length;
    const isShopifyWrite = (r: (typeof requests)[number]) => r.path.endsWith('/graphql.json') && JSON.stringify(r.body ?? '').includes('inventorySetQuantities');
    const rows = [
      { shop: 'shopify', 'API calls': count('shopify'), 'write calls': count('shopify', isShopifyWrite), '429 answers': count('shopify', (r) => r.status === 429), 'SKUs written (status)': status.lanes.find((l) => l.shop === 'shopify')?.written ?? 0 },
      { shop: 'woocommerce', 'API calls': count('woocommerce'), 'write calls': count('woocommerce', (r) => r.method === 'POST' && r.path.endsWith('/batch')), '429 answers': count('woocommerce', (r) => r.status === 429), 'SKUs written (status)': status.lanes.find((l) => l.shop === 'woocommerce')?.written ?? 0 },
    ];
    const summary = {
      changes: CHANGES,
      skus: SKUS,
      'changes sent in s': +(changesSentMs / 1000).toFixed(1),
      'converged after s (from first change)': +(convergedMs / 1000).toFixed(1),
      'converged after s (from last change)': +((convergedMs - changesSentMs) / 1000).toFixed(1),
      'webhooks delivered after s': +(deliveredMs / 1000).toFixed(1),
      'webhooks not delivered': undelivered,
      'SKUs differing at the end': mismatches,
      'Rackbeat GETs (flush reads + the bench convergence polls)': count('rackbeat', (r) => r.method === 'GET'),
      flushes: status.flushes,
    };
    printTable(`Stock sync (${CHANGES} Rackbeat changes over ${SKUS} SKUs, both sandbox shops, Shopify at standard-plan limits)`, rows);
    printTable('Convergence', [summary]);
    console.log(`results: ${writeResult('stock', { ...summary, rows, lanes: status.lanes.map(({ unknownSkus: _u, ...l }) => l) })}`);
    if (mismatches !== 0) throw new Error(`${mismatches} SKU(s) did not converge within ${CONVERGE_TIMEOUT_MS} ms`);
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
