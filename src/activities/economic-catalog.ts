import { type EconomicClient, hasInventoryModule } from '../connectors/economic';
import type { EconomicCatalog } from '../domain/economic';
import { TtlCache } from './ttl-cache';

/** What an agreement offers (modules, layouts, terms, zones, groups), read once per TTL per connection. */
export class CatalogCache {
  private readonly cache: TtlCache<EconomicCatalog>;

  constructor(ttlMs = 10 * 60_000) {
    this.cache = new TtlCache(ttlMs);
  }

  async get(connectionId: string, economic: EconomicClient): Promise<EconomicCatalog> {
    const cached = this.cache.get(connectionId);
    if (cached) return cached;
    const [self, layouts, terms, zones, groups] = await Promise.all([
      economic.getSelf(),
      economic.listAll((o) => economic.listLayouts(o)),
      economic.listAll((o) => economic.listPaymentTerms(o)),
      economic.listAll((o) => economic.listVatZones(o)),
      economic.listAll((o) => economic.listProductGroups(o)),
    ]);
    const catalog: EconomicCatalog = {
      hasInventoryModule: hasInventoryModule(self),
      layoutNumbers: layouts.map((l) => l.layoutNumber),
      paymentTermsNumbers: terms.map((t) => t.paymentTermsNumber),
      paymentTerms: terms.map((t) => ({ paymentTermsNumber: t.paymentTermsNumber, paymentTermsType: t.paymentTermsType, daysOfCredit: t.daysOfCredit })),
      vatZoneNumbers: zones.map((z) => z.vatZoneNumber),
      productGroupNumbers: groups.map((g) => g.productGroupNumber),
    };
    this.cache.set(connectionId, catalog);
    return catalog;
  }

  /** After e-conomic refused something the catalog said was fine (e.g. the inventory module was added). */
  forget(connectionId: string): void {
    this.cache.delete(connectionId);
  }
}
