import type { RackbeatCustomer, RackbeatOrder, RackbeatOrderLine, RackbeatItem } from '../../connectors/rackbeat/types';

/** Reading Rackbeat's loosely filled records the same way in mapping, preflight and revision. */

export const RACKBEAT_VAT_ZONES = ['domestic', 'eu', 'abroad'] as const;
export type RackbeatVatZone = (typeof RACKBEAT_VAT_ZONES)[number];

/** Rackbeat sends empty fields as `null` or `''`; both mean "not set". */
export function text(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** e-conomic has one multi-line address field where Rackbeat has street and street2. */
export function joinLines(...parts: (string | null | undefined)[]): string | undefined {
  const present = parts.map(text).filter((part): part is string => part !== undefined);
  return present.length === 0 ? undefined : present.join('\n');
}

export function asVatZone(value: string | undefined): RackbeatVatZone | undefined {
  return RACKBEAT_VAT_ZONES.find((zone) => zone === value);
}

export function customerPaymentTermsNumber(customer: RackbeatCustomer): number | undefined {
  return customer.payment_terms?.number ?? customer.payment_terms_id ?? undefined;
}

/** The order's own terms win; Rackbeat leaves them empty when the customer's apply. */
export function orderPaymentTermsNumber(order: RackbeatOrder, customer: RackbeatCustomer): number | undefined {
  return order.payment_terms?.number ?? customerPaymentTermsNumber(customer);
}

export function orderPaymentTermsName(order: RackbeatOrder, customer: RackbeatCustomer): string | undefined {
  return order.payment_terms ? order.payment_terms.name : customer.payment_terms?.name;
}

export function orderVatZoneText(order: RackbeatOrder, customer: RackbeatCustomer): string | undefined {
  return text(order.vat_zone) ?? text(customer.vat_zone);
}

export function productGroupNumber(product: RackbeatItem): number | undefined {
  return product.group?.number ?? product.group_id ?? undefined;
}

/** e-conomic needs a description on product lines; an unnamed line shows its product's name, then its number. */
export function lineDescription(line: RackbeatOrderLine): string {
  return text(line.name) ?? text(line.item.name) ?? line.item.number;
}

/** `deliver_at` may carry a time (`2026-06-01 00:00:00`); e-conomic's `deliveryDate` is the date part. */
export function deliveryDate(order: RackbeatOrder): string | undefined {
  return /^\d{4}-\d{2}-\d{2}/.exec(order.deliver_at ?? '')?.[0];
}

export function customerLabel(customer: Pick<RackbeatCustomer, 'number' | 'name'>): string {
  return `customer ${customer.number} (${customer.name})`;
}
