import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collection } from './collection';
import { badRequest, notFound } from './errors';
import { idFromSelf, unescapeId } from './paths';
import { bodyObject, created, FILTERABLE, type RouteDeps } from './routes-common';
import type { Doc } from './store';
import { validateProduct } from './validation';

/** Product numbers are strings and travel in paths with e-conomic's `_N_` escaping (restdocs). */
export function registerProductRoutes(app: FastifyInstance, { store, present }: RouteDeps): void {
  const productNumber = (request: FastifyRequest): string => unescapeId((request.params as { productNumber: string }).productNumber);

  app.get('/products', async (request) => {
    const items = [...store.products.values()].sort((a, b) => String(a.productNumber).localeCompare(String(b.productNumber)));
    return collection(request, items, { url: present.link('products'), filterable: FILTERABLE.products, present: (d) => present.product(d), metaData: (href) => ({ create: { description: 'Create a new product', href, httpMethod: 'post' } }) });
  });

  app.get('/products/:productNumber', async (request) => {
    const doc = store.products.get(productNumber(request));
    if (!doc) throw notFound();
    return present.product(doc);
  });

  app.post('/products', async (request, reply) => {
    const body = bodyObject(request);
    validateProduct(body, store);
    const n = store.createProduct(toStored(body));
    return created(reply, present.link('products', n), present.product(store.products.get(n) as Doc));
  });

  app.put('/products/:productNumber', async (request) => {
    const n = productNumber(request);
    if (!store.products.has(n)) throw notFound();
    const body = bodyObject(request);
    validateProduct(body, store);
    if (body.productNumber !== n) throw badRequest('The productNumber in the body does not match the URL.', 'PUT replaces the product at this URL; keep productNumber unchanged.');
    store.replaceProduct(n, toStored(body));
    return present.product(store.products.get(n) as Doc);
  });
}

function toStored(body: Doc): Doc {
  const { self: _s, invoices: _i, pricing: _p, metaData: _m, lastUpdated: _l, ...rest } = body;
  const group = rest.productGroup as Doc;
  const unit = rest.unit as Doc | undefined;
  return {
    ...rest,
    productGroup: { productGroupNumber: group.productGroupNumber ?? Number(idFromSelf(String(group.self))) },
    ...(unit ? { unit: { unitNumber: unit.unitNumber ?? Number(idFromSelf(String(unit.self))) } } : {}),
  };
}
