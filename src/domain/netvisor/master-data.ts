import type { CustomerInput, ProductInput } from '../../connectors/netvisor/types';

/** A Rackbeat customer as the Netvisor customer card needs it. */
export interface RackbeatCustomerCard {
  number: number;
  name: string;
  company_vat?: string | null | undefined;
  contact_email?: string | null | undefined;
  contact_phone?: string | null | undefined;
  address_street?: string | null | undefined;
  address_zipcode?: string | null | undefined;
  address_city?: string | null | undefined;
  address_country?: string | null | undefined;
  is_barred?: boolean | undefined;
  payment_terms?: { maturity_days?: number | null | undefined } | null | undefined;
}

export interface RackbeatProductCard {
  number: string;
  name: string;
  sales_price: number;
  description?: string | null | undefined;
  unit?: { name: string } | null | undefined;
  is_barred?: boolean | undefined;
  group?: { vat_domestic?: number | undefined } | null | undefined;
}

const text = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** `FI19675438` and `1967543-8` are the same Finnish business id; Netvisor keeps the dashed form. */
export function finnishBusinessId(vat: string | null | undefined): string | undefined {
  const digits = text(vat)?.toUpperCase().replace(/^FI/, '').replace(/[^0-9]/g, '');
  return digits && digits.length === 8 ? `${digits.slice(0, 7)}-${digits.slice(7)}` : undefined;
}

/** The Netvisor customer card for a Rackbeat customer; the customer number becomes Netvisor's customer code. */
export function mapNetvisorCustomer(customer: RackbeatCustomerCard): CustomerInput {
  const businessId = finnishBusinessId(customer.company_vat);
  const fields: CustomerInput = {
    code: String(customer.number),
    name: customer.name.trim(),
    ...(businessId ? { businessId } : {}),
    isActive: !customer.is_barred,
    isPrivateCustomer: !text(customer.company_vat),
  };
  const optional: [keyof CustomerInput, string | undefined][] = [
    ['streetAddress', text(customer.address_street)],
    ['postNumber', text(customer.address_zipcode)],
    ['city', text(customer.address_city)],
    ['country', text(customer.address_country)?.toUpperCase()],
    ['phoneNumber', text(customer.contact_phone)],
    ['email', text(customer.contact_email)],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(fields, { [key]: value });
  // No default payment term: Netvisor's `defaultpaymentterm` names a term by its paymenttermlist.nv key, and Rackbeat's
  // maturity days are not one. Every document rackbridge sends carries its own paymenttermnetdays instead.
  return fields;
}

/** The Netvisor product for a Rackbeat product: same code, net price, the domestic VAT of its group. */
export function mapNetvisorProduct(product: RackbeatProductCard, productGroup: string): ProductInput {
  const vat = product.group?.vat_domestic;
  return {
    code: product.number,
    group: productGroup,
    name: product.name.trim(),
    ...(text(product.description) ? { description: text(product.description)! } : {}),
    unitPrice: product.sales_price,
    unitPriceType: 'net',
    ...(product.unit?.name ? { unit: product.unit.name } : {}),
    isActive: !product.is_barred,
    isSalesProduct: true,
    ...(vat === undefined ? {} : { defaultVatPercentage: vat }),
  };
}

/** The product fields that differ between the Netvisor card and what Rackbeat says it should be. */
export function productChanges(current: { name: string; unitPrice: number; isActive: boolean }, wanted: ProductInput): string[] {
  const changes: string[] = [];
  if (current.name.trim() !== wanted.name) changes.push('name');
  if (Math.abs(current.unitPrice - wanted.unitPrice) >= 0.005) changes.push('price');
  if (current.isActive !== wanted.isActive) changes.push(wanted.isActive ? 'reactivated' : 'deactivated');
  return changes;
}
