import type { Cents } from './money';
import type { WebshopSource } from './shop-order';

/**
 * A refund in the shop, normalised: what was given back, per line, for shipping and fees, in cents of
 * the order currency, incl. VAT (`gross`) with the VAT in it (`tax`) and its rate. Small and
 * plain: it travels in a signal to the order lifecycle.
 */
export interface ShopRefund {
  source: WebshopSource;
  /** The shop's refund id (decimal string). */
  id: string;
  shopOrderId: string;
  /** e.g. `#1001`. */
  orderName: string;
  currency: string;
  createdAt: string;
  note: string | null;
  lines: ShopRefundLine[];
  shipping: ShopRefundCharge[];
  /**
   * Refunded fees (WooCommerce `fee_lines`), credited on `webshop.feeProduct` as the order mapped
   * them. Absent on shops without fee lines and on refunds normalised before fees were read.
   */
  fees?: ShopRefundCharge[];
  /** Money returned to the customer (successful refund transactions); equals lines + shipping + fees unless the merchant changed the amount. */
  amount: Cents;
}

export interface ShopRefundLine {
  sku: string;
  name: string;
  quantity: number;
  /** Incl. VAT, after discounts. */
  gross: Cents;
  tax: Cents;
  /** VAT percent (25 for 25 %); null when the shop names none. */
  taxRate: number | null;
}

export interface ShopRefundCharge {
  title: string;
  gross: Cents;
  tax: Cents;
  taxRate: number | null;
}

/** `[refund shopify:123]`: marks the lines a refund added to a draft, so a later step can tell it is already there. */
export function refundMarker(refund: Pick<ShopRefund, 'source' | 'id'>): string {
  return `[refund ${refund.source}:${refund.id}]`;
}
