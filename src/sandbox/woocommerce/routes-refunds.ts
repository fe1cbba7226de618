import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WooDeps } from './deps';
import { WpError } from './errors';
import { bodyOf, idParam, queryOf, sendPage, toBoolean } from './http';
import { readRefundRequest } from './refunds';

/** `WC_REST_Order_Refunds_V2_Controller::prepare_object_for_database` / `prepare_object_for_response` for a missing order. */
const invalidRefundOrder = () => new WpError(404, 'woocommerce_rest_invalid_order_id', 'Invalid order ID.');
const invalidRefundId = () => new WpError(404, 'woocommerce_rest_shop_order_refund_invalid_id', 'Invalid ID.');

/** `/orders/{id}/refunds` (woo-docs `_order-refunds.md`): create, list, retrieve, delete. */
export function registerRefundRoutes(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, refunds, mutate } = deps;
  const orderOf = (request: FastifyRequest) => {
    const order = store.orders.get(idParam(request, 'id', invalidRefundOrder));
    if (!order) throw invalidRefundOrder();
    return order;
  };

  app.get('/orders/:id/refunds', async (request, reply) => {
    const order = orderOf(request);
    const direction = queryOf(request).order === 'asc' ? -1 : 1;
    const items = [...order.refunds].sort((a, b) => direction * (b.created_at - a.created_at || b.id - a.id)).map((r) => views.refund(order, r));
    return sendPage(request, reply, items, `${deps.apiUrl()}/orders/${order.id}/refunds`);
  });

  app.get('/orders/:id/refunds/:refundId', async (request) => {
    const order = orderOf(request);
    return views.refund(order, refunds.refund(order, idParam(request, 'refundId', invalidRefundId)));
  });

  /** `wc_create_refund`: the order's `refunds[]` lists it and `order.updated` fires (`woocommerce_order_refunded`). */
  app.post('/orders/:id/refunds', async (request, reply) => {
    const order = orderOf(request);
    const spec = readRefundRequest(bodyOf(request));
    const refund = mutate((events) => refunds.create(order, spec, events));
    return reply.code(201).header('Location', `${deps.apiUrl()}/orders/${order.id}/refunds/${refund.id}`).send(views.refund(order, refund));
  });

  /** Refunds cannot be trashed (`force` must be true); the deletion fires no webhook (WooCommerce issue #26532). */
  app.delete('/orders/:id/refunds/:refundId', async (request) => {
    const order = orderOf(request);
    const refundId = idParam(request, 'refundId', invalidRefundId);
    if (toBoolean(queryOf(request).force) === false) throw new WpError(501, 'woocommerce_rest_trash_not_supported', 'Refunds do not support trashing.');
    const rendered = views.refund(order, refunds.refund(order, refundId));
    refunds.delete(order, refundId);
    return rendered;
  });
}
