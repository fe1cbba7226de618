import type { CustomerInput, VatZone } from '../../connectors/rackbeat/types';
import type { WebshopHold } from './hold-codes';
import { webshopHolds } from './hold-messages';
import type { WebshopSettings } from './settings';
import type { ShopOrder } from './shop-order';

/** EU member states (ISO alpha-2; Greece as GR, not EL). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);

/** How to find the order's Rackbeat customer. */
export type CustomerLookup =
  | { by: 'number'; customerNumber: number }
  | { by: 'email'; email: string }
  | { by: 'create' }
  | { by: 'hold'; hold: WebshopHold };

type MatchSettings = Pick<WebshopSettings, 'customerMatch' | 'customerNumbers' | 'unmatchedCustomer'>;

/**
 * The key to look the customer up by. With `number-mapping`, the shop customer id wins over
 * the e-mail, because e-mails change and ids do not; e-mail keys match case-insensitively.
 * An order with no usable key creates a customer or holds (`unmatchedCustomer`).
 */
export function customerLookup(order: ShopOrder, settings: MatchSettings): CustomerLookup {
  const email = order.customer.email?.trim().toLowerCase();
  if (settings.customerMatch === 'email') {
    if (email) return { by: 'email', email };
  } else {
    const byLowerKey = new Map(Object.entries(settings.customerNumbers).map(([k, v]) => [k.toLowerCase(), v]));
    const id = order.customer.shopCustomerId;
    const mapped = (id === undefined ? undefined : byLowerKey.get(id)) ?? (email ? byLowerKey.get(email) : undefined);
    if (mapped !== undefined) return { by: 'number', customerNumber: mapped };
  }
  if (settings.unmatchedCustomer === 'create') return { by: 'create' };
  const keys = [order.customer.shopCustomerId, email].filter((k): k is string => typeof k === 'string');
  return { by: 'hold', hold: webshopHolds.customerUnmatched(order.source, order.name, keys) };
}

/** `domestic` in the home country, `eu` elsewhere in the EU, else `abroad`; unknown country counts as domestic. */
export function vatZoneFor(countryCode: string | null | undefined, homeCountry: string): VatZone {
  const country = countryCode?.toUpperCase();
  if (!country || country === homeCountry.toUpperCase()) return 'domestic';
  return EU_COUNTRIES.has(country) ? 'eu' : 'abroad';
}

/** A new Rackbeat customer from the order's buyer; the company name wins over the person's. */
export function newRackbeatCustomer(order: ShopOrder, settings: Pick<WebshopSettings, 'newCustomer' | 'homeCountry'>): CustomerInput {
  const address = order.billingAddress ?? order.shippingAddress;
  const defaults = settings.newCustomer;
  const input: CustomerInput = {
    name: order.customer.company ?? order.customer.name,
    contact_email: order.customer.email ?? null,
    contact_phone: order.customer.phone ?? null,
    company_vat: order.customer.vatNumber ?? null,
    currency: order.currency,
    locale: defaults.locale,
    vat_zone: defaults.vatZone ?? vatZoneFor(address?.countryCode, settings.homeCountry),
    address_street: address?.street ?? null,
    address_street2: address?.street2 ?? null,
    address_zipcode: address?.zipcode ?? null,
    address_city: address?.city ?? null,
    address_country: address?.countryCode ?? null,
  };
  if (defaults.paymentTermsId !== undefined) input.payment_terms_id = defaults.paymentTermsId;
  if (defaults.layoutId !== undefined) input.layout_id = defaults.layoutId;
  if (defaults.customerGroup !== undefined) input.customer_group_id = defaults.customerGroup;
  return input;
}
