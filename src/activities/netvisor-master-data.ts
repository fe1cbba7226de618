import type { NetvisorSettings } from '../config';
import { NotFoundError } from '../connectors/http';
import { type NetvisorClient, NetvisorRejectedError } from '../connectors/netvisor';
import type { RackbeatCustomer, RackbeatItem } from '../connectors/rackbeat';
import { checkCustomerDetails, checkProductName, customerDetailsDiffer, mapNetvisorCustomer, mapNetvisorProduct, type NetvisorHold, productChanges } from '../domain/netvisor';

/** What ensuring one record did: a sentence for the status, or the hold that stops the transfer. */
export type EnsureResult = { did?: string; hold?: NetvisorHold };

/** Netvisor's customer with this code, if any (customer code = Rackbeat customer number). */
export async function findNetvisorCustomer(netvisor: NetvisorClient, code: string) {
  const [summary] = (await netvisor.listCustomers({ codes: [code] })).filter((c) => c.code === code);
  return summary ? netvisor.getCustomer(summary.netvisorKey) : undefined;
}

export async function findNetvisorProduct(netvisor: NetvisorClient, code: string) {
  try {
    return await netvisor.getProductByCode(code);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/**
 * Creates the customer when Netvisor lacks it. When Netvisor has it with other details, `update`
 * decides: a document transfer holds (one customer number must not carry two sets of details),
 * the customer sync updates Netvisor — unless the business id differs, which means another company.
 */
export async function ensureNetvisorCustomer(netvisor: NetvisorClient, customer: RackbeatCustomer, update: boolean): Promise<EnsureResult> {
  const code = String(customer.number);
  let existing = await findNetvisorCustomer(netvisor, code);
  const wanted = mapNetvisorCustomer(customer);
  if (!existing) {
    try {
      await netvisor.addCustomer(wanted);
      return { did: `created customer ${code} in Netvisor` };
    } catch (err) {
      // The customer sync and a document transfer woken by the same change can both find it
      // missing and add it: the second add is refused as a duplicate, and the card is compared as found.
      if (!(err instanceof NetvisorRejectedError && err.category === 'DUPLICATE_DATA')) throw err;
      existing = await findNetvisorCustomer(netvisor, code);
      if (!existing) throw err;
    }
  }
  const differs = checkCustomerDetails(customer, existing);
  if (!differs) return {};
  const otherCompany = customerDetailsDiffer(customer, existing).some((d) => d.field === 'business id');
  if (!update || otherCompany) return { hold: differs };
  await netvisor.editCustomer(existing.netvisorKey, wanted);
  return { did: `updated customer ${code} in Netvisor` };
}

/** Creates or updates the product so Netvisor carries Rackbeat's name, price and state. */
export async function ensureNetvisorProduct(netvisor: NetvisorClient, product: RackbeatItem, settings: NetvisorSettings): Promise<EnsureResult> {
  const hold = checkProductName(product.number, product.name, settings.rejectedNameCharacters);
  if (hold) return { hold };
  const wanted = mapNetvisorProduct(product, settings.productGroup);
  const existing = await findNetvisorProduct(netvisor, product.number);
  if (!existing) {
    await netvisor.addProduct(wanted);
    return { did: `created product ${product.number} in Netvisor` };
  }
  const changes = productChanges(existing, wanted);
  if (changes.length === 0) return {};
  await netvisor.editProduct(existing.netvisorKey, { ...wanted, group: existing.group || wanted.group });
  return { did: `updated product ${product.number} in Netvisor (${changes.join(', ')})` };
}
