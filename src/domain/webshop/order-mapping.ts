import type { AddressInput, OrderInput, OrderLineInput, VatZone } from '../../connectors/rackbeat/types';
import type { WebshopHold } from './hold-codes';
import { webshopHolds } from './hold-messages';
import { type Cents, roundHalfAway } from './money';
import { discountPercentFor, netForGross, unitPriceFor } from './line-pricing';
import { type RackbeatTotals, rackbeatOrderTotals } from './rackbeat-amounts';
import type { WebshopSettings } from './settings';
import { type ShopAddress, type ShopAmounts, type ShopOrder, webshopSourceRef } from './shop-order';

export interface OrderMappingContext {
  /** The Rackbeat customer number the order goes to (customer-mapping.ts finds or creates it). */
  customerNumber: number;
  /** Product numbers that exist in Rackbeat. */
  productNumbers: ReadonlySet<string>;
  /** VAT percent Rackbeat applies per product number in this order's zone; when given, a differing shop rate holds. */
  vatRates?: ReadonlyMap<string, number>;
  vatZone?: VatZone;
}

/** A priced line plus the VAT percent the prediction assumed for it (not sent to Rackbeat). */
type MappedOrderLine = OrderLineInput & { line_price: number; vatPercent: number };
export type MappedOrderInput = OrderInput & { lines: (OrderLineInput & { line_price: number })[] };

export type OrderMappingResult =
  | {
      ok: true;
      input: MappedOrderInput;
      sourceRef: string;
      /** The totals Rackbeat will compute, in cents; `expected.total` equals the shop's total. */
      expected: RackbeatTotals;
      /** VAT percent assumed per input line, in line order. */
      lineVatPercents: number[];
    }
  | { ok: false; hold: WebshopHold };

export type OrderMappingSettings = Pick<WebshopSettings, 'shippingProduct' | 'discountProduct' | 'feeProduct' | 'roundingProduct' | 'maxRoundingCents' | 'linePriceDecimals'>;

const SHOP_NAME = { shopify: 'Shopify', woocommerce: 'WooCommerce' } as const;

/** One line to price: what the shop charged for it, and which Rackbeat product carries it. */
interface Component {
  itemNumber: string;
  name: string;
  quantity: number;
  amounts: ShopAmounts;
  /** Shop unit price excl. VAT before discounts, as the natural `line_price`. */
  naturalUnitPrice?: number;
}

function mapAddress(a: ShopAddress | null): AddressInput | undefined {
  if (!a) return undefined;
  return {
    name: a.company ?? a.name,
    street: a.street,
    street2: a.street2,
    zipcode: a.zipcode,
    city: a.city,
    country: a.countryCode,
    email: a.email,
    phone: a.phone,
  };
}

function components(order: ShopOrder, settings: OrderMappingSettings, commonRate: number | null): Component[] {
  const natural = (subtotal: Cents, quantity: number, rate: number | null): number | undefined =>
    rate === null || quantity === 0 ? undefined : subtotal / 100 / quantity / (order.pricesIncludeTax ? 1 + rate / 100 : 1);
  const out: Component[] = order.lines
    .filter((l) => l.quantity > 0)
    .map((l) => {
      const unit = natural(l.subtotal, l.quantity, l.taxRate);
      return { itemNumber: l.sku, name: l.name, quantity: l.quantity, amounts: l, ...(unit === undefined ? {} : { naturalUnitPrice: unit }) };
    });
  const charges = [
    ...order.shippingLines.map((s) => ({ line: s, product: settings.shippingProduct })),
    ...order.fees.map((f) => ({ line: f, product: settings.feeProduct })),
  ];
  for (const { line, product } of charges) {
    if (line.subtotal === 0 && line.totalInclTax === 0) continue;
    const unit = natural(line.subtotal, 1, line.taxRate);
    out.push({ itemNumber: product, name: line.title, quantity: 1, amounts: line, ...(unit === undefined ? {} : { naturalUnitPrice: unit }) });
  }
  if (order.unallocatedDiscount > 0) {
    // Tax on an unallocated discount is not in the payload: assume the order's one rate.
    const u = order.unallocatedDiscount;
    const tax = commonRate === null ? 0 : order.pricesIncludeTax ? u - roundHalfAway(u / (1 + commonRate / 100)) : roundHalfAway((u * commonRate) / 100);
    const gross = order.pricesIncludeTax ? u : u + tax;
    out.push({
      itemNumber: settings.discountProduct,
      name: order.discountCodes.length ? `Discount ${order.discountCodes.map((d) => d.code).join(', ')}` : 'Discount',
      quantity: 1,
      amounts: { subtotal: -u, discount: 0, tax: -tax, totalInclTax: -gross, totalExclTax: -(gross - tax), taxRate: commonRate },
    });
  }
  return out;
}

function commonTaxRate(order: ShopOrder): number | null {
  const rates = new Set(order.lines.filter((l) => l.quantity > 0).map((l) => l.taxRate));
  const [only] = [...rates];
  return rates.size === 1 && only !== undefined ? only : null;
}

