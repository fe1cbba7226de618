import { netvisorHolds } from './hold-messages';
import type { NetvisorHold } from './hold-codes';

/** The Rackbeat customer fields Netvisor's customer card carries (reference rackbeat.md §7.2). */
export interface RackbeatCustomerDetails {
  number: number | string;
  name: string;
  company_vat?: string | null | undefined;
  address_street?: string | null | undefined;
  address_zipcode?: string | null | undefined;
  address_city?: string | null | undefined;
  address_country?: string | null | undefined;
}

export interface NetvisorCustomerDetails {
  name: string;
  businessId?: string | undefined;
  streetAddress?: string | undefined;
  postNumber?: string | undefined;
  city?: string | undefined;
  country?: string | undefined;
}

export interface DetailDifference {
  field: 'name' | 'business id' | 'street' | 'postal code' | 'city' | 'country';
  rackbeat: string;
  netvisor: string;
}

const clean = (value: string | null | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};
/** `FI19675438`, `1967543-8` and `19675438` are one business id. */
const businessId = (value: string): string => value.toUpperCase().replace(/^FI/, '').replace(/[^0-9A-Z]/g, '');

/**
 * The fields in which one customer number carries different details in the two systems. A field
 * empty on either side is not a difference (a sync fills it); country defaults to FI as Netvisor's
 * Rackbeat integration does; comparisons ignore case and repeated spaces.
 */
export function customerDetailsDiffer(rackbeat: RackbeatCustomerDetails, netvisor: NetvisorCustomerDetails): DetailDifference[] {
  const pairs: [DetailDifference['field'], string | undefined, string | undefined, (v: string) => string][] = [
    ['name', clean(rackbeat.name), clean(netvisor.name), (v) => v.toLowerCase()],
    ['business id', clean(rackbeat.company_vat), clean(netvisor.businessId), businessId],
    ['street', clean(rackbeat.address_street), clean(netvisor.streetAddress), (v) => v.toLowerCase()],
    ['postal code', clean(rackbeat.address_zipcode), clean(netvisor.postNumber), (v) => v.replace(/\s/g, '')],
    ['city', clean(rackbeat.address_city), clean(netvisor.city), (v) => v.toLowerCase()],
    ['country', clean(rackbeat.address_country) ?? 'FI', clean(netvisor.country) ?? 'FI', (v) => v.toUpperCase()],
  ];
  return pairs.flatMap(([field, r, n, norm]) => (r !== undefined && n !== undefined && norm(r) !== norm(n) ? [{ field, rackbeat: r, netvisor: n }] : []));
}

export function checkCustomerDetails(rackbeat: RackbeatCustomerDetails, netvisor: NetvisorCustomerDetails): NetvisorHold | undefined {
  const differences = customerDetailsDiffer(rackbeat, netvisor);
  return differences.length ? netvisorHolds.customerDetailsDiffer(rackbeat.number, differences) : undefined;
}
