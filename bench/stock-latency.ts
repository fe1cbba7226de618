import { startLifecycleHarness } from '../test/helpers/lifecycle';
import { webshopConnection } from '../test/helpers/webshop-connection';
import { percentile, printTable, writeResult } from './stats';

/**
 * (e) F4 latency: steady Rackbeat stock changes (RATE per second over SKUS products) and, for each,
 * the time until the Shopify and WooCommerce simulators show it — the target is ≤ 5 s at p95. Each
 * change is a real `inventory.changed` webhook → `stock:{conn}` → the shops, Shopify at its
 * standard-plan limits.
 */
const SKUS = ['CHAIR-01', 'DESK/120', 'LAMP-RED', 'BOOK-DK'];
const CHANGES = Number(process.env.BENCH_CHANGES ?? 120);
const RATE = Number(process.env.BENCH_RATE ?? 4);
const TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const h = await startLifecycleHarness([{ id: 'latency', customise: webshopConnection() }]);
  const { rackbeat, connection } = h.conn('latency');
  const base = connection.shopify!.baseUrl.replace(/\/shopify$/, '');
  const shopStock = async (sku: string): Promise<[number | undefined, number | undefined]> => {
    const [shopify, woo] = await Promise.all([
      fetch(`${base}/_sandbox/shopify/stock?sku=${encodeURIComponent(sku)}`).then(async (r) => ((await r.json()) as { stock: { available: number }[] }).stock[0]?.available),
      fetch(`${base}/_sandbox/woocommerce/stock?sku=${encodeURIComponent(sku)}`).then(async (r) => ((await r.json()) as { stock: { stock_quantity: number | null }[] }).stock[0]?.stock_quantity ?? undefined),
    ]);
    return [shopify, woo];
  };
  try {
    const latencies: number[] = [];
    let superseded = 0;
    let missed = 0;
    const latest = new Map<string, number>();
    const waits: Promise<void>[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const sku = SKUS[i % SKUS.length]!;
      const quantity = 1_000 + i;
      const changedAt = performance.now();
      await rackbeat.updateProduct(sku, { stock_quantity: quantity });
      latest.set(sku, quantity);
      waits.push(
        (async () => {
          const product = await rackbeat.getProduct(sku);
          const wanted = Math.floor(product.available_quantity);
          while (performance.now() - changedAt < TIMEOUT_MS) {
            if (latest.get(sku) !== quantity) {
              superseded++; // a later change to the same SKU came first; last value wins, this one needs no write
              return;
            }
            const [shopify, woo] = await shopStock(sku);
            if (shopify === wanted && woo === wanted) {
              latencies.push(performance.now() - changedAt);
              return;
            }
            await new Promise((r) => setTimeout(r, 100));
          }
          missed++;
        })(),
      );
      await new Promise((r) => setTimeout(r, 1_000 / RATE));
    }
    await Promise.all(waits);
    latencies.sort((a, b) => a - b);
    const result = {
      changes: CHANGES,
      'changes per s': RATE,
      skus: SKUS.length,
      measured: latencies.length,
      'superseded before shown': superseded,
      'not shown within 60 s': missed,
      'p50 ms': Math.round(percentile(latencies, 50)),
      'p95 ms': Math.round(percentile(latencies, 95)),
      'max ms': Math.round(latencies.at(-1) ?? 0),
      'target p95 ms': 5_000,
    };
    printTable('F4 stock: Rackbeat change → both shops show it', [result]);
    writeResult('stock-latency', result);
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
