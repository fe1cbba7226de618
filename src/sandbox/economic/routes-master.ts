import type { FastifyInstance } from 'fastify';
import { collection } from './collection';
import { notFound } from './errors';
import { FILTERABLE, numberParam, type RouteDeps } from './routes-common';
import { selfDocument } from './seed';
import type { Doc } from './store';

/** Read-only master data: the agreement, payment terms, layouts, VAT zones, units, groups, years. */
export function registerMasterRoutes(app: FastifyInstance, { store, present }: RouteDeps): void {
  app.get('/self', async () => {
    const self = selfDocument(store);
    const modules = (self.modules as Doc[]).map((m) => ({ ...m, self: present.link('modules', 'agreement', m.moduleNumber as number) }));
    return { ...self, modules, application: { ...(self.application as Doc), self: present.link('apps', (self.application as Doc).appNumber as number) }, self: present.link('self') };
  });

  const readOnly = (path: string, items: () => Map<number, Doc>, show: (n: number) => Doc): void => {
    app.get(`/${path}`, async (request) =>
      collection(request, [...items().keys()].sort((a, b) => a - b).map((n) => ({ n })), { url: present.link(path), filterable: FILTERABLE.none, present: (d) => show(d.n as number) }),
    );
    app.get(`/${path}/:number`, async (request) => {
      const n = numberParam(request, 'number');
      if (!items().has(n)) throw notFound();
      return show(n);
    });
  };
  readOnly('payment-terms', () => store.paymentTerms, (n) => present.paymentTerms(n));
  readOnly('layouts', () => store.layouts, (n) => present.layout(n));
  readOnly('vat-zones', () => store.vatZones, (n) => present.vatZone(n));
  readOnly('units', () => store.units, (n) => present.unit(n));
  readOnly('product-groups', () => store.productGroups, (n) => present.productGroup(n));
  readOnly('customer-groups', () => store.customerGroups, (n) => ({ ...store.customerGroups.get(n), self: present.link('customer-groups', n) }));

  app.get('/accounting-years', async (request) =>
    collection(request, [...store.accountingYears].sort().map((year) => ({ year })), {
      url: present.link('accounting-years'),
      filterable: FILTERABLE.none,
      present: (d) => ({ year: d.year, fromDate: `${d.year as string}-01-01`, toDate: `${d.year as string}-12-31`, closed: false, self: present.link('accounting-years', d.year as string) }),
    }),
  );
}