function checkProducts(order: ShopOrder, settings: OrderMappingSettings, ctx: OrderMappingContext, parts: readonly Component[]): WebshopHold | undefined {
  const noSku = order.lines.filter((l) => l.quantity > 0 && l.sku === '').map((l) => l.name);
  if (noSku.length) return webshopHolds.missingSku(order.source, `order ${order.name}`, noSku);
  const unknown = [...new Set(order.lines.filter((l) => l.quantity > 0 && !ctx.productNumbers.has(l.sku)).map((l) => l.sku))];
  if (unknown.length) return webshopHolds.unknownSku(order.source, order.name, unknown);
  const helpers = [
    ['shippingProduct', settings.shippingProduct],
    ['feeProduct', settings.feeProduct],
    ['discountProduct', settings.discountProduct],
  ] as const;
  for (const [setting, number] of helpers) {
    if (parts.some((p) => p.itemNumber === number) && !ctx.productNumbers.has(number)) return webshopHolds.helperProductMissing(setting, number);
  }
  return undefined;
}

function priceComponent(part: Component, vatPercent: number, maxDecimals: number): MappedOrderLine {
  const a = part.amounts;
  const { net } = netForGross(a.totalInclTax, vatPercent, a.totalExclTax);
  const discount = discountPercentFor(a.subtotal, a.discount);
  const { price } = unitPriceFor(net, part.quantity, discount, maxDecimals, part.naturalUnitPrice);
  return {
    item_id: part.itemNumber,
    name: part.name,
    quantity: part.quantity,
    line_price: price,
    ...(discount === 0 ? {} : { discount_percentage: discount }),
    vatPercent,
  };
}

/** Adds a rounding line when a cent difference remains, or says why the order holds. */
function settleRounding(order: ShopOrder, settings: OrderMappingSettings, ctx: OrderMappingContext, lines: MappedOrderLine[]): WebshopHold | undefined {
  const expected = rackbeatOrderTotals(lines).total;
  const residual = order.totals.total - expected;
  if (residual === 0) return undefined;
  if (Math.abs(residual) > settings.maxRoundingCents) return webshopHolds.totalMismatchTooLarge(order.source, order.name, order.totals.total, expected, order.currency);
  if (settings.roundingProduct === undefined) return webshopHolds.totalMismatch(order.source, order.name, order.totals.total, expected, order.currency);
  if (!ctx.productNumbers.has(settings.roundingProduct)) return webshopHolds.helperProductMissing('roundingProduct', settings.roundingProduct);
  const rate = ctx.vatRates?.get(settings.roundingProduct) ?? 0;
  const { net } = netForGross(residual, rate, roundHalfAway(residual / (1 + rate / 100)));
  const { price } = unitPriceFor(net, 1, 0, 2);
  lines.push({ item_id: settings.roundingProduct, name: 'Rounding', quantity: 1, line_price: price, vatPercent: rate });
  const settled = rackbeatOrderTotals(lines).total;
  return settled === order.totals.total ? undefined : webshopHolds.totalMismatch(order.source, order.name, order.totals.total, settled, order.currency);
}

function orderNote(order: ShopOrder): string | null {
  const parts = [order.paymentGateway ? `Payment: ${order.paymentGateway}` : null, order.note ? `Customer note: ${order.note}` : null].filter((p): p is string => p !== null);
  return parts.length ? parts.join('\n') : null;
}

/**
 * Maps a normalised shop order to a Rackbeat order whose total incl. VAT equals the shop's to
 * the cent. VAT-inclusive prices become exclusive unit prices chosen so that Rackbeat's own
 * per-line rounding (rackbeat-amounts.ts) reproduces each line's gross amount; what no price
 * can reproduce goes to the rounding product, or the order holds.
 */
export function mapShopOrderToRackbeat(order: ShopOrder, settings: OrderMappingSettings, ctx: OrderMappingContext): OrderMappingResult {
  const commonRate = commonTaxRate(order);
  const parts = components(order, settings, commonRate);
  const productHold = checkProducts(order, settings, ctx, parts);
  if (productHold) return { ok: false, hold: productHold };

  const lines: MappedOrderLine[] = [];
  for (const part of parts) {
    const shopRate = part.amounts.taxRate;
    if (shopRate === null) return { ok: false, hold: webshopHolds.taxRateUnknown(order.source, order.name, `'${part.name}'`) };
    const rackbeatRate = ctx.vatRates?.get(part.itemNumber);
    if (rackbeatRate !== undefined && rackbeatRate !== shopRate) {
      return { ok: false, hold: webshopHolds.vatRateMismatch(order.source, order.name, part.itemNumber, shopRate, rackbeatRate) };
    }
    lines.push(priceComponent(part, shopRate, settings.linePriceDecimals));
  }
  const roundingHold = settleRounding(order, settings, ctx, lines);
  if (roundingHold) return { ok: false, hold: roundingHold };

  const sourceRef = webshopSourceRef(order.source, order.id);
  const billing = mapAddress(order.billingAddress);
  const delivery = mapAddress(order.shippingAddress);
  const input: MappedOrderInput = {
    customer_id: ctx.customerNumber,
    currency: order.currency,
    heading: `${SHOP_NAME[order.source]} order ${order.name} [${sourceRef}]`,
    their_reference: order.name,
    note: orderNote(order),
    order_date: order.orderDate,
    ...(ctx.vatZone ? { vat_zone: ctx.vatZone } : {}),
    ...(billing ? { billing_address: billing } : {}),
    ...(delivery ? { delivery_address: delivery } : {}),
    lines: lines.map(({ vatPercent: _vat, ...line }) => line),
  };
  return { ok: true, input, sourceRef, expected: rackbeatOrderTotals(lines), lineVatPercents: lines.map((l) => l.vatPercent) };
}
