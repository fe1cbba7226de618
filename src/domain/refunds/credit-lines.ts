import type { LineInput } from '../../connectors/economic/types';
import { formatCents } from '../webshop/money';
import { netForGross, unitPriceFor } from '../webshop/line-pricing';
import { rackbeatLineNet, rackbeatVat } from '../webshop/rackbeat-amounts';
import { refundMarker, type ShopRefund } from '../webshop/shop-refund';
import type { WebshopSettings } from '../webshop/settings';

export type RefundLineSettings = Pick<WebshopSettings, 'shippingProduct' | 'feeProduct' | 'roundingProduct' | 'maxRoundingCents' | 'linePriceDecimals'>;

/** What the e-conomic document already says about a product: its VAT rate there and its text. */
export interface KnownProductLine {
  vatRate: number;
  description?: string | undefined;
}

export interface RefundLinesInput {
  refund: ShopRefund;
  settings: RefundLineSettings;
  /**
   * The invoiced line of each product number (credit note of a booked invoice): its VAT rate is
   * the one to credit at. Absent before invoicing: the shop's own rate is used.
   */
  invoiced?: ReadonlyMap<string, KnownProductLine>;
  /** Numbering continues after the document's own lines. */
  firstLineNumber?: number;
}

export interface RefundHold {
  code: string;
  message: string;
}

export type RefundLinesResult = { ok: true; lines: LineInput[]; grossCents: number } | { ok: false; hold: RefundHold };

const SHOP = { shopify: 'Shopify', woocommerce: 'WooCommerce' } as const;

/**
 * The e-conomic lines that take a shop refund off: one line per refunded product, shipping and fee,
 * quantity negated, with a unit price (excl. VAT) chosen so that e-conomic's per-line rounding
 * gives back exactly the refunded gross amount at the line's VAT rate; a cent no price can hit
 * goes to the rounding product. Every line carries the refund's marker so a later step finds it.
 * The refund's total is the money the shop returned; lines that do not add up to it hold.
 */
export function refundLines(input: RefundLinesInput): RefundLinesResult {
  const { refund, settings, invoiced } = input;
  const shop = SHOP[refund.source];
  const marker = refundMarker(refund);
  const parts: { product: string; text: string; quantity: number; gross: number; tax: number; rate: number }[] = [];
  for (const line of refund.lines) {
    if (line.quantity === 0 && line.gross === 0) continue;
    if (line.sku === '') return { ok: false, hold: { code: 'REFUND_LINE_WITHOUT_SKU', message: `${shop} refund ${refund.id} of order ${refund.orderName} refunds '${line.name}', which has no SKU: credit it in e-conomic by hand, then send a retry to credit the rest.` } };
    const known = invoiced?.get(line.sku);
    if (invoiced && !known) return { ok: false, hold: { code: 'REFUND_LINE_NOT_INVOICED', message: `${shop} refund ${refund.id} of order ${refund.orderName} refunds ${line.sku}, which is not on the e-conomic invoice: credit it in e-conomic by hand, then send a retry.` } };
    const rate = known?.vatRate ?? line.taxRate;
    if (rate === null || rate === undefined) return { ok: false, hold: { code: 'REFUND_TAX_RATE_UNKNOWN', message: `${shop} refund ${refund.id} of order ${refund.orderName} names no VAT rate for ${line.sku}: set the tax on the product in ${shop}, then send a retry.` } };
    if (known && line.taxRate !== null && line.taxRate !== known.vatRate) {
      return { ok: false, hold: { code: 'REFUND_VAT_MISMATCH', message: `${shop} refunded ${line.sku} at ${line.taxRate} % VAT but e-conomic invoiced it at ${known.vatRate} %: credit it in e-conomic by hand, then send a retry.` } };
    }
    parts.push({ product: line.sku, text: `${known?.description ?? line.name} ${marker}`, quantity: line.quantity, gross: line.gross, tax: line.tax, rate });
  }
  // Shipping and fees go on the helper products the order mapping used for them, at the VAT rate they were invoiced at.
  const charges = [
    ...refund.shipping.map((charge) => ({ charge, product: settings.shippingProduct, what: 'its shipping', credit: 'the shipping' })),
    ...(refund.fees ?? []).map((charge) => ({ charge, product: settings.feeProduct, what: `the fee '${charge.title}'`, credit: 'the fee' })),
  ];
  for (const { charge, product, what, credit } of charges) {
    if (charge.gross === 0) continue;
    const rate = invoiced?.get(product)?.vatRate ?? charge.taxRate;
    if (rate === null) return { ok: false, hold: { code: 'REFUND_TAX_RATE_UNKNOWN', message: `${shop} refund ${refund.id} of order ${refund.orderName} names no VAT rate for ${what}: credit ${credit} in e-conomic by hand, then send a retry.` } };
    parts.push({ product, text: `${charge.title} ${marker}`, quantity: 1, gross: charge.gross, tax: charge.tax, rate });
  }
  if (parts.length === 0) {
    return { ok: false, hold: { code: 'REFUND_WITHOUT_LINES', message: `${shop} refund ${refund.id} of order ${refund.orderName} returns ${formatCents(refund.amount)} ${refund.currency} without naming lines, shipping or fees: credit it in e-conomic by hand; rackbridge leaves it.` } };
  }

  const first = input.firstLineNumber ?? 1;
  const lines: LineInput[] = [];
  let gross = 0;
  const push = (product: string, text: string, quantity: number, price: number, rate: number): void => {
    const net = rackbeatLineNet(quantity, price);
    gross += net + rackbeatVat(net, rate);
    lines.push({ lineNumber: first + lines.length, sortKey: first + lines.length, product: { productNumber: product }, description: text, quantity: quantity === 0 ? 0 : -quantity, unitNetPrice: price });
  };
  for (const part of parts) {
    const { net } = netForGross(part.gross, part.rate, part.gross - part.tax);
    const { price } = unitPriceFor(net, part.quantity, 0, settings.linePriceDecimals, net / 100 / part.quantity);
    push(part.product, part.text, part.quantity, price, part.rate);
  }
  const target = refund.amount > 0 ? refund.amount : gross;
  const residual = target - gross;
  if (residual !== 0) {
    const tooLarge = Math.abs(residual) > settings.maxRoundingCents;
    if (tooLarge || settings.roundingProduct === undefined) {
      return {
        ok: false,
        hold: {
          code: 'REFUND_TOTAL_MISMATCH',
          message: `${shop} refund ${refund.id} of order ${refund.orderName} returned ${formatCents(target)} ${refund.currency} but its lines come to ${formatCents(gross)}${tooLarge ? '' : ' (set webshop.roundingProduct to absorb the cent)'}: credit the difference in e-conomic by hand, then send a retry.`,
        },
      };
    }
    const rate = invoiced?.get(settings.roundingProduct)?.vatRate ?? 0;
    const { net } = netForGross(residual, rate, Math.round(residual / (1 + rate / 100)));
    push(settings.roundingProduct, `Rounding ${marker}`, 1, unitPriceFor(net, 1, 0, 2).price, rate);
    if (gross !== target) return { ok: false, hold: { code: 'REFUND_TOTAL_MISMATCH', message: `${shop} refund ${refund.id} of order ${refund.orderName} returned ${formatCents(target)} ${refund.currency} but its lines come to ${formatCents(gross)}: credit the difference in e-conomic by hand, then send a retry.` } };
  }
  return { ok: true, lines, grossCents: gross };
}
