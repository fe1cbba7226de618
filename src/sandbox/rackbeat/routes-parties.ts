import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../defaults';
import type { RouteDeps } from './deps';
import { bodyOf, intParam, sendList } from './http';

function numberParam(request: FastifyRequest, what: string): number {
  return intParam((request.params as { number: string }).number, what);
}

/** `/self`, customers, products, product groups and payment terms. */
export function registerPartyRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, views, parties, mutate } = deps;

  app.get('/self', async () => ({
    user: { id: 1, name: 'Sandbox User', email: 'sandbox@rackbridge.test' },
    user_account: { id: SANDBOX_CREDENTIALS.rackbeat.accountId, name: 'Rackbridge Sandbox ApS', company_name: 'Rackbridge Sandbox ApS' },
  }));

  app.get('/customers', async (request, reply) =>
    sendList(
      request,
      reply,
      { key: 'customers', flags: ['is_barred'], searchIn: ['number', 'name', 'contact_email'] },
      [...store.customers.values()].sort((a, b) => a.number - b.number).map((c) => views.customer(c)),
    ),
  );
  app.get('/customers/:number', async (request) => ({ customer: views.customer(store.customer(numberParam(request, 'Customer'))) }));
  app.post('/customers', async (request, reply) => {
    const customer = mutate(request, (events) => parties.createCustomer(bodyOf(request), events));
    return reply.code(201).send({ customer: views.customer(customer) });
  });
  app.put('/customers/:number', async (request) => {
    const customer = mutate(request, (events) => parties.updateCustomer(numberParam(request, 'Customer'), bodyOf(request), events));
    return { customer: views.customer(customer) };
  });

  app.delete('/customers/:number', async (request) => {
    mutate(request, (events) => parties.deleteCustomer(numberParam(request, 'Customer'), events));
    return {};
  });

  app.get('/products', async (request, reply) =>
    sendList(
      request,
      reply,
      { key: 'products', flags: ['is_barred'], searchIn: ['number', 'name', 'barcode'], exact: { group_id: 'group_id' } },
      [...store.products.values()].sort((a, b) => a.id - b.id).map((p) => views.product(p)),
    ),
  );
  // Fastify decodes the path, so `ABC%2F123` arrives as `ABC/123`; `urlfriendly_number` works too.
  app.get('/products/:number', async (request) => ({ product: views.product(store.product((request.params as { number: string }).number)) }));
  app.post('/products', async (request, reply) => {
    const product = mutate(request, (events) => parties.createProduct(bodyOf(request), events));
    return reply.code(201).send({ product: views.product(product) });
  });
  app.put('/products/:number', async (request) => {
    const number = (request.params as { number: string }).number;
    const product = mutate(request, (events) => parties.updateProduct(number, bodyOf(request), events));
    return { product: views.product(product) };
  });

  app.delete('/products/:number', async (request) => {
    const number = (request.params as { number: string }).number;
    mutate(request, (events) => parties.deleteProduct(number, events));
    return {};
  });

  // `/lots` is VERIFIED (laravel-client ItemFilters); `GET /lots/{n}` answers `lot` like products answer `product`.
  app.get('/lots', async (request, reply) =>
    sendList(request, reply, { key: 'lots', flags: ['is_barred'], searchIn: ['number', 'name'] }, [...store.lots.values()].sort((a, b) => a.id - b.id).map((l) => views.lot(l))),
  );
  app.get('/lots/:number', async (request) => ({ lot: views.lot(store.lot((request.params as { number: string }).number)) }));

  // The customer-group route is UNKNOWN upstream; the simulator answers it so `doctor` can check a group.
  app.get('/customer-groups', async (request, reply) =>
    sendList(request, reply, { key: 'customer_groups', searchIn: ['name'] }, [...store.customerGroups.values()].map((g) => views.customerGroup(g))),
  );
  app.get('/customer-groups/:number', async (request) => ({ customer_group: views.customerGroup(store.customerGroup(numberParam(request, 'Customer group'))) }));

  app.get('/product-groups', async (request, reply) =>
    sendList(request, reply, { key: 'product_groups', searchIn: ['name'] }, [...store.productGroups.values()].map((g) => views.productGroup(g))),
  );
  app.get('/product-groups/:number', async (request) => ({ product_group: views.productGroup(store.productGroup(numberParam(request, 'Product group'))) }));

  app.get('/payment-terms', async (request, reply) =>
    sendList(request, reply, { key: 'payment_terms', searchIn: ['name'] }, [...store.paymentTerms.values()].map((t) => views.paymentTerm(t))),
  );
  app.get('/payment-terms/:number', async (request) => ({ payment_term: views.paymentTerm(store.paymentTerm(numberParam(request, 'Payment term'))) }));
}
