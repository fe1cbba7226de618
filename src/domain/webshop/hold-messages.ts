import type { WebshopHold } from './hold-codes';
import { formatCents } from './money';
import { type WebshopSource, webshopLabel } from './shops';

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
const plural = (count: number, word: string): string => `${word}${count === 1 ? '' : 's'}`;

/** Every webshop hold sentence in one place: what to fix, and in which system. */
export const webshopHolds = {
  unknownSku: (source: WebshopSource, orderName: string, skus: readonly string[]): WebshopHold => ({
    code: 'WEBSHOP_UNKNOWN_SKU',
    message: `Create ${plural(skus.length, 'product')} ${quoted(skus)} in Rackbeat or correct the ${plural(skus.length, 'SKU')} in ${webshopLabel(source)}, so ${webshopLabel(source)} order ${orderName} can be transferred (Rackbeat matches order lines on product number).`,
  }),
  /** `subject` names what waits, e.g. "order #1001" or "product 632910392". */
  missingSku: (source: WebshopSource, subject: string, lineNames: readonly string[]): WebshopHold => ({
    code: 'WEBSHOP_MISSING_SKU',
    message: `Give ${quoted(lineNames)} a SKU in ${webshopLabel(source)} that matches a Rackbeat product number (every variant needs its own), then retry ${webshopLabel(source)} ${subject}.`,
  }),
  helperProductMissing: (setting: string, productNumber: string): WebshopHold => ({
    code: 'WEBSHOP_HELPER_PRODUCT_MISSING',
    message: `Create product '${productNumber}' in Rackbeat or change the webshop setting ${setting} to an existing product number.`,
  }),
  taxRateUnknown: (source: WebshopSource, orderName: string, what: string): WebshopHold => ({
    code: 'WEBSHOP_TAX_RATE_UNKNOWN',
    message: `Check the tax setup of ${what} in ${webshopLabel(source)}, because order ${orderName} carries no VAT rate rackbridge can read for it.`,
  }),
  vatRateMismatch: (source: WebshopSource, orderName: string, productNumber: string, shopRate: number, rackbeatRate: number): WebshopHold => ({
    code: 'WEBSHOP_VAT_RATE_MISMATCH',
    message: `Move product '${productNumber}' in Rackbeat to a product group with ${shopRate} % VAT (it has ${rackbeatRate} %) or fix its tax class in ${webshopLabel(source)}, so order ${orderName} totals the same in both systems.`,
  }),
  totalMismatch: (source: WebshopSource, orderName: string, shopTotal: number, rackbeatTotal: number, currency: string): WebshopHold => ({
    code: 'WEBSHOP_TOTAL_MISMATCH',
    message: `Set a rounding product (webshop setting roundingProduct, in a 0 % VAT group in Rackbeat), because ${webshopLabel(source)} order ${orderName} totals ${formatCents(shopTotal)} ${currency} but would total ${formatCents(rackbeatTotal)} ${currency} in Rackbeat.`,
  }),
  totalMismatchTooLarge: (source: WebshopSource, orderName: string, shopTotal: number, rackbeatTotal: number, currency: string): WebshopHold => ({
    code: 'WEBSHOP_TOTAL_MISMATCH',
    message: `Check ${webshopLabel(source)} order ${orderName} for charges rackbridge does not transfer (gift cards, tips, duties), because it totals ${formatCents(shopTotal)} ${currency} but would total ${formatCents(rackbeatTotal)} ${currency} in Rackbeat.`,
  }),
  customerUnmatched: (source: WebshopSource, orderName: string, keys: readonly string[]): WebshopHold => ({
    code: 'WEBSHOP_CUSTOMER_UNMATCHED',
    message: `Add ${keys.length ? quoted(keys) : 'the customer of the order'} to the webshop setting customerNumbers with a Rackbeat customer number, then retry ${webshopLabel(source)} order ${orderName}.`,
  }),
  productNameCharacters: (sku: string, name: string, found: readonly string[]): WebshopHold => ({
    code: 'WEBSHOP_PRODUCT_NAME_CHARACTERS',
    message: `Remove ${quoted(found)} from the name '${name}' of product '${sku}' in the webshop (Netvisor rejects ${found.length === 1 ? 'that character' : 'those characters'}), or set the webshop setting productNames to 'clean'.`,
  }),
  productNameTooLong: (sku: string, length: number, max: number): WebshopHold => ({
    code: 'WEBSHOP_PRODUCT_NAME_TOO_LONG',
    message: `Shorten the name of product '${sku}' in the webshop to ${max} characters (it has ${length}) for e-conomic, or set the webshop setting productNames to 'clean'.`,
  }),
  productNumberTooLong: (sku: string, max: number): WebshopHold => ({
    code: 'WEBSHOP_PRODUCT_NUMBER_TOO_LONG',
    message: `Shorten SKU '${sku}' in the webshop to at most ${max} characters, because e-conomic and Rackbeat's integrations refuse longer product numbers.`,
  }),
  customerGroupMissing: (source: WebshopSource, orderName: string): WebshopHold => ({
    code: 'WEBSHOP_CUSTOMER_GROUP_MISSING',
    message: `Set the webshop setting newCustomer.customerGroup to a Rackbeat customer group number, because ${webshopLabel(source)} order ${orderName} needs a new Rackbeat customer and Rackbeat requires every customer to have a group.`,
  }),
  editTooLate: (orderName: string, rackbeatOrder: number): WebshopHold => ({
    code: 'WEBSHOP_EDIT_TOO_LATE',
    message: `${orderName} was edited in the shop after Rackbeat order ${rackbeatOrder} shipped: make the same change in Rackbeat by hand (or a credit note), then send a retry.`,
  }),
  /** Lines of a booked Rackbeat order are locked (SEEN-IN-USE, gytisdemo README §2), so rackbridge never edits them. */
  editAfterBooking: (source: WebshopSource, orderName: string, rackbeatOrder: number, changes: readonly string[]): WebshopHold => ({
    code: 'WEBSHOP_EDIT_AFTER_BOOKING',
    message: `Change the lines of Rackbeat order ${rackbeatOrder} by hand (reopen it, ${changes.join(', ')}, book it again), because ${webshopLabel(source)} order ${orderName} was edited after booking and Rackbeat locks the lines of a booked order; then send a retry.`,
  }),
  cancelTooLate: (orderName: string, rackbeatOrder: number): WebshopHold => ({
    code: 'WEBSHOP_CANCEL_TOO_LATE',
    message: `${orderName} was cancelled in the shop, but Rackbeat order ${rackbeatOrder} has already shipped: handle the return and credit in Rackbeat, then send a retry.`,
  }),
  /** No cancel route or writable `is_cancelled` is attested for Rackbeat orders (rackbeat-verified §3.1). */
  cancelInRackbeat: (source: WebshopSource, orderName: string, rackbeatOrder: number): WebshopHold => ({
    code: 'WEBSHOP_CANCEL_IN_RACKBEAT',
    message: `Cancel Rackbeat order ${rackbeatOrder} by hand in Rackbeat, because ${webshopLabel(source)} order ${orderName} was cancelled in the shop and rackbridge has no Rackbeat API route to cancel it; then send a retry.`,
  }),
  productPriceInvalid: (sku: string, price: string): WebshopHold => ({
    code: 'WEBSHOP_PRODUCT_PRICE_INVALID',
    message: `Set a valid price on product '${sku}' in the webshop (it has '${price}').`,
  }),
};
