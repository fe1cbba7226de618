import type { Customer, CustomerInput, Product, ProductInput } from '../../connectors/economic/types';
import type { RackbeatCustomer, RackbeatProduct } from '../../connectors/rackbeat/types';
import { type EconomicMapping, mapPaymentTerms, mapProductGroup, mapVatZone } from './mapping-settings';

/** The e-conomic customer for a Rackbeat customer (same number). Call after the preflight: payment terms and zone exist. */
export function mapCustomer(customer: RackbeatCustomer, mapping: EconomicMapping): CustomerInput {
  const terms = customer.payment_terms?.number ?? customer.payment_terms_id;
  const address = [customer.address_street, customer.address_street2].filter((s): s is string => Boolean(s)).join('\n');
  return {
    customerNumber: customer.number,
    name: customer.name,
    currency: customer.currency ?? 'DKK',
    customerGroup: { customerGroupNumber: mapping.customerGroupNumber },
    vatZone: { vatZoneNumber: mapVatZone(customer.vat_zone ?? 'domestic', mapping) ?? mapping.vatZoneMap.domestic },
    paymentTerms: { paymentTermsNumber: terms === null || terms === undefined ? 0 : mapPaymentTerms(terms, mapping) },
    layout: { layoutNumber: mapping.layoutNumber },
    ...optional('email', customer.contact_email),
    ...optional('ean', customer.ean),
    ...optional('corporateIdentificationNumber', customer.company_vat),
    ...optional('address', address),
    ...optional('zip', customer.address_zipcode),
    ...optional('city', customer.address_city),
    ...optional('country', customer.address_country),
  };
}

/** Names of the fields rackbridge sets that differ in e-conomic; empty when the customer is current. */
export function customerChanges(existing: Customer, desired: CustomerInput): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['name', existing.name, desired.name],
    ['currency', existing.currency, desired.currency],
    ['vatZone', numberOf(existing.vatZone, 'vatZoneNumber'), numberOf(desired.vatZone, 'vatZoneNumber')],
    ['paymentTerms', numberOf(existing.paymentTerms, 'paymentTermsNumber'), numberOf(desired.paymentTerms, 'paymentTermsNumber')],
    ['email', existing.email, desired.email],
    ['ean', existing.ean, desired.ean],
    ['corporateIdentificationNumber', existing.corporateIdentificationNumber, desired.corporateIdentificationNumber],
    ['address', existing.address, desired.address],
    ['zip', existing.zip, desired.zip],
    ['city', existing.city, desired.city],
    ['country', existing.country, desired.country],
  ];
  return pairs.filter(([, a, b]) => (a ?? '') !== (b ?? '')).map(([name]) => name);
}

export function mapProduct(product: RackbeatProduct, mapping: EconomicMapping): ProductInput {
  const group = product.group?.number ?? product.group_id ?? 0;
  return {
    productNumber: product.number,
    name: product.name,
    productGroup: { productGroupNumber: mapProductGroup(group, mapping) },
    salesPrice: product.sales_price,
    ...(product.cost_price === undefined ? {} : { costPrice: product.cost_price }),
    ...optional('barCode', product.barcode),
    ...optional('description', product.description),
    ...(product.is_barred ? { barred: true } : {}),
  };
}

export function productChanges(existing: Product, desired: ProductInput): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['name', existing.name, desired.name],
    ['productGroup', numberOf(existing.productGroup, 'productGroupNumber'), numberOf(desired.productGroup, 'productGroupNumber')],
    ['salesPrice', existing.salesPrice, desired.salesPrice],
    ['costPrice', existing.costPrice, desired.costPrice],
    ['barCode', existing.barCode, desired.barCode],
    ['description', existing.description, desired.description],
    ['barred', existing.barred ?? false, desired.barred ?? false],
  ];
  return pairs.filter(([, a, b]) => (a ?? '') !== (b ?? '')).map(([name]) => name);
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === null || value === undefined || value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>);
}

function numberOf(ref: object | undefined, key: string): number | undefined {
  const value = ref === undefined ? undefined : (ref as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : undefined;
}
