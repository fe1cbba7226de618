import type { EconomicClient } from '../connectors/economic';
import { NotFoundError, RejectedRequestError } from '../connectors/http';
import type { RackbeatClient, RackbeatProduct } from '../connectors/rackbeat';
import { type EconomicMapping, holdFromEconomicRejection, preflightProduct } from '../domain/economic';
import { mapShopProductToRackbeat, type ShopProductVariant, type WebshopSettings, webshopLabel, type WebshopSource } from '../domain/webshop';
import { rackbeatProductChanges } from '../domain/webshop/product-changes';
import type { ClientRegistry } from './clients';
import type { CatalogCache } from './economic-catalog';
import { translated } from './failure';
import type { MasterDataSync } from './master-data';
import { ensureNetvisorProduct } from './netvisor-master-data';
import type { Hold } from './order-types';
import type { TransferContext, TransferOutcome } from './transfer-types';
import { createWebshopPorts } from './webshop/ports';

export interface WebshopProductActivityDeps {
  clients: ClientRegistry;
  catalogs: CatalogCache;
  masterData: MasterDataSync;
}


/** Our own writes suppress Rackbeat's webhooks, so the product does not echo back as a Rackbeat change. */
const QUIET = { suppressWebhooks: true } as const;

/**
 * F3 with the webshop as product master: the shop product is re-read (webhooks may be stale or
 * coalesced), every variant with a SKU becomes the Rackbeat product with that number (created, or
 * only its changed fields updated), then e-conomic and Netvisor get the same product. Every write
 * is preceded by a read by product number, so a retry or a second run writes nothing twice.
 */
export function createWebshopProductActivities(deps: WebshopProductActivityDeps) {
  const ports = createWebshopPorts();
  /** The product's variants, or `undefined` when the shop no longer has it. */
  const readVariants = async (connectionId: string, source: WebshopSource, id: string): Promise<ShopProductVariant[] | undefined> => {
    const port = ports.get(deps.clients.get(connectionId), source);
    try {
      return await port.readProductVariants(id);
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  };

  const findRackbeatProduct = async (rackbeat: RackbeatClient, number: string): Promise<RackbeatProduct | undefined> => {
    try {
      return await rackbeat.getProduct(number);
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  };

  const economicHas = async (economic: EconomicClient, number: string): Promise<boolean> => {
    try {
      await economic.getProduct(number);
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  };

  /** `ensureProduct`, with e-conomic's refusals as holds. */
  const ensureEconomicProduct = async (connectionId: string, economic: EconomicClient, product: RackbeatProduct, mapping: EconomicMapping): Promise<{ did?: string; hold?: Hold }> => {
    const ensure = async (): Promise<{ did?: string }> => {
      const did = await deps.masterData.ensureProduct(connectionId, economic, product, mapping);
      return did === undefined ? {} : { did };
    };
    try {
      return await ensure();
    } catch (err) {
      if (!(err instanceof RejectedRequestError)) throw err;
      // As in Rackbeat: a concurrent transfer of the same SKU may have created it first; then it is an update.
      if (await economicHas(economic, product.number)) return ensure();
      return { hold: holdFromEconomicRejection({ step: `product ${product.number}`, message: err.message, issues: err.issues }) };
    }
  };

  /** Creates the Rackbeat product, or updates only the fields that differ; returns it as Rackbeat now has it. */
  const upsertRackbeat = async (rackbeat: RackbeatClient, input: Parameters<RackbeatClient['createProduct']>[0], did: string[]): Promise<RackbeatProduct> => {
    let existing = await findRackbeatProduct(rackbeat, input.number);
    if (!existing) {
      try {
        const created = await rackbeat.createProduct(input, QUIET);
        did.push(`created Rackbeat product ${input.number}`);
        return created;
      } catch (err) {
        // Another transfer of the same SKU (a WooCommerce variation's own, or its parent's) created it
        // meanwhile: Rackbeat refused the duplicate number; the lookup decides.
        if (!(err instanceof RejectedRequestError)) throw err;
        existing = await findRackbeatProduct(rackbeat, input.number);
        if (!existing) throw err;
      }
    }
    const changes = rackbeatProductChanges(existing, input);
    if (Object.keys(changes).length === 0) return existing;
    const updated = await rackbeat.updateProduct(input.number, changes, QUIET);
    did.push(`updated Rackbeat product ${input.number} (${Object.keys(changes).join(', ')})`);
    return updated;
  };

  return {
    async syncWebshopProduct(ctx: TransferContext, ref: { source: WebshopSource; shopProductId: string }, settings: WebshopSettings): Promise<TransferOutcome> {
      return translated(async () => {
        const { rackbeat, economic, netvisor, connection } = deps.clients.get(ctx.connectionId);
        const shop = webshopLabel(ref.source);
        const variants = await readVariants(ctx.connectionId, ref.source, ref.shopProductId);
        // Deletions are not propagated (DESIGN.md §2: off by default; no setting for products from the shop yet).
        if (!variants) return { result: 'skipped', did: `${shop} product ${ref.shopProductId} was deleted in the shop; its Rackbeat and accounting products are left as they are` };

        const did: string[] = [];
        const withSku = variants.filter((v) => v.sku !== '');
        const withoutSku = variants.filter((v) => v.sku === '');
        if (withoutSku.length) did.push(`skipped ${withoutSku.map((v) => `'${v.name}'`).join(', ')}: no SKU in ${shop}`);
        if (withSku.length === 0) return { result: 'skipped', did: did.join('; ') || `${shop} product ${ref.shopProductId} has no variants` };

        // Every variant is checked before anything is written: one refused name holds the whole product.
        const inputs = [];
        for (const variant of withSku) {
          const mapped = mapShopProductToRackbeat(variant, settings);
          if (!mapped.ok) return { result: 'held', did: `check ${shop} product ${ref.shopProductId}`, hold: mapped.hold };
          if (mapped.nameCleaned) did.push(`cleaned the name of ${variant.sku} to '${mapped.input.name}'`);
          inputs.push(mapped.input);
        }
        const notes = did.length;
        const products: RackbeatProduct[] = [];
        for (const input of inputs) products.push(await upsertRackbeat(rackbeat, input, did));
        const held = (hold: Hold, step: string): TransferOutcome => ({ result: 'held', did: [...did, step].join('; '), hold });

        if (economic && connection.economic) {
          const mapping = connection.economic.mapping;
          const catalog = await deps.catalogs.get(ctx.connectionId, economic);
          for (const product of products) {
            const preflight = preflightProduct(product, { catalog, mapping });
            if (!preflight.ok) return held(preflight.hold, `check product ${product.number} for e-conomic`);
            const ensured = await ensureEconomicProduct(ctx.connectionId, economic, product, mapping);
            if (ensured.hold) return held(ensured.hold, `write product ${product.number} to e-conomic`);
            if (ensured.did) did.push(`e-conomic ${ensured.did}`);
          }
        }
        const nv = connection.netvisor?.settings;
        if (netvisor && nv?.transfer.products) {
          for (const product of products) {
            const ensured = await ensureNetvisorProduct(netvisor, product, nv);
            if (ensured.hold) return held(ensured.hold, `check product ${product.number} for Netvisor`);
            if (ensured.did) did.push(ensured.did);
          }
        }
        const numbers = products.map((p) => p.number);
        if (did.length === notes) did.push(`products ${numbers.join(', ')} are up to date`);
        return { result: 'done', did: did.join('; '), ref: `rackbeat:product:${numbers.join(',')}` };
      });
    },
  };
}
