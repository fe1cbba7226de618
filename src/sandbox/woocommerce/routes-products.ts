import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WooDeps } from './deps';
import { invalidProductId, invalidVariationId } from './errors';
import { matchesTime, readEnum, readIdList, readTimeFilters } from './filters';
import { bodyOf, idParam, type Json, queryOf, sendPage, sortItems, toInteger } from './http';
import type { ProductRecord, VariationRecord } from './models';

const ORDER_BY = ['date', 'id', 'include', 'title', 'slug', 'modified', 'price', 'popularity', 'rating', 'menu_order'] as const;

/** `/products` and `/products/{id}/variations` (woo-docs `_products.md`, `_product-variations.md`). */
export function registerProductRoutes(app: FastifyInstance, deps: WooDeps): void {
  const { store, views, products, mutate, settings } = deps;
  const productId = (request: FastifyRequest, name = 'id') => idParam(request, name, invalidProductId);
  const variationId = (request: FastifyRequest) => idParam(request, 'vid', invalidVariationId);
  const render = (record: ProductRecord | VariationRecord): Json => ('parent_id' in record ? views.variationAsProduct(record) : views.product(record));

  app.get('/products', async (request, reply) => {
    const query = queryOf(request);
    const times = readTimeFilters(query, settings.timezone);
    const include = readIdList(query.include, 'include');
    const orderby = readEnum(query.orderby, 'orderby', ORDER_BY, 'date');
    const order = readEnum(query.order, 'order', ['asc', 'desc'] as const, 'desc');
    let records: Array<ProductRecord | VariationRecord> = [...store.products.values()];
    if (query.sku !== undefined && query.sku !== '') {
      // As upstream: a comma list is split, the whole string counts too, and variations match.
      const skus = new Set([query.sku, ...query.sku.split(',')].map((s) => s.trim().toLowerCase()));
      records = [...store.products.values(), ...store.variations.values()].filter((p) => p.sku !== '' && skus.has(p.sku.toLowerCase()));
    }
    if (query.type) records = records.filter((p) => !('parent_id' in p) && p.type === query.type);
    if (query.status && query.status !== 'any') records = records.filter((p) => 'parent_id' in p || p.status === query.status);
    records = records.filter((p) => matchesTime(p, times) && (include === undefined || include.includes(p.id)));
    const field = orderby === 'modified' ? 'date_modified_gmt' : orderby === 'title' ? 'name' : orderby === 'date' ? 'date_created_gmt' : 'id';
    return sendPage(request, reply, sortItems(records.map(render), field, order), `${deps.apiUrl()}/products`);
  });

  app.get('/products/:id', async (request) => {
    const id = productId(request);
    const variation = store.variations.get(id);
    return variation ? views.variationAsProduct(variation) : views.product(store.product(id));
  });

  app.post('/products', async (request, reply) => {
    const created = mutate((events) => products.createProduct(bodyOf(request), events));
    return reply.code(201).send(views.product(created));
  });

  app.put('/products/:id', async (request) => {
    const product = store.product(productId(request));
    mutate((events) => products.update(product, bodyOf(request), events));
    return views.product(product);
  });

  app.delete('/products/:id', async (request) => {
    const product = store.product(productId(request));
    const rendered = views.product(product);
    mutate((events) => products.deleteProduct(product, events));
    return rendered;
  });

  app.post('/products/batch', async (request) =>
    mutate((events) =>
      products.batch(bodyOf(request), {
        create: (item) => views.product(products.createProduct(item, events)),
        update: (item) => {
          const product = store.product(toInteger(item.id) ?? 0);
          products.update(product, item, events);
          return views.product(product);
        },
        delete: (id) => {
          const product = store.product(id);
          const rendered = views.product(product);
          products.deleteProduct(product, events);
          return rendered;
        },
      }),
    ),
  );

  app.get('/products/:id/variations', async (request, reply) => {
    const parent = store.product(productId(request));
    const items = parent.variations.map((id) => store.variations.get(id)).filter((v) => v !== undefined).map((v) => views.variation(v));
    return sendPage(request, reply, sortItems(items, 'id', 'desc'), `${deps.apiUrl()}/products/${parent.id}/variations`);
  });

  app.post('/products/:id/variations', async (request, reply) => {
    const parent = store.product(productId(request));
    const created = mutate((events) => products.createVariation(parent, bodyOf(request), events));
    return reply.code(201).send(views.variation(created));
  });

  app.get('/products/:id/variations/:vid', async (request) => views.variation(store.variation(productId(request), variationId(request))));

  app.put('/products/:id/variations/:vid', async (request) => {
    const variation = store.variation(productId(request), variationId(request));
    mutate((events) => products.update(variation, bodyOf(request), events));
    return views.variation(variation);
  });

  app.delete('/products/:id/variations/:vid', async (request) => {
    const variation = store.variation(productId(request), variationId(request));
    const rendered = views.variation(variation);
    mutate((events) => products.deleteVariation(variation, events));
    return rendered;
  });

  app.post('/products/:id/variations/batch', async (request) => {
    const parent = store.product(productId(request));
    return mutate((events) =>
      products.batch(bodyOf(request), {
        create: (item) => views.variation(products.createVariation(parent, item, events)),
        update: (item) => {
          const variation = store.variation(parent.id, toInteger(item.id) ?? 0);
          products.update(variation, item, events);
          return views.variation(variation);
        },
        delete: (id) => {
          const variation = store.variation(parent.id, id);
          const rendered = views.variation(variation);
          products.deleteVariation(variation, events);
          return rendered;
        },
      }),
    );
  });
}
