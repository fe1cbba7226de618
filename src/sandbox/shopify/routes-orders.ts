import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';
import { unprocessable } from './errors';
import { idList, pageRequest, pathId, queryOf, sendPage, timestampParam } from './http';
import type { OrderRecord } from './models';
import { fulfillmentStatus, orderView } from './views-order';

const API = '/admin/api/:version';
const STATUSES = ['open', 'closed', 'cancelled', 'any'] as const;

function matchesStatus(order: OrderRecord, status: string): boolean {
  switch (status) {
    case 'any':
      return true;
    case 'cancelled':
      return order.cancelled_at !== null;
    case 'closed':
      return order.closed_at !== null;
    default:
      return order.closed_at === null && order.cancelled_at === null;
  }
}

/** Orders and their fulfillment orders (REST Admin API, read only: orders are placed via the control API). */
export function registerOrderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store } = deps;

  app.get(`${API}/orders.json`, async (request, reply) => {
    const { version } = request.params as { version: string };
    const page = pageRequest(queryOf(request), ['ids', 'status', 'financial_status', 'fulfillment_status', 'updated_at_min', 'updated_at_max', 'created_at_min']);
    const f = page.filters;
    // Shopify's default is status=open: callers that want every order must say status=any.
    const status = f.status ?? 'open';
    if (!(STATUSES as readonly string[]).includes(status)) throw unprocessable('status', 'is invalid');
    const ids = idList(f.ids);
    const updatedMin = timestampParam(f.updated_at_min, 'updated_at_min');
    const updatedMax = timestampParam(f.updated_at_max, 'updated_at_max');
    const createdMin = timestampParam(f.created_at_min, 'created_at_min');
    const orders = [...store.orders.values()].filter((o) => {
      const updated = Date.parse(o.updated_at);
      return (
        matchesStatus(o, status) &&
        (!ids || ids.includes(o.id)) &&
        (!f.financial_status || f.financial_status === 'any' || o.financial_status === f.financial_status) &&
        (!f.fulfillment_status || f.fulfillment_status === 'any' || (f.fulfillment_status === 'unshipped' ? fulfillmentStatus(o) === null : fulfillmentStatus(o) === f.fulfillment_status)) &&
        (updatedMin === undefined || updated >= updatedMin) &&
        (updatedMax === undefined || updated <= updatedMax) &&
        (createdMin === undefined || Date.parse(o.created_at) >= createdMin)
      );
    });
    return sendPage(reply, { ...page, key: 'orders', url: `${deps.publicBase()}/admin/api/${version}/orders.json` }, orders, (o) => orderView(store, o));
  });

  app.get(`${API}/orders/count.json`, async (request) => {
    const status = queryOf(request).status ?? 'open';
    return { count: [...store.orders.values()].filter((o) => matchesStatus(o, status)).length };
  });

  app.get(`${API}/orders/:id.json`, async (request) => ({ order: orderView(store, store.order(pathId(request))) }));

  app.get(`${API}/orders/:id/fulfillment_orders.json`, async (request) => ({ fulfillment_orders: deps.orders.fulfillmentOrders(pathId(request)) }));
}
