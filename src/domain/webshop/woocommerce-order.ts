import { z } from 'zod';
import { type Cents, roundHalfAway } from './money';
import { centsSchema, decodeHtmlEntities, fullName, idSchema, quantitySchema, textSchema } from './schema-helpers';
import { amountsFrom, type ShopAddress, type ShopAmounts, type ShopChargeLine, type ShopOrder, type ShopOrderStatus } from './shop-order';

const taxes = z.array(z.object({ id: z.union([z.number(), z.string()]).transform(String), total: z.union([z.string(), z.number()]).optional() }).passthrough()).default([]);

const address = z
  .object({
    first_name: textSchema, last_name: textSchema, company: textSchema, address_1: textSchema, address_2: textSchema,
    city: textSchema, postcode: textSchema, country: textSchema, email: textSchema, phone: textSchema,
  })
  .partial()
  .passthrough();

const charge = z.object({ total: centsSchema, total_tax: centsSchema.default(0), taxes }).passthrough();

/** The fields of a WooCommerce v3 order (= the webhook body) that rackbridge reads. */
export const wooOrderSchema = z
  .object({
    id: idSchema,
    number: z.union([z.string(), z.number()]).transform(String).optional(),
    status: z.string().min(1),
    currency: z.string().length(3),
    prices_include_tax: z.boolean().default(false),
    date_created_gmt: z.string().nullish(),
    date_created: z.string().nullish(),
    date_modified_gmt: z.string().nullish(),
    date_modified: z.string().nullish(),
    date_paid_gmt: z.string().nullish(),
    customer_id: idSchema.optional(),
    customer_note: textSchema,
    billing: address.nullish(),
    shipping: address.nullish(),
    payment_method_title: textSchema,
    payment_method: textSchema,
    line_items: z.array(
      z
        .object({
          id: idSchema,
          name: z.string().nullish(),
          sku: textSchema,
          quantity: quantitySchema,
          subtotal: centsSchema,
          subtotal_tax: centsSchema.default(0),
          total: centsSchema,
          total_tax: centsSchema.default(0),
          taxes,
        })
        .passthrough(),
    ),
    tax_lines: z.array(z.object({ rate_id: z.union([z.number(), z.string()]).transform(String), rate_percent: z.number().nullish() }).passthrough()).default([]),
    shipping_lines: z.array(charge.extend({ method_title: z.string().nullish(), method_id: z.string().nullish() })).default([]),
    fee_lines: z.array(charge.extend({ name: z.string().nullish() })).default([]),
    coupon_lines: z.array(z.object({ code: z.string(), discount: centsSchema.default(0), discount_tax: centsSchema.default(0) }).passthrough()).default([]),
    discount_total: centsSchema.default(0),
    discount_tax: centsSchema.default(0),
    total: centsSchema,
    total_tax: centsSchema.default(0),
    meta_data: z.array(z.object({ key: z.string(), value: z.unknown() }).passthrough()).default([]),
  })
  .passthrough();

export type WooOrderPayload = z.input<typeof wooOrderSchema>;
type Parsed = z.output<typeof wooOrderSchema>;

const STATUS = new Map<string, ShopOrderStatus>([
  ['checkout-draft', 'draft'], ['draft', 'draft'], ['auto-draft', 'draft'], ['pending', 'pending'], ['on-hold', 'on-hold'],
  ['processing', 'paid'], ['completed', 'completed'], ['cancelled', 'cancelled'], ['refunded', 'refunded'], ['failed', 'failed'], ['trash', 'deleted'],
]);

/** Meta keys the common EU VAT plugins store the buyer's VAT number under (inferred — check). */
const VAT_NUMBER_KEYS = ['_billing_vat_number', 'billing_vat_number', '_vat_number', 'vat_number', '_billing_eu_vat_number'];

/** The line's VAT percent from the order's tax lines (see `wooTaxRate`). */
function taxRate(order: Parsed, lineTaxes: z.output<typeof taxes>, net: Cents, tax: Cents): number | null {
  return wooTaxRate(new Map(order.tax_lines.map((t) => [t.rate_id, t.rate_percent])), lineTaxes.map((t) => t.id), net, tax);
}

/**
 * A line's VAT percent: the configured `rate_percent` of its tax rates (by rate id) when
 * WooCommerce sends them (WC ≥ 3.7, inferred — check), else the plainest rate that reproduces the
 * line's tax from its net amount. Also used for refund lines, whose `taxes[]` name the same rate ids.
 */
export function wooTaxRate(percents: ReadonlyMap<string, number | null | undefined>, rateIds: readonly string[], net: Cents, tax: Cents): number | null {
  const configured = rateIds.map((id) => percents.get(id));
  if (configured.length > 0 && configured.every((p): p is number => typeof p === 'number')) return configured.reduce((a, b) => a + b, 0);
  if (tax === 0) return 0;
  if (net === 0) return null;
  for (const step of [1, 0.5, 0.1, 0.01]) {
    const rate = Number((Math.round((tax * 100) / net / step) * step).toFixed(2));
    if (roundHalfAway((net * rate) / 100) === tax) return rate;
  }
  return null;
}

