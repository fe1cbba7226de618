import type { CustomerInput, VatZone } from '../connectors/rackbeat/types';
import { NotFoundError } from '../connectors/http';
import type { RackbeatClient, RackbeatOrder } from '../connectors/rackbeat';
import {
  type ComparableLine,
  customerLookup,
  decideShopOrder,
  describeLineChanges,
  mapShopOrderToRackbeat,
  type MappedOrderInput,
  newRackbeatCustomer,
  type RackbeatTotals,
  type ShopOrder,
  vatZoneFor,
  type WebshopHold,
  type WebshopSettings,
  webshopHolds,
  webshopSourceRef,
} from '../domain/webshop';
import type { TransferOutcome } from './transfer-types';

/** What the webshop-order step returns: the transfer outcome, plus the Rackbeat order when there is one. */
export type WebshopOrderOutcome = TransferOutcome & { rackbeatOrder?: number };

/** The order's Rackbeat customer: found, or to be created from the buyer (written only when the order is written). */
export type PlannedCustomer = { number: number } | { create: CustomerInput };

/**
 * F1's reads and decisions without its writes (`syncWebshopOrder` then writes; `transfers preview`
 * and backfill's dry run print it): stop with an outcome, or write this order.
 */
export type WebshopOrderPlan =
  | { step: 'stop'; order: ShopOrder; existing: RackbeatOrder | undefined; outcome: WebshopOrderOutcome }
  | {
      step: 'write';
      order: ShopOrder;
      existing: RackbeatOrder | undefined;
      customer: PlannedCustomer;
      /** The Rackbeat order body; `customer_id` is 0 while the customer is still to be created. */
      input: MappedOrderInput;
      expected: RackbeatTotals;
      /** An existing order whose lines differ: what would change (its lines are replaced). */
      lineChanges?: string[];
    };

/** Rackbeat orders rackbridge made carry the shop's source reference in the heading, so a lookup finds them. */
export async function findRackbeatOrder(rackbeat: RackbeatClient, sourceRef: string): Promise<RackbeatOrder | undefined> {
  const page = await rackbeat.listOrders({ search: sourceRef, limit: 20 });
  return page.items.find((o) => o.heading?.includes(`[${sourceRef}]`));
}

export const orderDone = (number: number, did: string): WebshopOrderOutcome => ({ result: 'done', did, ref: `rackbeat:order:${number}`, rackbeatOrder: number });

/** The shop order's state decides first (no more reads): ignore, cancel, or go on to map it. Pure. */
export function decideWebshopOrderStep(order: ShopOrder, settings: WebshopSettings, existing: RackbeatOrder | undefined, refundsCredited = false): WebshopOrderOutcome | undefined {
  const decision = decideShopOrder(order, settings, { rackbeatOrderExists: existing !== undefined });
  if (decision.action === 'ignore') {
    if (existing) return orderDone(existing.number, `Rackbeat order ${existing.number} already exists (${decision.detail})`);
    const final = decision.reason === 'cancelled-before-transfer' || decision.reason === 'refunded-before-transfer' || decision.reason === 'test-order';
    return final ? { result: 'skipped', did: decision.detail } : { result: 'waiting', did: decision.detail };
  }
  if (decision.action === 'cancel') {
    if (!existing) return { result: 'skipped', did: `${order.name} was cancelled in the shop before it reached Rackbeat` };
    if (existing.is_cancelled) return orderDone(existing.number, `Rackbeat order ${existing.number} is already cancelled`);
    const shipped = existing.is_shipped || existing.is_partly_shipped;
    // Refunded in full after shipping is a return: its refunds become credit notes of their own transfers; nothing is left to cancel.
    if (shipped && decision.refunded && refundsCredited) {
      return orderDone(existing.number, `${order.name} was refunded in full after Rackbeat order ${existing.number} shipped: its refunds become e-conomic credit notes; goods that come back are a return in Rackbeat`);
    }
    if (shipped) return { result: 'held', did: 'cancel Rackbeat order', hold: webshopHolds.cancelTooLate(order.name, existing.number) };
    // No attested cancel route or writable is_cancelled: a person cancels it; the hold notifies them.
    return { result: 'held', did: 'cancel Rackbeat order', hold: webshopHolds.cancelInRackbeat(order.source, order.name, existing.number) };
  }
  return undefined;
}

const lineKey = (l: ComparableLine): string => `${l.item}|${l.quantity}|${l.price.toFixed(6)}|${l.discount}`;

/** What the existing Rackbeat order's lines would become, or why they may not change. Pure. */
export function lineUpdate(order: ShopOrder, existing: RackbeatOrder, input: MappedOrderInput): { changes?: string[] } | { hold: WebshopHold } {
  const wanted = input.lines.map((l) => ({ item: l.item_id, quantity: l.quantity, price: l.line_price ?? 0, discount: l.discount_percentage ?? 0 }));
  const current = existing.lines.map((l) => ({ item: l.item.number, quantity: l.quantity, price: l.line_price, discount: l.discount_percentage ?? 0 }));
  if (wanted.map(lineKey).sort().join() === current.map(lineKey).sort().join()) return {};
  if (existing.is_shipped || existing.is_partly_shipped || existing.is_invoiced) return { hold: webshopHolds.editTooLate(order.name, existing.number) };
  // Lines of a booked order are locked (SEEN-IN-USE, gytisdemo README §2): a person changes them.
  if (existing.is_booked) return { hold: webshopHolds.editAfterBooking(order.source, order.name, existing.number, describeLineChanges(current, wanted)) };
  return { changes: describeLineChanges(current, wanted) };
}

