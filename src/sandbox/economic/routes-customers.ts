import type { FastifyInstance } from 'fastify';
import { collection } from './collection';
import { notFound } from './errors';
import { bodyObject, created, FILTERABLE, numberParam, type RouteDeps } from './routes-common';
import type { Doc } from './store';
import { validateCustomer } from './validation';

export function registerCustomerRoutes(app: FastifyInstance, { store, present }: RouteDeps): void {
  app.get('/customers', async (request) =>
    collection(request, sorted(store.customers), { url: present.link('customers'), filterable: FILTERABLE.customers, present: (d) => present.customer(d) }),
  );

  app.get('/customers/:customerNumber', async (request) => {
    const doc = store.customers.get(numberParam(request, 'customerNumber'));
    if (!doc) throw notFound();
    return present.customer(doc);
  });

  app.post('/customers', async (request, reply) => {
    const body = bodyObject(request);
    validateCustomer(body, store);
    const n = store.createCustomer(toStored(body));
    return created(reply, present.link('customers', n), present.customer(store.customers.get(n) as Doc));
  });

  app.put('/customers/:customerNumber', async (request) => {
    const n = numberParam(request, 'customerNumber');
    if (!store.customers.has(n)) throw notFound();
    const body = bodyObject(request);
    validateCustomer(body, store, n);
    store.replaceCustomer(n, toStored(body));
    return present.customer(store.customers.get(n) as Doc);
  });
}

/** Keeps what the caller sent minus read-only and link properties, references by number. */
function toStored(body: Doc): Doc {
  const { balance: _b, dueAmount: _d, self: _s, contacts: _c, templates: _t, totals: _to, invoices: _i, deliveryLocations: _dl, metaData: _m, ...rest } = body;
  const refs: Doc = {};
  for (const [key, id] of [['customerGroup', 'customerGroupNumber'], ['vatZone', 'vatZoneNumber'], ['paymentTerms', 'paymentTermsNumber'], ['layout', 'layoutNumber']] as const) {
    const ref = rest[key] as Doc | undefined;
    if (ref) refs[key] = { [id]: ref[id] ?? Number(String(ref.self).split('/').pop()) };
  }
  return { ...rest, ...refs };
}

function sorted<K extends number | string>(map: Map<K, Doc>): Doc[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, doc]) => doc);
}