/** WooCommerce reports `subtotal`/`total` without VAT whatever the shop's setting; convert to the order basis. */
function amounts(order: Parsed, subtotal: Cents, subtotalTax: Cents, total: Cents, totalTax: Cents, lineTaxes: z.output<typeof taxes>): ShopAmounts {
  const incl = order.prices_include_tax;
  const basisSubtotal = incl ? subtotal + subtotalTax : subtotal;
  const basisTotal = incl ? total + totalTax : total;
  return amountsFrom(incl, basisSubtotal, basisSubtotal - basisTotal, totalTax, taxRate(order, lineTaxes, total, totalTax));
}

function mapAddress(a: z.output<typeof address> | null | undefined, fallbackEmail: string | null): ShopAddress | null {
  if (!a) return null;
  const mapped: ShopAddress = {
    name: fullName(a.first_name, a.last_name),
    company: a.company ?? null,
    street: a.address_1 ?? null,
    street2: a.address_2 ?? null,
    zipcode: a.postcode ?? null,
    city: a.city ?? null,
    countryCode: a.country?.toUpperCase() ?? null,
    email: a.email ?? fallbackEmail,
    phone: a.phone ?? null,
  };
  return Object.entries(mapped).some(([k, v]) => k !== 'email' && v !== null) ? mapped : null;
}

function vatNumber(order: Parsed): string | undefined {
  const entry = order.meta_data.find((m) => VAT_NUMBER_KEYS.includes(m.key) && typeof m.value === 'string' && m.value.trim() !== '');
  return typeof entry?.value === 'string' ? entry.value.trim() : undefined;
}

/** Normalises a WooCommerce order webhook body (or a REST GET of the order: the same shape). */
export function fromWooCommerce(payload: unknown): ShopOrder {
  const o = wooOrderSchema.parse(payload);
  const lines = o.line_items.map((l) => ({
    ...amounts(o, l.subtotal, l.subtotal_tax, l.total, l.total_tax, l.taxes),
    lineId: l.id,
    sku: l.sku ?? '',
    name: decodeHtmlEntities(l.name ?? l.sku ?? ''),
    quantity: l.quantity,
  }));
  const toCharge = (c: z.output<typeof charge>, title: string, code?: string | null): ShopChargeLine => ({
    ...amounts(o, c.total, c.total_tax, c.total, c.total_tax, c.taxes),
    title,
    ...(code ? { code } : {}),
  });
  const incl = o.prices_include_tax;
  const lineDiscount = lines.reduce((s, l) => s + l.discount, 0);
  const orderDiscount = incl ? o.discount_total + o.discount_tax : o.discount_total;
  const email = o.billing?.email ?? null;
  const billing = mapAddress(o.billing, null);
  const vat = vatNumber(o);
  const customerId = o.customer_id && o.customer_id !== '0' ? o.customer_id : undefined;
  // WooCommerce writes GMT times without a zone designator.
  const gmt = (value: string | null | undefined): string | undefined => (value ? (/(?:[zZ]|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`) : undefined);
  const createdAt = gmt(o.date_created_gmt) ?? o.date_created ?? '';

  return {
    source: 'woocommerce',
    id: o.id,
    name: o.number ?? o.id,
    createdAt,
    orderDate: (o.date_created ?? createdAt).slice(0, 10),
    updatedAt: gmt(o.date_modified_gmt) ?? o.date_modified ?? createdAt,
    currency: o.currency.toUpperCase(),
    pricesIncludeTax: incl,
    // Custom statuses from plugins count as pending; `shopStatus` keeps the name for the trigger.
    status: STATUS.get(o.status) ?? 'pending',
    shopStatus: o.status,
    paid: Boolean(o.date_paid_gmt) || o.status === 'processing' || o.status === 'completed',
    test: false,
    customer: {
      ...(customerId ? { shopCustomerId: customerId } : {}),
      ...(email ? { email } : {}),
      name: billing?.name ?? billing?.company ?? email ?? `WooCommerce order ${o.number ?? o.id}`,
      ...(billing?.phone ? { phone: billing.phone } : {}),
      ...(billing?.company ? { company: billing.company } : {}),
      ...(vat ? { vatNumber: vat } : {}),
    },
    billingAddress: billing,
    shippingAddress: mapAddress(o.shipping, null),
    lines,
    shippingLines: o.shipping_lines.map((s) => toCharge(s, s.method_title ?? s.method_id ?? 'Shipping', s.method_id)),
    fees: o.fee_lines.map((f) => toCharge(f, f.name ?? 'Fee')),
    discountCodes: o.coupon_lines.map((c) => ({ code: c.code, amount: incl ? c.discount + c.discount_tax : c.discount })),
    // Coupons normally show up as line subtotal − total; anything left was not allocated.
    unallocatedDiscount: Math.max(0, orderDiscount - lineDiscount),
    paymentGateway: o.payment_method_title ?? o.payment_method ?? null,
    note: o.customer_note,
    totals: { total: o.total, tax: o.total_tax },
  };
}
