import type { FastifyInstance } from 'fastify';
import { collection } from './collection';
import { ERROR_CODES, httpError, Issues } from './errors';
import { assertOrdersWritable, bodyObject, created, FILTERABLE, numberParam, type RouteDeps } from './routes-common';
import { normalizeSalesDocument, validateSalesDocument } from './sales-document';
import type { Doc, OrderState } from './store';
import { dueDateFor } from './totals';

/**
 * Orders move drafts → sent (POST /orders/sent; locked) → archived (upgraded to a draft invoice,
 * or deleted while sent). Deleting a draft removes it. Order writes are refused on agreements
 * with the inventory module.
 */
export function registerOrderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, present } = deps;
  const show = (state: OrderState, doc: Doc, withLines = true): Doc => present.salesDocument(`orders/${state}`, 'orderNumber', doc, withLines);

  app.get('/orders', async () => ({ drafts: present.link('orders', 'drafts'), sent: present.link('orders', 'sent'), archived: present.link('orders', 'archived'), self: present.link('orders') }));

  for (const state of ['drafts', 'sent', 'archived'] as const) {
    app.get(`/orders/${state}`, async (request) => {
      const items = [...store.orders.entries()].filter(([, o]) => o.state === state).sort(([a], [b]) => a - b).map(([, o]) => o.doc);
      return collection(request, items, { url: present.link('orders', state), filterable: FILTERABLE.orders, present: (d) => show(state, d, false), metaData: () => ({}) });
    });
    app.get(`/orders/${state}/:orderNumber`, async (request) => show(state, store.order(state, numberParam(request, 'orderNumber'))));
    app.get(`/orders/${state}/:orderNumber/templates`, async (request) => {
      const n = numberParam(request, 'orderNumber');
      store.order(state, n);
      return { upgradeInstructions: present.link('orders', state, n, 'templates', 'upgrade-instructions', 'draftInvoice'), self: present.link('orders', state, n, 'templates') };
    });
    app.get(`/orders/${state}/:orderNumber/templates/upgrade-instructions/draftInvoice`, async (request) => ({
      draftInvoice: upgradeTemplate(store.order(state, numberParam(request, 'orderNumber')), deps),
    }));
  }

  app.post('/orders/drafts', async (request, reply) => {
    assertOrdersWritable(store);
    const body = validateSalesDocument(request.body, store);
    const wanted = body.orderNumber;
    if (wanted !== undefined && (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 1)) {
      const issues = new Issues();
      issues.add(['orderNumber'], ERROR_CODES.invalidValue, "Property 'orderNumber' must be a positive integer.", wanted);
      issues.throwIfAny();
    }
    const n = store.createDraftOrder(normalizeSalesDocument(body, store), wanted as number | undefined);
    return created(reply, present.link('orders', 'drafts', n), show('drafts', store.order('drafts', n)));
  });

  app.put('/orders/drafts/:orderNumber', async (request) => {
    assertOrdersWritable(store);
    const n = numberParam(request, 'orderNumber');
    store.order('drafts', n);
    const body = validateSalesDocument(request.body, store);
    store.replaceDraftOrder(n, normalizeSalesDocument(body, store));
    return show('drafts', store.order('drafts', n));
  });

  app.delete('/orders/drafts/:orderNumber', async (request, reply) => {
    assertOrdersWritable(store);
    store.deleteDraftOrder(numberParam(request, 'orderNumber'));
    return reply.code(204).send();
  });

  app.post('/orders/sent', async (request, reply) => {
    assertOrdersWritable(store);
    const raw = bodyObject(request);
    if (typeof raw.orderNumber !== 'number') {
      const issues = new Issues();
      issues.add(['orderNumber'], ERROR_CODES.required, 'POST the full draft order, including its orderNumber.', raw.orderNumber);
      issues.throwIfAny();
    }
    const body = validateSalesDocument(raw, store);
    const n = body.orderNumber as number;
    store.sendOrder(n, normalizeSalesDocument(body, store));
    return created(reply, present.link('orders', 'sent', n), show('sent', store.order('sent', n)));
  });

  app.delete('/orders/sent/:orderNumber', async (request, reply) => {
    assertOrdersWritable(store);
    store.deleteSentOrder(numberParam(request, 'orderNumber'));
    return reply.code(204).send();
  });

  for (const state of ['sent', 'archived'] as const) {
    app.put(`/orders/${state}/:orderNumber`, async () => {
      throw httpError(405, `Method not allowed: ${state} orders cannot be changed.`, 'Sent orders are locked; POST the order back to /orders/drafts to reopen it.');
    });
  }
}

/**
 * The upgrade-instructions template: a ready draft invoice built from the order, dated today.
 * It carries `orderNumber` (undeclared, like on booked invoices) so the invoice stays linked
 * to the order; POSTing it to /invoices/drafts archives a sent order.
 */
function upgradeTemplate(order: Doc, { store, present }: RouteDeps): Doc {
  const today = store.now().toISOString().slice(0, 10);
  const termsNumber = (order.paymentTerms as Doc).paymentTermsNumber as number;
  const recipient = order.recipient as Doc;
  const template: Doc = {
    orderNumber: order.orderNumber,
    date: today,
    currency: order.currency,
    exchangeRate: order.exchangeRate,
    dueDate: dueDateFor(today, store.paymentTerms.get(termsNumber) ?? {}, order.dueDate as string | undefined),
    paymentTerms: present.paymentTerms(termsNumber),
    customer: present.customerRef((order.customer as Doc).customerNumber as number),
    recipient: { ...recipient, vatZone: present.vatZone((recipient.vatZone as Doc).vatZoneNumber as number) },
    layout: { layoutNumber: (order.layout as Doc).layoutNumber, self: present.link('layouts', (order.layout as Doc).layoutNumber as number) },
    lines: ((order.lines as Doc[] | undefined) ?? []).map((line) => {
      const { totalNetAmount: _t, marginInBaseCurrency: _m, marginPercentage: _p, ...rest } = line;
      const product = rest.product as Doc | undefined;
      const unit = rest.unit as Doc | undefined;
      return {
        ...rest,
        ...(product ? { product: { productNumber: product.productNumber, self: present.link('products', product.productNumber as string) } } : {}),
        ...(unit ? { unit: present.unit(unit.unitNumber as number) } : {}),
      };
    }),
  };
  for (const key of ['delivery', 'deliveryLocation', 'notes', 'references', 'project']) if (order[key] !== undefined) template[key] = order[key];
  return template;
}
