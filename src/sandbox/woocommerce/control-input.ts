import { z } from 'zod';
import { ORDER_STATUSES } from './models';
import { toCents } from './money';
import type { NewOrderSpec } from './orders';
import type { WooCommerceSimulatorSettings } from './settings';

const moneyText = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const cents = toCents(value);
  if (cents === undefined || cents < 0) {
    ctx.addIssue({ code: 'custom', message: 'an amount with at most 2 decimals' });
    return z.NEVER;
  }
  return cents;
});

const address = z.record(z.string(), z.string());

/** A storefront checkout, as the control API takes it. Amounts are decimal strings in the store currency. */
export const checkoutBody = z
  .object({
    lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive(), price: moneyText.optional() }).strict()).min(1),
    status: z.enum([...ORDER_STATUSES, 'draft', 'auto-draft']).default('processing'),
    prices_include_tax: z.boolean().optional(),
    currency: z.string().length(3).optional(),
    customer_id: z.number().int().nonnegative().default(0),
    billing: address.default({}),
    shipping: address.default({}),
    /** Excluding tax, as WooCommerce flat rates are entered. */
    shipping_line: z.object({ method_id: z.string().default('flat_rate'), method_title: z.string().default('Forsendelse'), total: moneyText }).strict().optional(),
    coupon: z
      .union([z.object({ code: z.string(), percent: z.number().positive().max(100) }).strict(), z.object({ code: z.string(), amount: moneyText }).strict()])
      .optional(),
    /** Excluding tax. */
    fees: z.array(z.object({ name: z.string(), total: moneyText, taxable: z.boolean().default(true) }).strict()).default([]),
    payment_method: z.string().default('quickpay'),
    payment_method_title: z.string().default('Betalingskort'),
    customer_note: z.string().default(''),
    /** Backdates the order (history imports, paging tests). ISO 8601. */
    created_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type CheckoutBody = z.output<typeof checkoutBody>;

export function toOrderSpec(body: CheckoutBody, settings: WooCommerceSimulatorSettings): NewOrderSpec {
  return {
    status: body.status,
    currency: body.currency ?? settings.currency,
    pricesIncludeTax: body.prices_include_tax ?? settings.pricesIncludeTax,
    customerId: body.customer_id,
    billing: body.billing,
    shipping: body.shipping,
    lines: body.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.price })),
    coupon: body.coupon ? ('percent' in body.coupon ? { code: body.coupon.code, type: 'percent', percent: body.coupon.percent } : { code: body.coupon.code, type: 'fixed_cart', amount: body.coupon.amount }) : undefined,
    shippingLine: body.shipping_line ? { methodId: body.shipping_line.method_id, methodTitle: body.shipping_line.method_title, total: body.shipping_line.total } : undefined,
    fees: body.fees,
    paymentMethod: body.payment_method,
    paymentMethodTitle: body.payment_method_title,
    createdVia: 'checkout',
    customerNote: body.customer_note,
    createdAt: body.created_at === undefined ? undefined : Date.parse(body.created_at),
  };
}

export const settingsBody = z
  .object({
    deliveryDelayMs: z.number().int().nonnegative(),
    deliveryTimeoutMs: z.number().int().positive(),
    maxDeliveryFailures: z.number().int().nonnegative(),
    batchLimit: z.number().int().positive(),
    taxRatePercent: z.number().nonnegative(),
    pricesIncludeTax: z.boolean(),
    https: z.boolean(),
    trustForwardedProto: z.boolean(),
  })
  .partial()
  .strict();
