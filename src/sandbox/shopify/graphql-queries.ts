import { gid, parseId } from './ids';
import type { ShopifyStore } from './store';
import { money } from './totals';

const MAX_FIRST = 250;
const DEFAULT_FIRST = 10;

/** `first:` as the simulator pages: Shopify requires first or last; without either the simulator takes 10 (tolerant). */
export function pageSize(first: unknown): number {
  return typeof first === 'number' && Number.isInteger(first) && first > 0 ? Math.min(first, MAX_FIRST) : DEFAULT_FIRST;
}

/** SKUs named in a search query such as `sku:CHAIR-01 OR sku:"DESK/120"`; undefined when none. */
export function skusIn(query: unknown): string[] | undefined {
  if (typeof query !== 'string') return undefined;
  const skus = [...query.matchAll(/\bsku:(?:"((?:[^"\\]|\\.)*)"|([^\s()]+))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '')));
  return skus.length ? skus : undefined;
}

const cursorOf = (id: bigint): string => Buffer.from(`cursor:${id}`).toString('base64url');

/** `productVariants(first:, query:)` → `ProductVariantConnection`, filtering on `sku:` terms only. */
export function productVariants(store: ShopifyStore, args: { first?: unknown; query?: unknown }): { connection: Record<string, unknown>; returned: number } {
  const skus = skusIn(args.query);
  const variants = [...store.variants.values()].filter((v) => !skus || skus.includes(v.sku)).slice(0, pageSize(args.first));
  const nodes = variants.map((v) => ({
    id: gid('ProductVariant', v.id),
    legacyResourceId: String(v.id),
    sku: v.sku,
    title: v.title,
    price: money(v.price),
    inventoryItem: { id: gid('InventoryItem', v.inventory_item_id), legacyResourceId: String(v.inventory_item_id), sku: v.sku, tracked: store.inventoryItems.get(v.inventory_item_id)?.tracked ?? false },
    product: { id: gid('Product', v.product_id), legacyResourceId: String(v.product_id), title: store.products.get(v.product_id)?.title ?? '', handle: store.products.get(v.product_id)?.handle ?? '' },
  }));
  const edges = variants.map((v, i) => ({ cursor: cursorOf(v.id), node: nodes[i] }));
  const pageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
  return { connection: { nodes, edges, pageInfo }, returned: nodes.length };
}

const FO_STATUS = { open: 'OPEN', in_progress: 'IN_PROGRESS', closed: 'CLOSED', cancelled: 'CANCELLED' } as const;
const NO_MORE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

/**
 * `order(id:)` → `Order`, its `fulfillmentOrders(first:) { nodes { lineItems(first:) } }` resolved
 * on demand; `count` is told how many objects came back (for the actual query cost).
 */
export function orderById(store: ShopifyStore, id: unknown, count: (returned: number) => void): Record<string, unknown> | null {
  const orderId = parseId(id, 'Order');
  const order = orderId === undefined ? undefined : store.orders.get(orderId);
  if (!order) return null;
  return {
    id: gid('Order', order.id),
    legacyResourceId: String(order.id),
    name: `#${order.order_number}`,
    fulfillmentOrders: (args: { first?: unknown }) => {
      const fos = store.fulfillmentOrdersOf(order.id).slice(0, pageSize(args.first));
      count(fos.length);
      const nodes = fos.map((fo) => ({
        id: gid('FulfillmentOrder', fo.id),
        status: FO_STATUS[fo.status],
        assignedLocation: { location: { id: gid('Location', fo.location_id), legacyResourceId: String(fo.location_id), name: store.locations.get(fo.location_id)?.name ?? '' } },
        lineItems: (lineArgs: { first?: unknown }) => {
          const lines = fo.lines.slice(0, pageSize(lineArgs.first));
          count(lines.length);
          return {
            nodes: lines.map((l) => ({
              id: gid('FulfillmentOrderLineItem', l.id),
              totalQuantity: l.quantity,
              remainingQuantity: l.fulfillable_quantity,
              lineItem: { id: gid('LineItem', l.line_item_id), sku: store.variants.get(l.variant_id)?.sku ?? null },
            })),
            pageInfo: NO_MORE,
          };
        },
      }));
      return { nodes, pageInfo: NO_MORE };
    },
  };
}
