import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WooDeps } from './deps';
import type { OrderRecord } from './models';
import { roundHalfUp } from './money';
import type { NewRefundSpec } from './refunds';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const refundBody = z
  .object({
    lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }).strict()).default([]),
    shipping: z.boolean().default(false),
    reason: z.string().default(''),
  })
  .strict();

/** The tax rate id the simulator renders for an item's tax (present.ts): 2 for zero-rate, else 1. */
const rateIdOf = (taxClass: string) => (taxClass === 'zero-rate' ? 2 : 1);

/**
 * What the wp-admin refund screen sends to `wc_create_refund` when staff pick quantities: per item
 * the quantity, the line's amount and tax pro rata (`refund_total`, `refund_tax` by rate id), and
 * the amount as their sum; `shipping: true` refunds the shipping lines in full.
 */
function adminRefund(order: OrderRecord, body: z.output<typeof refundBody>): NewRefundSpec {
  const items: NewRefundSpec['items'] = new Map();
  let amount = 0;
  for (const pick of body.lines) {
    const line = order.lines.find((l) => l.sku.toLowerCase() === pick.sku.toLowerCase());
    if (!line) throw Object.assign(new Error(`order ${order.id} has no line with SKU ${pick.sku}`), { statusCode: 400 });
    const total = roundHalfUp((line.total * pick.quantity) / line.quantity);
    const tax = roundHalfUp((line.total_tax * pick.quantity) / line.quantity);
    items.set(line.id, { qty: pick.quantity, refundTotal: total, refundTax: new Map([[rateIdOf(line.tax_class), tax]]) });
    amount += total + tax;
  }
  if (body.shipping) {
    for (const ship of order.shipping_lines) {
      items.set(ship.id, { qty: 0, refundTotal: ship.total, refundTax: new Map([[1, ship.total_tax]]) });
      amount += ship.total + ship.total_tax;
    }
  }
  return { amount, reason: body.reason, items, refundPayment: true, restock: true };
}

/** `/_sandbox/woocommerce/orders/:id/refunds`: staff refunding items in wp-admin (the REST route takes the amounts themselves). */
export function registerRefundControl(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, refunds, mutate } = deps;
  app.post('/orders/:id/refunds', async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const order = store.order(id);
    const spec = adminRefund(order, refundBody.parse(request.body ?? {}));
    const refund = mutate((events) => refunds.create(order, spec, events));
    return reply.code(201).send({ refund: views.refund(order, refund), order: views.order(order) });
  });
}
