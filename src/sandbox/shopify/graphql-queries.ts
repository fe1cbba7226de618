import { argument, type GraphqlRequest } from './graphql-args';
import { gid, parseId } from './ids';
import type { ShopifyStore } from './store';
import { money } from './totals';

const MAX_FIRST = 250;

export function firstOf(request: GraphqlRequest, field: string, fallback = 10): number {
  const value = argument(request, field, 'first');
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, MAX_FIRST) : fallback;
}

/** SKUs named in a search query such as `sku:CHAIR-01 OR sku:"DESK/120"`; undefined when none. */
export function skusIn(query: unknown): string[] | undefined {
  if (typeof query !== 'string') return undefined;
  const skus = [...query.matchAll(/\bsku:(?:"((?:[^"\\]|\\.)*)"|([^\s()]+))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '')));
  return skus.length ? skus : undefined;
}

/** `productVariants(first:, query:)`, filtering on `sku:` terms only. */
export function productVariants(store: ShopifyStore, request: GraphqlRequest): { data: Record<string, unknown>; returned: number } {
  const skus = skusIn(argument(request, 'productVariants', 'query'));
  const first = firstOf(request, 'productVariants');
  const variants = [...store.variants.values()].filter((v) => !skus || skus.includes(v.sku)).slice(0, first);
  const nodes = variants.map((v) => ({
    id: gid('ProductVariant', v.id),
    legacyResourceId: String(v.id),
    sku: v.sku,
    title: v.title,
    price: money(v.price),
    inventoryItem: { id: gid('InventoryItem', v.inventory_item_id), tracked: store.inventoryItems.get(v.inventory_item_id)?.tracked ?? false },
    product: { id: gid('Product', v.product_id), title: store.products.get(v.product_id)?.title ?? null },
  }));
  return { data: { productVariants: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } }, returned: nodes.length };
}

const FO_STATUS = { open: 'OPEN', in_progress: 'IN_PROGRESS', closed: 'CLOSED', cancelled: 'CANCELLED' } as const;

/** `order(id:) { fulfillmentOrders(first:) { nodes { id status lineItems { nodes {…} } } } }`. */
export function orderFulfillmentOrders(store: ShopifyStore, request: GraphqlRequest): { data: Record<string, unknown>; returned: number } {
  const id = parseId(argument(request, 'order', 'id'), 'Order');
  const order = id === undefined ? undefined : store.orders.get(id);
  if (!order) return { data: { order: null }, returned: 0 };
  const fos = store.fulfillmentOrdersOf(order.id).slice(0, firstOf(request, 'fulfillmentOrders'));
  const nodes = fos.map((fo) => ({
    id: gid('FulfillmentOrder', fo.id),
    status: FO_STATUS[fo.status],
    assignedLocation: { location: { id: gid('Location', fo.location_id) } },
    lineItems: {
      nodes: fo.lines.map((l) => ({
        id: gid('FulfillmentOrderLineItem', l.id),
        totalQuantity: l.quantity,
        remainingQuantity: l.fulfillable_quantity,
        lineItem: { id: gid('LineItem', l.line_item_id), sku: store.variants.get(l.variant_id)?.sku ?? null },
      })),
    },
  }));
  return { data: { order: { id: gid('Order', order.id), fulfillmentOrders: { nodes } } }, returned: nodes.length + nodes.reduce((s, n) => s + n.lineItems.nodes.length, 0) };
}
