import { z } from 'zod';

const productNumber = z.string().min(1);

/**
 * The webshop mapping settings one connection carries. Every field has a default so
 * `webshopSettingsSchema.parse({})` is a working configuration for a Danish shop; only the
 * helper products must exist in Rackbeat (the Rackbeat helpdesk lists "shipping" and
 * "discount" products among the prerequisites of its own WooCommerce integration).
 */
export const webshopSettingsSchema = z.object({
  /** Shopify: transfer when the order is created, or only once it is paid. @default 'paid' */
  orderTrigger: z.enum(['created', 'paid']).default('paid'),
  /** WooCommerce statuses that transfer an order. @default ['processing', 'completed'] */
  wooStatuses: z.array(z.string().min(1)).default(['processing', 'completed']),
  /** Shopify test orders (`test: true`) are ignored unless this is on. @default false */
  acceptTestOrders: z.boolean().default(false),
  /** How an order finds its Rackbeat customer. @default 'email' */
  customerMatch: z.enum(['email', 'number-mapping']).default('email'),
  /** For `number-mapping`: e-mail (lower case) or shop customer id → Rackbeat customer number. */
  customerNumbers: z.record(z.string(), z.number().int().positive()).default({}),
  /** What an order whose customer is not found does: create a customer, or hold. @default 'create' */
  unmatchedCustomer: z.enum(['create', 'hold']).default('create'),
  /** ISO country code of the merchant: customers here are `domestic`, other EU ones `eu`. @default 'DK' */
  homeCountry: z.string().length(2).default('DK'),
  newCustomer: z
    .object({
      /**
       * Rackbeat customer group number for customers created from shop orders, sent as
       * `customer_group_id`. Rackbeat requires a group (hd:ht-00031); without it a new customer is
       * refused and the order held. `doctor` checks the group exists.
       */
      customerGroup: z.number().int().positive().optional(),
      paymentTermsId: z.number().int().positive().optional(),
      layoutId: z.number().int().positive().optional(),
      /** Overrides the zone derived from the country. */
      vatZone: z.enum(['domestic', 'eu', 'abroad']).optional(),
      /** @default 'da' */
      locale: z.string().min(2).default('da'),
    })
    .default({ locale: 'da' }),
  /** Rackbeat product for shipping lines. Its product group's VAT must match the shop's shipping VAT. @default 'shipping' */
  shippingProduct: productNumber.default('shipping'),
  /** Rackbeat product for a discount the shop did not allocate to lines (sent with a negative price). @default 'discount' */
  discountProduct: productNumber.default('discount'),
  /** Rackbeat product for WooCommerce fee lines. @default 'fee' */
  feeProduct: productNumber.default('fee'),
  /**
   * Rackbeat product that absorbs a remaining cent difference between the shop's total and the
   * total Rackbeat computes. Put it in a product group with 0 % VAT. Without it, such orders hold.
   */
  roundingProduct: productNumber.optional(),
  /**
   * Most decimals sent in an order line's `line_price`. Prices with more decimals let Rackbeat's
   * rounded line totals meet the shop's VAT-inclusive amounts exactly; whether real Rackbeat
   * keeps more than 2 decimals is unconfirmed (the simulator does). Set 2 if it rounds: the
   * rounding product then absorbs the cents. @default 6
   */
  linePriceDecimals: z.number().int().min(2).max(8).default(6),
  /** Largest difference a rounding line may absorb, in cents. @default 5 */
  maxRoundingCents: z.number().int().nonnegative().default(5),
  /** Which system owns product master data. @default 'rackbeat' */
  productMaster: z.enum(['rackbeat', 'webshop']).default('rackbeat'),
  /** A product name an accounting system would reject: hold the product, or clean the name. @default 'hold' */
  productNames: z.enum(['hold', 'clean']).default('hold'),
  /** Characters Netvisor rejects in product names; defaults to the Netvisor domain's list. */
  rejectedNameCharacters: z.array(z.string().min(1)).optional(),
  /** Rackbeat product group number for products created from the shop. @default 1 */
  productGroup: z.number().int().positive().default(1),
  /** Whether the shop's product prices include VAT (Shopify `taxes_included`, Woo "prices entered with tax"). @default true */
  productPricesIncludeVat: z.boolean().default(true),
  /** VAT percent used to take VAT out of product prices. @default 25 */
  productVatPercent: z.number().nonnegative().default(25),
  /** How often the full stock reconcile (Rackbeat → shops) runs, in milliseconds. @default 1 hour */
  stockReconcileEvery: z.number().int().min(60_000).optional(),
});

export type WebshopSettingsInput = z.input<typeof webshopSettingsSchema>;
export type WebshopSettings = z.output<typeof webshopSettingsSchema>;

export function parseWebshopSettings(input: unknown): WebshopSettings {
  return webshopSettingsSchema.parse(input ?? {});
}
