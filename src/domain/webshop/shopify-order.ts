import { z } from 'zod';
import { allocateCents, type Cents, percentFromFraction, roundHalfAway } from './money';
import { centsSchema, fullName, idSchema, quantitySchema, textSchema } from './schema-helpers';
import { amountsFrom, type ShopAddress, type ShopChargeLine, type ShopOrder, type ShopOrderLine, type ShopOrderStatus } from './shop-order';

const taxLine = z.object({ price: centsSchema, rate: z.number().nonnegative().nullish() }).passthrough();
const allocation = z.object({ amount: centsSchema }).passthrough();

const address = z
  .object({
    name: textSchema, first_name: textSchema, last_name: textSchema, company: textSchema,
    address1: textSchema, address2: textSchema, zip: textSchema, city: textSchema,
    country_code: textSchema, phone: textSchema,
  })
  .partial()
  .passthrough();

/** The fields of a Shopify REST order (the webhook body) that rackbridge reads; the rest passes through. */
export const shopifyOrderSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    created_at: z.string(),
    updated_at: z.string().nullish(),
    currency: z.string().length(3),
    taxes_included: z.boolean().default(false),
    financial_status: z.string().nullish(),
    cancelled_at: z.string().nullish(),
    test: z.boolean().default(false),
    email: textSchema,
    phone: textSchema,
    note: textSchema,
    customer: z
      .object({ id: idSchema.nullish(), email: textSchema, first_name: textSchema, last_name: textSchema, phone: textSchema })
      .partial()
      .passthrough()
      .nullish(),
    billing_address: address.nullish(),
    shipping_address: address.nullish(),
    line_items: z.array(
      z
        .object({
          id: idSchema,
          sku: textSchema,
          title: z.string().nullish(),
          name: z.string().nullish(),
          quantity: quantitySchema,
          current_quantity: quantitySchema.nullish(),
          price: centsSchema,
          discount_allocations: z.array(allocation).optional(),
          tax_lines: z.array(taxLine).optional(),
        })
        .passthrough(),
    ),
    shipping_lines: z
      .array(
        z
          .object({
            title: z.string().nullish(),
            code: z.string().nullish(),
            price: centsSchema,
            discount_allocations: z.array(allocation).optional(),
            tax_lines: z.array(taxLine).optional(),
          })
          .passthrough(),
      )
      .default([]),
    discount_codes: z.array(z.object({ code: z.string(), amount: centsSchema }).passthrough()).default([]),
    tax_lines: z.array(taxLine).default([]),
    total_discounts: centsSchema.default(0),
    total_price: centsSchema,
    total_tax: centsSchema.default(0),
    current_total_price: centsSchema.nullish(),
    current_total_tax: centsSchema.nullish(),
    payment_gateway_names: z.array(z.string()).default([]),
    gateway: textSchema,
  })
  .passthrough();

export type ShopifyOrderPayload = z.input<typeof shopifyOrderSchema>;
type Parsed = z.output<typeof shopifyOrderSchema>;
type TaxLines = z.output<typeof taxLine>[] | undefined;

function status(order: Parsed): ShopOrderStatus {
  if (order.cancelled_at) return 'cancelled';
  switch (order.financial_status) {
    case 'paid':
    case 'partially_refunded':
      return 'paid';
    case 'refunded':
      return 'refunded';
    case 'voided':
      return 'cancelled';
    default:
      return 'pending';
  }
}

function mapAddress(a: z.output<typeof address> | null | undefined, email: string | null): ShopAddress | null {
  if (!a) return null;
  return {
    name: a.name ?? fullName(a.first_name, a.last_name),
    company: a.company ?? null,
    street: a.address1 ?? null,
    street2: a.address2 ?? null,
    zipcode: a.zip ?? null,
    city: a.city ?? null,
    countryCode: a.country_code?.toUpperCase() ?? null,
    email,
    phone: a.phone ?? null,
  };
}

const sum = (values: readonly Cents[]): Cents => values.reduce((a, b) => a + b, 0);

/** Rate and tax of one line from its own tax_lines; several (e.g. state + city) add up. */
function lineTax(taxLines: TaxLines): { tax: Cents; rate: number | null } | undefined {
  if (taxLines === undefined) return undefined;
  if (taxLines.length === 0) return { tax: 0, rate: 0 };
  const rates = taxLines.map((t) => t.rate);
  const rate = rates.every((r): r is number => typeof r === 'number') ? percentFromFraction(rates.reduce((a, b) => a + b, 0)) : null;
  return { tax: sum(taxLines.map((t) => t.price)), rate };
}

type LineItem = Parsed['line_items'][number];
interface Priced { subtotal: Cents; discount: Cents; tax: { tax: Cents; rate: number | null } | undefined }

/**
 * After an order edit or a restocking refund, `current_quantity` is below `quantity` while the
 * line's discount and tax still describe the original quantity: scale them down (inferred from
 * the REST LineItem docs — check against a recorded `orders/edited` payload).
 */
