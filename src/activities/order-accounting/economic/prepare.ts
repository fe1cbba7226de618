import type { OrderSettings } from '../../../config';
import type { SalesDocumentInput } from '../../../connectors/economic';
import type { RackbeatOrder } from '../../../connectors/rackbeat';
import { type EconomicMapping, holdReasons, mapSalesDocument, preflightOrder } from '../../../domain/economic';
import type { PaymentTermsInfo } from '../../../domain/economic/preflight-checks';
import type { Hold, OrderContext } from '../../../domain/order';
import type { ShopRefund } from '../../../domain/webshop/shop-refund';
import { draftRefundLines, refundLineSettings } from './refund-lines';
import { type OrderActivityDeps, orderSystems, today } from './systems';

/** Preflight and master data: returns the document type to create, or why the transfer is held. */
export async function prepareOrder(deps: OrderActivityDeps, ctx: OrderContext, settings: OrderSettings, order: RackbeatOrder): Promise<{ documentType: 'order' | 'invoice'; did: string[] } | { hold: Hold }> {
  const { rackbeat, economic, mapping } = orderSystems(deps.clients, ctx);
  if (!order.customer) return { hold: { code: 'CUSTOMER_MISSING', message: `Rackbeat order ${order.number} has no customer: set one in Rackbeat.` } };
  const catalog = await deps.catalogs.get(ctx.connectionId, economic);
  // A BOM line (`child_type: lot`) is read from /lots, a product line from /products (rackbeat-verified §0.6, §7).
  const items = [...new Map(order.lines.map((l) => [`${l.child_type}:${l.item.number}`, l])).values()];
  const unknownType = items.find((l) => l.child_type !== 'product' && l.child_type !== 'lot');
  if (unknownType) return { hold: holdReasons.lineTypeUnsupported(order.number, unknownType.item.number, unknownType.child_type) };
  const [customer, ...products] = await Promise.all([rackbeat.getCustomer(order.customer.number), ...items.map((l) => rackbeat.getLineItem(l))]);
  const preflight = preflightOrder({ order, customer, products, catalog, mapping, documentType: settings.documentType, sendBy: settings.sendBy });
  if (!preflight.ok) return { hold: preflight.hold };
  const did = [...preflight.notes];
  const customerDid = await deps.masterData.ensureCustomer(ctx.connectionId, economic, customer, mapping, order.payment_terms?.number);
  if (customerDid) did.push(customerDid);
  for (const product of products) {
    const productDid = await deps.masterData.ensureProduct(ctx.connectionId, economic, product, mapping);
    if (productDid) did.push(productDid);
  }
  return { documentType: preflight.documentType, did };
}

/**
 * The document body for the order, with the lines that take the shop's refunds off it (refunds
 * that arrived before invoicing), or why those lines cannot be made.
 */
export function documentBody(deps: OrderActivityDeps, ctx: OrderContext, order: RackbeatOrder, mapping: EconomicMapping, paymentTerms: readonly PaymentTermsInfo[] | undefined, refunds: readonly ShopRefund[] | undefined): { body: () => SalesDocumentInput } | { hold: Hold } {
  const base = (): SalesDocumentInput => mapSalesDocument(order, { connectionId: ctx.connectionId, date: today(), mapping, paymentTerms });
  if (!refunds || refunds.length === 0) return { body: base };
  const extra = draftRefundLines(refunds, refundLineSettings(deps.clients, ctx.connectionId), order.lines.length + 1);
  if ('hold' in extra) return { hold: extra.hold };
  return {
    body: () => {
      const mapped = base();
      return { ...mapped, lines: [...(mapped.lines ?? []), ...extra.lines] };
    },
  };
}
