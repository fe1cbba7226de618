import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './deps';
import { unprocessable } from './errors';
import { bodyOf, idList, limitParam, pageRequest, pathId, queryOf, rootOf, sendPage, timestampParam } from './http';
import { parseId } from './ids';
import { inventoryItemView, levelView, locationView, productView, variantView } from './views-catalog';

const API = '/admin/api/:version';

/** Products, variants, inventory items, locations and inventory levels (REST Admin API). */
export function registerCatalogRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, catalog } = deps;

  app.get(`${API}/products.json`, async (request, reply) => {
    const { version } = request.params as { version: string };
    const q = queryOf(request);
    const page = pageRequest(q, ['ids', 'updated_at_min']);
    const { filters } = page;
    const ids = idList(filters.ids);
    const min = timestampParam(filters.updated_at_min, 'updated_at_min');
    const products = [...store.products.values()].filter((p) => (!ids || ids.includes(p.id)) && (min === undefined || Date.parse(p.updated_at) >= min));
    return sendPage(reply, { ...page, key: 'products', url: `${deps.publicBase()}/admin/api/${version}/products.json` }, products, (p) => productView(store, p));
  });

  app.get(`${API}/products/:id.json`, async (request) => ({ product: productView(store, store.product(pathId(request))) }));

  app.post(`${API}/products.json`, async (request, reply) => {
    const body = rootOf(request, 'product');
    const product = deps.mutate((events) => catalog.createProduct(body, events));
    return reply.code(201).send({ product: productView(store, product) });
  });

  app.put(`${API}/products/:id.json`, async (request) => {
    const id = pathId(request);
    const body = rootOf(request, 'product');
    const product = deps.mutate((events) => catalog.updateProduct(id, body, events));
    return { product: productView(store, product) };
  });

  app.delete(`${API}/products/:id.json`, async (request) => {
    const id = pathId(request);
    deps.mutate((events) => catalog.deleteProduct(id, events));
    return {};
  });

  app.get(`${API}/variants/:id.json`, async (request) => ({ variant: variantView(store, store.variant(pathId(request))) }));

  app.put(`${API}/variants/:id.json`, async (request) => {
    const variant = store.variant(pathId(request));
    const body = rootOf(request, 'variant');
    deps.mutate((events) => catalog.updateVariant(variant, body, events));
    return { variant: variantView(store, variant) };
  });

  app.get(`${API}/inventory_items/:id.json`, async (request) => ({ inventory_item: inventoryItemView(store.inventoryItem(pathId(request))) }));

  app.get(`${API}/locations.json`, async () => ({ locations: [...store.locations.values()].map(locationView) }));
  app.get(`${API}/locations/:id.json`, async (request) => ({ location: locationView(store.location(pathId(request))) }));

  app.get(`${API}/inventory_levels.json`, async (request) => {
    const q = queryOf(request);
    const items = idList(q.inventory_item_ids);
    const locations = idList(q.location_ids);
    // Message unconfirmed upstream; Shopify requires one of the two filters.
    if (!items && !locations) throw unprocessable('base', 'inventory_item_ids or location_ids must be present');
    const levels = [...store.levels.values()].filter((l) => (!items || items.includes(l.inventory_item_id)) && (!locations || locations.includes(l.location_id)));
    return { inventory_levels: levels.slice(0, limitParam(q.limit)).map(levelView) };
  });

  app.post(`${API}/inventory_levels/set.json`, async (request) => {
    const body = bodyOf(request);
    const itemId = parseId(body.inventory_item_id);
    const locationId = parseId(body.location_id);
    if (itemId === undefined) throw unprocessable('inventory_item_id', 'is required');
    if (locationId === undefined) throw unprocessable('location_id', 'is required');
    if (typeof body.available !== 'number' || !Number.isInteger(body.available)) throw unprocessable('available', 'must be an integer');
    const available = body.available;
    deps.mutate((events) => catalog.setAvailable(itemId, locationId, available, events));
    const level = store.level(itemId, locationId);
    return { inventory_level: level ? levelView(level) : null };
  });
}