function scaleToCurrent(line: LineItem, priced: Priced): Priced {
  const current = line.current_quantity;
  if (typeof current !== 'number' || current === line.quantity || line.quantity === 0) return priced;
  const share = (cents: Cents): Cents => roundHalfAway((cents * current) / line.quantity);
  return {
    subtotal: line.price * current,
    discount: share(priced.discount),
    tax: priced.tax === undefined ? undefined : { tax: share(priced.tax.tax), rate: priced.tax.rate },
  };
}

/**
 * Normalises a Shopify order webhook body. Old payloads without per-line `tax_lines` get the
 * order's single tax rate, with `total_tax` shared over the lines by amount.
 */
export function fromShopify(payload: unknown): ShopOrder {
  const o = shopifyOrderSchema.parse(payload);
  const incl = o.taxes_included;
  const orderRate = o.tax_lines.length === 1 && typeof o.tax_lines[0]?.rate === 'number' ? percentFromFraction(o.tax_lines[0].rate) : null;

  const edited = o.line_items.some((l) => typeof l.current_quantity === 'number' && l.current_quantity !== l.quantity);
  const priced = [
    ...o.line_items.map((l) => scaleToCurrent(l, { subtotal: l.price * l.quantity, discount: sum((l.discount_allocations ?? []).map((d) => d.amount)), tax: lineTax(l.tax_lines) })),
    ...o.shipping_lines.map((s) => ({ subtotal: s.price, discount: sum((s.discount_allocations ?? []).map((d) => d.amount)), tax: lineTax(s.tax_lines) })),
  ];
  const missing = priced.map((p, i) => (p.tax === undefined ? i : -1)).filter((i) => i >= 0);
  const knownTax = sum(priced.map((p) => p.tax?.tax ?? 0));
  const shared = allocateCents(o.total_tax - knownTax, missing.map((i) => Math.max(0, (priced[i]?.subtotal ?? 0) - (priced[i]?.discount ?? 0))));
  const amounts = priced.map((p, i) => {
    const tax = p.tax ?? { tax: shared[missing.indexOf(i)] ?? 0, rate: o.total_tax === 0 ? 0 : orderRate };
    return amountsFrom(incl, p.subtotal, p.discount, tax.tax, tax.rate);
  });

  const lines: ShopOrderLine[] = o.line_items.map((l, i) => ({
    ...(amounts[i] ?? amountsFrom(incl, 0, 0, 0, null)),
    lineId: l.id,
    sku: l.sku ?? '',
    name: l.name ?? l.title ?? l.sku ?? '',
    quantity: l.current_quantity ?? l.quantity,
  }));
  const shippingLines: ShopChargeLine[] = o.shipping_lines.map((s, i) => ({
    ...(amounts[o.line_items.length + i] ?? amountsFrom(incl, 0, 0, 0, null)),
    title: s.title ?? s.code ?? 'Shipping',
    ...(s.code ? { code: s.code } : {}),
  }));
  const anyAllocation = [...o.line_items, ...o.shipping_lines].some((l) => l.discount_allocations !== undefined);
  const email = o.email ?? o.customer?.email ?? null;
  const billing = mapAddress(o.billing_address, email);
  const phone = o.customer?.phone ?? o.phone ?? billing?.phone ?? null;
  const company = billing?.company ?? null;

  return {
    source: 'shopify',
    id: o.id,
    name: o.name,
    createdAt: o.created_at,
    orderDate: o.created_at.slice(0, 10),
    updatedAt: o.updated_at ?? o.created_at,
    currency: o.currency.toUpperCase(),
    pricesIncludeTax: incl,
    status: status(o),
    shopStatus: o.financial_status ?? 'unknown',
    paid: ['paid', 'partially_refunded', 'refunded'].includes(o.financial_status ?? ''),
    test: o.test,
    customer: {
      ...(o.customer?.id ? { shopCustomerId: o.customer.id } : {}),
      ...(email ? { email } : {}),
      name: fullName(o.customer?.first_name, o.customer?.last_name) ?? billing?.name ?? email ?? o.name,
      ...(phone ? { phone } : {}),
      ...(company ? { company } : {}),
    },
    billingAddress: billing,
    shippingAddress: mapAddress(o.shipping_address, email),
    lines,
    shippingLines,
    fees: [],
    discountCodes: o.discount_codes.map((d) => ({ code: d.code, amount: d.amount })),
    // Payloads without any discount_allocations (pre-2019 API versions) only carry the order total.
    unallocatedDiscount: anyAllocation ? 0 : o.total_discounts,
    paymentGateway: o.payment_gateway_names[0] ?? o.gateway ?? null,
    note: o.note,
    totals: edited ? { total: o.current_total_price ?? o.total_price, tax: o.current_total_tax ?? o.total_tax } : { total: o.total_price, tax: o.total_tax },
  };
}
