import { createHash } from 'node:crypto';
import type { EconomicClient } from '../connectors/economic';
import { NotFoundError } from '../connectors/http';
import type { RackbeatCustomer, RackbeatItem } from '../connectors/rackbeat/types';
import { customerChanges, customerUpdateBody, type EconomicMapping, mapCustomer, mapProduct, productChanges, productUpdateBody } from '../domain/economic';
import { TtlCache } from './ttl-cache';

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/**
 * Makes sure the customer and products of an order exist in e-conomic with Rackbeat's details
 * (Rackbeat is master). What was verified recently is remembered per worker, keyed by the
 * desired content, so an order whose master data is current costs no e-conomic calls here.
 */
export class MasterDataSync {
  private readonly verified: TtlCache<true>;

  constructor(ttlMs = 60 * 60_000) {
    this.verified = new TtlCache(ttlMs);
  }

  /** Returns what it did, for the status (`customer 1 created`, `product X updated: name`). */
  async ensureCustomer(
    connectionId: string,
    economic: EconomicClient,
    customer: RackbeatCustomer,
    mapping: EconomicMapping,
    /** The order's payment terms, for a customer that has none of its own. */
    fallbackPaymentTermsNumber?: number,
  ): Promise<string | undefined> {
    const desired = mapCustomer(customer, mapping, fallbackPaymentTermsNumber === undefined ? {} : { fallbackPaymentTermsNumber });
    const hash = shortHash(JSON.stringify(desired));
    const key = `${connectionId}:customer:${customer.number}:${hash}`;
    if (this.verified.get(key)) return undefined;
    let did: string | undefined;
    try {
      const existing = await economic.getCustomer(customer.number);
      const changes = customerChanges(existing, desired);
      if (changes.length > 0) {
        // The same key from every workflow: concurrent orders of one customer update it once.
        await economic.replaceCustomer(customer.number, customerUpdateBody(existing, desired), `${connectionId}:customer:${customer.number}:${hash}`);
        did = `customer ${customer.number} updated (${changes.join(', ')})`;
      }
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      await economic.createCustomer(desired, `${connectionId}:customer:${customer.number}:${hash}`);
      did = `customer ${customer.number} created`;
    }
    this.verified.set(key, true);
    return did;
  }

  async ensureProduct(connectionId: string, economic: EconomicClient, product: RackbeatItem, mapping: EconomicMapping): Promise<string | undefined> {
    const desired = mapProduct(product, mapping);
    const hash = shortHash(JSON.stringify(desired));
    const key = `${connectionId}:product:${product.number}:${hash}`;
    if (this.verified.get(key)) return undefined;
    let did: string | undefined;
    try {
      const existing = await economic.getProduct(product.number);
      const changes = productChanges(existing, desired);
      if (changes.length > 0) {
        await economic.replaceProduct(product.number, productUpdateBody(existing, desired), key);
        did = `product ${product.number} updated (${changes.join(', ')})`;
      }
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      await economic.createProduct(desired, key);
      did = `product ${product.number} created`;
    }
    this.verified.set(key, true);
    return did;
  }
}
