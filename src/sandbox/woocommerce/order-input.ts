import { invalidParams } from './errors';
import { type Json, textOf, toBoolean, toInteger } from './http';
import { type Address, ORDER_STATUSES, type OrderStatus } from './models';
import { toCents } from './money';
import type { NewOrderSpec, OrderLineSpec } from './orders';
import type { WooCommerceSimulatorSettings } from './settings';

const WRITABLE_STATUSES: readonly string[] = [...ORDER_STATUSES];

export function readStatus(value: unknown, field = 'status'): OrderStatus {
  if (typeof value !== 'string' || !WRITABLE_STATUSES.includes(value)) throw invalidParams({ [field]: `${field} is not one of ${WRITABLE_STATUSES.join(', ')}.` });
  return value as OrderStatus;
}

export function readAddress(value: unknown, field: string): Partial<Address> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParams({ [field]: `${field} is not of type object.` });
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Json)) if (typeof v === 'string') out[key] = v;
  return out;
}

function money(value: unknown, field: string): number {
  const cents = typeof value === 'string' || typeof value === 'number' ? toCents(value) : undefined;
  if (cents === undefined) throw invalidParams({ [field]: `${field} is not a valid amount.` });
  return cents;
}

/** `POST /orders` as the REST API takes it: product ids (or `sku`), `set_paid`, lines for shipping and fees. */
export function readRestOrder(body: Json, settings: WooCommerceSimulatorSettings): NewOrderSpec {
  const items = Array.isArray(body.line_items) ? (body.line_items as Json[]) : [];
  const lines: OrderLineSpec[] = items.map((item, i) => {
    const quantity = toInteger(item.quantity ?? 1);
    if (quantity === undefined) throw invalidParams({ [`line_items[${i}][quantity]`]: 'quantity is not of type integer.' });
    return {
      sku: typeof item.sku === 'string' && item.product_id === undefined ? item.sku : undefined,
      productId: toInteger(item.product_id),
      variationId: toInteger(item.variation_id),
      quantity,
    };
  });
  const shippingLines = Array.isArray(body.shipping_lines) ? (body.shipping_lines as Json[]) : [];
  const fees = Array.isArray(body.fee_lines) ? (body.fee_lines as Json[]) : [];
  const firstShipping = shippingLines[0];
  const setPaid = toBoolean(body.set_paid) === true;
  return {
    status: setPaid ? 'processing' : body.status === undefined ? 'pending' : readStatus(body.status),
    currency: typeof body.currency === 'string' ? body.currency : settings.currency,
    pricesIncludeTax: settings.pricesIncludeTax,
    customerId: toInteger(body.customer_id) ?? 0,
    billing: readAddress(body.billing, 'billing'),
    shipping: readAddress(body.shipping, 'shipping'),
    lines,
    shippingLine: firstShipping
      ? { methodId: textOf(firstShipping.method_id, 'flat_rate'), methodTitle: textOf(firstShipping.method_title), total: money(firstShipping.total ?? '0', 'shipping_lines[0][total]') }
      : undefined,
    fees: fees.map((f, i) => ({ name: textOf(f.name), total: money(f.total ?? '0', `fee_lines[${i}][total]`), taxable: f.tax_status !== 'none' })),
    paymentMethod: typeof body.payment_method === 'string' ? body.payment_method : '',
    paymentMethodTitle: typeof body.payment_method_title === 'string' ? body.payment_method_title : '',
    createdVia: 'rest-api',
    customerNote: typeof body.customer_note === 'string' ? body.customer_note : '',
  };
}
