import type { Cents } from './money';
import type { WebshopSource } from './shops';

export type { WebshopSource };

/** The order's state in rackbridge's words; `shopStatus` keeps the shop's own value. */
export type ShopOrderStatus = 'draft' | 'pending' | 'on-hold' | 'paid' | 'completed' | 'cancelled' | 'refunded' | 'failed' | 'deleted';

export interface ShopAddress {
  name: string | null;
  company: string | null;
  street: string | null;
  street2: string | null;
  zipcode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string | null;
  email: string | null;
  phone: string | null;
}

export interface ShopCustomer {
  shopCustomerId?: string;
  email?: string;
  name: string;
  phone?: string;
  company?: string;
  vatNumber?: string;
}

/**
 * Amounts of one priced line, all in cents of the order currency, after the shop's rounding.
 * `subtotal` and `discount` are in the order's price basis (incl. VAT when
 * `pricesIncludeTax`), so `discount / subtotal` is the discount the customer saw.
 */
export interface ShopAmounts {
  /** Before discounts, in the order's price basis. */
  subtotal: Cents;
  /** Discount allocated to this line, in the order's price basis. */
  discount: Cents;
  /** VAT on the line after discounts. */
  tax: Cents;
  /** After discounts, incl. VAT. */
  totalInclTax: Cents;
  /** After discounts, excl. VAT. */
  totalExclTax: Cents;
  /** VAT percent (25 for 25 %); null when the shop sent no rate and none can be derived. */
  taxRate: number | null;
}

export interface ShopOrderLine extends ShopAmounts {
  lineId: string;
  /** '' when the shop has none: such a line cannot be matched to a Rackbeat product. */
  sku: string;
  name: string;
  quantity: number;
}

export interface ShopChargeLine extends ShopAmounts {
  title: string;
  code?: string;
}

export interface ShopDiscountCode {
  code: string;
  amount: Cents;
}

export interface ShopOrder {
  source: WebshopSource;
  /** Decimal string; Shopify ids exceed 2^53. */
  id: string;
  /** The number the customer sees, e.g. '#1001' (Shopify) or '727' (WooCommerce). */
  name: string;
  /** As the shop sent it: Shopify with the shop's UTC offset, WooCommerce `date_created_gmt` with a `Z` added. */
  createdAt: string;
  /** `YYYY-MM-DD` in the shop's own time zone: the date the customer saw. */
  orderDate: string;
  updatedAt: string;
  currency: string;
  pricesIncludeTax: boolean;
  status: ShopOrderStatus;
  /** The shop's own status: Woo `status`, Shopify `financial_status`. */
  shopStatus: string;
  paid: boolean;
  test: boolean;
  customer: ShopCustomer;
  billingAddress: ShopAddress | null;
  shippingAddress: ShopAddress | null;
  lines: ShopOrderLine[];
  shippingLines: ShopChargeLine[];
  fees: ShopChargeLine[];
  discountCodes: ShopDiscountCode[];
  /** Discount the shop did not allocate to any line or shipping, in the order's price basis. */
  unallocatedDiscount: Cents;
  paymentGateway: string | null;
  note: string | null;
  totals: { total: Cents; tax: Cents };
}

/** A stable, searchable reference to the shop order, e.g. `shopify:820982911946154508`. */
export function webshopSourceRef(source: WebshopSource, id: string): string {
  return `${source}:${id}`;
}

/** Completes amounts from the order's price basis. */
export function amountsFrom(pricesIncludeTax: boolean, subtotal: Cents, discount: Cents, tax: Cents, taxRate: number | null): ShopAmounts {
  const afterDiscount = subtotal - discount;
  const totalInclTax = pricesIncludeTax ? afterDiscount : afterDiscount + tax;
  return { subtotal, discount, tax, totalInclTax, totalExclTax: totalInclTax - tax, taxRate };
}
