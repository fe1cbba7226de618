import type { RackbeatClient } from '../connectors/rackbeat';
import { ShopifyClient } from '../connectors/shopify';
import { parseShopifyJson } from '../connectors/shopify/json';
import { WooCommerceClient } from '../connectors/woocommerce';
import { SHOPIFY_SANDBOX_CREDENTIALS } from '../sandbox/shopify/credentials';
import { WOOCOMMERCE_SANDBOX_CREDENTIALS } from '../sandbox/woocommerce/credentials';
import type { TransferStatus } from '../workflows/common/transfer-status';
import type { WebshopDemoContext } from './demo-context';
import { runRefundDemo } from './demo-refund';
import { orderWorkflowId } from '../workflows/order/contract';
import { webshopHandlesRefunds, type WebshopSource } from '../domain/webshop/shops';
import { webshopOrderWorkflowId } from '../workflows/webshop/contract';

export type { WebshopDemoContext };

/** Orders a customer places in the sandbox shops (through their control APIs, as a checkout would). */
/** Per shop the order placed and what of it is refunded after invoicing (a SKU refunded once, and the shipping; without a SKU the shipping alone, so the order stays partly refunded). */
const SHOP_ORDERS: { source: WebshopSource; body: Record<string, unknown>; refundSku?: string }[] = [
  {
    source: 'shopify',
    body: { lines: [{ sku: 'CHAIR-01', quantity: 2 }, { sku: 'LAMP-RED', quantity: 1 }], shipping: { title: 'GLS', price: '49.00' }, financial_status: 'paid', email: 'demo.shopify@example.dk', first_name: 'Demo', last_name: 'Shopify' },
    refundSku: 'CHAIR-01',
  },
  {
    source: 'woocommerce',
    body: { lines: [{ sku: 'DESK/120', quantity: 1 }], status: 'processing', shipping_line: { total: '99.00' }, billing: { email: 'demo.woo@example.dk', first_name: 'Demo', last_name: 'WooCommerce', country: 'DK' } },
  },
];

/**
 * The webshop leg of `npm run cli -- demo`: an order placed in each sandbox shop becomes a Rackbeat
 * order (F1), is shipped there like a warehouse user would, ends as a booked e-conomic invoice (F2)
 * and marks the shop order fulfilled; each shop order is then partly refunded, which ends as a
 * booked e-conomic credit note. Returns each order lifecycle's final status.
 */
export async function runWebshopDemo(ctx: WebshopDemoContext, rackbeat: RackbeatClient): Promise<TransferStatus[]> {
  const results: TransferStatus[] = [];
  for (const { source, body, refundSku } of SHOP_ORDERS) {
    const res = await fetch(`${ctx.sandboxUrl}/_sandbox/${source}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`placing a ${source} order in the sandbox failed: HTTP ${res.status} ${await res.text()}`);
    const placed = parseShopifyJson(await res.text()) as { id?: string | number; order?: { id: string | number } };
    const shopOrderId = String(placed.order?.id ?? placed.id);
    ctx.print(`${source} order ${shopOrderId}: placed in the shop`);
    const transfer = await ctx.settle(webshopOrderWorkflowId(ctx.connectionId, source, shopOrderId), (s) => s.stage === 'DONE' || s.stage === 'HELD');
    const rackbeatRef = transfer.targetRefs.find((r) => r.startsWith('rackbeat:order:'));
    if (!rackbeatRef) {
      ctx.print(`${source} order ${shopOrderId}: ${transfer.stage}${transfer.heldReason ? ` (${transfer.heldReason}: ${transfer.heldMessage ?? ''})` : ''}`);
      results.push(transfer);
      continue;
    }
    const orderNumber = Number(rackbeatRef.split(':').pop());
    ctx.print(`${source} order ${shopOrderId}: → Rackbeat order ${orderNumber} (booked)`);
    const lifecycleId = orderWorkflowId(ctx.connectionId, orderNumber);
    await ctx.settle(lifecycleId, (s) => s.stage === 'WAITING' && s.targetRefs.length > 0);
    const shipment = await rackbeat.createShipment(orderNumber);
    await rackbeat.markShipmentShipped(shipment.id);
    const status = await ctx.settle(lifecycleId, (s) => s.stage === 'DONE' || s.stage === 'CANCELLED');
    results.push(status);
    ctx.print(`${source} order ${shopOrderId}: Rackbeat order ${orderNumber} shipped → ${status.stage} → ${status.targetRefs.join(', ')}; shop order ${await shopState(ctx, source, shopOrderId)}`);
    ctx.print(`  ${ctx.link(lifecycleId)}`);
    // A return after invoicing (in the shops whose refunds rackbridge credits): what is refunded → a booked credit note.
    if (webshopHandlesRefunds(source) && status.stage === 'DONE') results.push(await runRefundDemo(ctx, source, shopOrderId, orderNumber, refundSku));
  }
  return results;
}

/** Waits until both shops show Rackbeat's available quantity for each SKU (F4), and prints it. */
export async function checkStock(ctx: WebshopDemoContext, rackbeat: RackbeatClient, skus: string[], timeoutMs = 60_000): Promise<boolean> {
  const read = async (sku: string): Promise<{ rackbeat: number; shopify: number | undefined; woocommerce: number | undefined }> => {
    const [product, shopify, woo] = await Promise.all([
      rackbeat.getProduct(sku),
      fetch(`${ctx.sandboxUrl}/_sandbox/shopify/stock?sku=${encodeURIComponent(sku)}`).then(async (r) => ((await r.json()) as { stock: { available: number }[] }).stock[0]?.available),
      fetch(`${ctx.sandboxUrl}/_sandbox/woocommerce/stock?sku=${encodeURIComponent(sku)}`).then(async (r) => ((await r.json()) as { stock: { stock_quantity: number | null }[] }).stock[0]?.stock_quantity ?? undefined),
    ]);
    return { rackbeat: Math.floor(product.available_quantity), shopify, woocommerce: woo };
  };
  const deadline = Date.now() + timeoutMs;
  let all = true;
  for (const sku of skus) {
    let last = await read(sku);
    while ((last.shopify !== last.rackbeat || last.woocommerce !== last.rackbeat) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      last = await read(sku);
    }
    const same = last.shopify === last.rackbeat && last.woocommerce === last.rackbeat;
    all &&= same;
    ctx.print(`stock ${sku}: Rackbeat ${last.rackbeat}, Shopify ${last.shopify ?? '-'}, WooCommerce ${last.woocommerce ?? '-'}${same ? '' : '  (not converged)'}`);
  }
  return all;
}

/** How each sandbox shop shows a fulfilled order. */
const SHOP_STATE: Record<WebshopSource, (sandboxUrl: string, id: string) => Promise<string>> = {
  shopify: async (sandboxUrl, id) => {
    const shopify = new ShopifyClient({ baseUrl: `${sandboxUrl}/shopify`, accessToken: SHOPIFY_SANDBOX_CREDENTIALS.accessToken });
    return `fulfillment_status ${(await shopify.getOrder(id)).fulfillment_status ?? 'none'}`;
  },
  woocommerce: async (sandboxUrl, id) => {
    const woo = new WooCommerceClient({ baseUrl: `${sandboxUrl}/woocommerce`, ...WOOCOMMERCE_SANDBOX_CREDENTIALS });
    return `status ${(await woo.getOrder(Number(id))).status}`;
  },
};

function shopState(ctx: WebshopDemoContext, source: WebshopSource, id: string): Promise<string> {
  return SHOP_STATE[source](ctx.sandboxUrl, id);
}