/** The customer number per the match rule, or the customer to create. Reads only. */
async function findCustomer(rackbeat: RackbeatClient, order: ShopOrder, settings: WebshopSettings): Promise<PlannedCustomer | { hold: WebshopHold }> {
  const lookup = customerLookup(order, settings);
  if (lookup.by === 'hold') return { hold: lookup.hold };
  if (lookup.by === 'number') return { number: (await rackbeat.getCustomer(lookup.customerNumber)).number };
  const email = order.customer.email?.trim().toLowerCase();
  if (email) {
    const found = (await rackbeat.listCustomers({ search: email, limit: 50 })).items.find((c) => c.contact_email?.trim().toLowerCase() === email);
    if (found) return { number: found.number };
  }
  if (settings.newCustomer.customerGroup === undefined) return { hold: webshopHolds.customerGroupMissing(order.source, order.name) };
  return { create: newRackbeatCustomer(order, settings) };
}

async function knownProducts(rackbeat: RackbeatClient, numbers: string[], zone: VatZone): Promise<{ numbers: Set<string>; vat: Map<string, number> }> {
  const found = new Set<string>();
  const vat = new Map<string, number>();
  await Promise.all(
    [...new Set(numbers)].map(async (n) => {
      try {
        const product = await rackbeat.getProduct(n);
        found.add(product.number);
        const group = product.group;
        const rate = zone === 'domestic' ? group?.vat_domestic : zone === 'eu' ? group?.vat_eu : group?.vat_abroad;
        if (rate !== undefined) vat.set(product.number, rate);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    }),
  );
  return { numbers: found, vat };
}

/** What the transfer reads in Rackbeat for an order it will map: the customer (or why none), the products it names. */
export interface WebshopOrderReads {
  existing: RackbeatOrder | undefined;
  customer: PlannedCustomer | { hold: WebshopHold };
  products: { numbers: ReadonlySet<string>; vat: ReadonlyMap<string, number> };
  zone: VatZone;
}

/** After the reads: the customer, the mapping, the lines of an existing order. Pure. */
export function webshopOrderPlanFrom(order: ShopOrder, settings: WebshopSettings, reads: WebshopOrderReads): WebshopOrderPlan {
  const { existing, customer } = reads;
  const stop = (outcome: WebshopOrderOutcome): WebshopOrderPlan => ({ step: 'stop', order, existing, outcome });
  if ('hold' in customer) return stop({ result: 'held', did: 'match customer', hold: customer.hold });
  const customerNumber = 'number' in customer ? customer.number : 0;
  const mapped = mapShopOrderToRackbeat(order, settings, { customerNumber, productNumbers: reads.products.numbers, vatRates: reads.products.vat, vatZone: reads.zone });
  if (!mapped.ok) return stop({ result: 'held', did: 'map order', hold: mapped.hold });
  const write = { step: 'write' as const, order, existing, customer, input: mapped.input, expected: mapped.expected };
  if (!existing) return write;
  const update = lineUpdate(order, existing, mapped.input);
  if ('hold' in update) return stop({ result: 'held', did: 'update Rackbeat order', hold: update.hold });
  return update.changes ? { ...write, lineChanges: update.changes } : write;
}

/**
 * The Rackbeat side of F1 for a shop order already read: the lookup by source reference, the
 * trigger, the customer match, the products and the mapping. Every read the transfer makes before
 * its first write, and none of its writes.
 */
/** `refundsCredited`: the connection makes credit notes of the shop's refunds (webshop-refund transfers). */
export async function planWebshopOrder(rackbeat: RackbeatClient, order: ShopOrder, settings: WebshopSettings, refundsCredited: boolean): Promise<WebshopOrderPlan> {
  const existing = await findRackbeatOrder(rackbeat, webshopSourceRef(order.source, order.id));
  const decided = decideWebshopOrderStep(order, settings, existing, refundsCredited);
  if (decided) return { step: 'stop', order, existing, outcome: decided };
  const customer = await findCustomer(rackbeat, order, settings);
  const zone = settings.newCustomer.vatZone ?? vatZoneFor((order.billingAddress ?? order.shippingAddress)?.countryCode, settings.homeCountry);
  const helpers = [settings.shippingProduct, settings.discountProduct, settings.feeProduct, ...(settings.roundingProduct ? [settings.roundingProduct] : [])];
  // A customer that holds the order needs no product reads.
  const products = 'hold' in customer ? { numbers: new Set<string>(), vat: new Map<string, number>() } : await knownProducts(rackbeat, [...order.lines.map((l) => l.sku ?? '').filter(Boolean), ...helpers], zone);
  return webshopOrderPlanFrom(order, settings, { existing, customer, products, zone });
}
