import { parseShopifyJson } from '../connectors/shopify/json';
import type { TransferStatus } from '../workflows/common/transfer-status';
import { orderWorkflowId } from '../workflows/order/contract';
import { webshopRefundWorkflowId } from '../workflows/webshop/refund-contract';
import type { WebshopDemoContext } from './demo-context';

/**
 * The refund leg of the demo: staff refund one unit of the first line and the shipping of an
 * invoiced Shopify order; rackbridge books one e-conomic credit note for exactly that. Returns the
 * order lifecycle's status once the credit step is done (or held).
 */
export async function runRefundDemo(ctx: WebshopDemoContext, shopOrderId: string, rackbeatOrder: number, sku: string): Promise<TransferStatus> {
  const res = await fetch(`${ctx.sandboxUrl}/_sandbox/shopify/orders/${shopOrderId}/refunds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines: [{ sku, quantity: 1 }], shipping: true, note: 'one returned, shipping refunded' }),
  });
  if (!res.ok) throw new Error(`refunding Shopify order ${shopOrderId} in the sandbox failed: HTTP ${res.status} ${await res.text()}`);
  const refund = (parseShopifyJson(await res.text()) as { refund: { id: string | number; transactions: { amount: string }[] } }).refund;
  const refundId = String(refund.id);
  ctx.print(`shopify order ${shopOrderId}: partial refund ${refundId} of ${refund.transactions[0]?.amount ?? '?'} (1 × ${sku} and the shipping)`);
  await ctx.settle(webshopRefundWorkflowId(ctx.connectionId, 'shopify', refundId), (s) => s.stage === 'DONE' || s.stage === 'HELD');
  const lifecycleId = orderWorkflowId(ctx.connectionId, rackbeatOrder);
  const step = `credit shopify refund ${refundId}`;
  const status = await ctx.settle(lifecycleId, (s) => s.stage === 'HELD' || (s.stage === 'DONE' && s.steps.some((st) => st.name === step && st.result === 'ok')));
  const credited = status.steps.filter((st) => st.name === step).pop();
  ctx.print(`shopify refund ${refundId}: ${status.stage === 'HELD' ? `HELD (${status.heldReason}: ${status.heldMessage ?? ''})` : credited?.detail ?? status.stage}`);
  ctx.print(`  ${ctx.link(lifecycleId)}`);
  return status;
}
