import { parseShopifyJson } from '../connectors/shopify/json';
import { webshopLabel, type WebshopSource } from '../domain/webshop/shops';
import type { TransferStatus } from '../workflows/common/transfer-status';
import { orderWorkflowId } from '../workflows/order/contract';
import { webshopRefundWorkflowId } from '../workflows/webshop/refund-contract';
import type { WebshopDemoContext } from './demo-context';

/** What staff refund in each shop's sandbox (its control route), and how the answer names the refund and its amount. */
const REFUNDS: Record<WebshopSource, { body: (sku: string | undefined) => unknown; read: (answer: unknown) => { id: string; amount: string } }> = {
  shopify: {
    body: (sku) => ({ lines: sku ? [{ sku, quantity: 1 }] : [], shipping: true, note: 'one returned, shipping refunded' }),
    read: (answer) => {
      const { refund } = answer as { refund: { id: string | number; transactions: { amount: string }[] } };
      return { id: String(refund.id), amount: refund.transactions[0]?.amount ?? '?' };
    },
  },
  woocommerce: {
    body: (sku) => ({ lines: sku ? [{ sku, quantity: 1 }] : [], shipping: true, reason: 'one returned, shipping refunded' }),
    read: (answer) => {
      const { refund } = answer as { refund: { id: number; amount: string } };
      return { id: String(refund.id), amount: refund.amount };
    },
  },
};

/**
 * The refund leg of the demo: staff refund one unit of `sku` (none: the shipping alone) and the
 * shipping of an invoiced shop order; rackbridge books one e-conomic credit note for exactly that.
 * Returns the order lifecycle's status once the credit step is done (or held).
 */
export async function runRefundDemo(ctx: WebshopDemoContext, source: WebshopSource, shopOrderId: string, rackbeatOrder: number, sku: string | undefined): Promise<TransferStatus> {
  const shop = REFUNDS[source];
  const res = await fetch(`${ctx.sandboxUrl}/_sandbox/${source}/orders/${shopOrderId}/refunds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(shop.body(sku)) });
  if (!res.ok) throw new Error(`refunding ${webshopLabel(source)} order ${shopOrderId} in the sandbox failed: HTTP ${res.status} ${await res.text()}`);
  const refund = shop.read(parseShopifyJson(await res.text()));
  ctx.print(`${source} order ${shopOrderId}: partial refund ${refund.id} of ${refund.amount} (${sku ? `1 × ${sku} and ` : ''}the shipping)`);
  await ctx.settle(webshopRefundWorkflowId(ctx.connectionId, source, refund.id), (s) => s.stage === 'DONE' || s.stage === 'HELD');
  const lifecycleId = orderWorkflowId(ctx.connectionId, rackbeatOrder);
  const step = `credit ${source} refund ${refund.id}`;
  const status = await ctx.settle(lifecycleId, (s) => s.stage === 'HELD' || (s.stage === 'DONE' && s.steps.some((st) => st.name === step && st.result === 'ok')));
  const credited = status.steps.filter((st) => st.name === step).pop();
  ctx.print(`${source} refund ${refund.id}: ${status.stage === 'HELD' ? `HELD (${status.heldReason}: ${status.heldMessage ?? ''})` : credited?.detail ?? status.stage}`);
  ctx.print(`  ${ctx.link(lifecycleId)}`);
  return status;
}
