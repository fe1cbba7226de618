import type { AddressInput, OrderInput, OrderLineInput, OrderUpdate } from '../../connectors/rackbeat/types';
import type { WebshopHold } from './hold-codes';
import { mapShopOrderToRackbeat, type OrderMappingContext, type OrderMappingSettings } from './order-mapping';
import type { RackbeatTotals } from './rackbeat-amounts';
import type { ShopOrder } from './shop-order';

export type OrderChange = 'lines' | 'quantities' | 'prices' | 'billing_address' | 'delivery_address' | 'note' | 'currency';

export type OrderUpdateResult =
  | { ok: true; changes: OrderChange[]; update: OrderUpdate; expected: RackbeatTotals }
  | { ok: false; hold: WebshopHold };

/** What rackbridge last wrote to (or read back from) the Rackbeat order. */
export type PreviousOrder = Pick<OrderInput, 'lines' | 'billing_address' | 'delivery_address' | 'note' | 'currency'>;

const lineKey = (l: OrderLineInput): string => l.item_id;

function sameAddress(a: AddressInput | undefined, b: AddressInput | undefined): boolean {
  const keys = ['name', 'street', 'street2', 'zipcode', 'city', 'country', 'email', 'phone'] as const;
  return keys.every((k) => (a?.[k] ?? null) === (b?.[k] ?? null));
}

function lineChanges(before: readonly OrderLineInput[], after: readonly OrderLineInput[]): OrderChange[] {
  const changes = new Set<OrderChange>();
  const sorted = (ls: readonly OrderLineInput[]): string[] => ls.map(lineKey).sort();
  if (sorted(before).join('\n') !== sorted(after).join('\n')) changes.add('lines');
  else {
    const remaining = [...before];
    for (const line of after) {
      const index = remaining.findIndex((b) => b.item_id === line.item_id);
      const match = remaining.splice(index, 1)[0];
      if (!match) continue;
      if (match.quantity !== line.quantity) changes.add('quantities');
      if (match.line_price !== line.line_price || (match.discount_percentage ?? 0) !== (line.discount_percentage ?? 0)) changes.add('prices');
    }
  }
  return [...changes];
}

/**
 * Maps an edited shop order and compares it with the Rackbeat order: returns only the fields
 * that changed, as one `PUT /orders/{n}` body. Lines go as a whole set (Rackbeat replaces
 * them), because a shop edit can split, merge or reprice lines at once.
 */
export function mapShopOrderUpdate(
  previous: PreviousOrder,
  order: ShopOrder,
  settings: OrderMappingSettings,
  ctx: OrderMappingContext,
): OrderUpdateResult {
  const mapped = mapShopOrderToRackbeat(order, settings, ctx);
  if (!mapped.ok) return mapped;
  const next = mapped.input;
  const changes: OrderChange[] = lineChanges(previous.lines ?? [], next.lines);
  const update: OrderUpdate = {};
  if (changes.length) update.lines = next.lines;
  if (!sameAddress(previous.billing_address, next.billing_address)) {
    changes.push('billing_address');
    if (next.billing_address) update.billing_address = next.billing_address;
  }
  if (!sameAddress(previous.delivery_address, next.delivery_address)) {
    changes.push('delivery_address');
    if (next.delivery_address) update.delivery_address = next.delivery_address;
  }
  if ((previous.note ?? null) !== (next.note ?? null)) {
    changes.push('note');
    update.note = next.note ?? null;
  }
  if (previous.currency !== undefined && previous.currency !== next.currency) {
    changes.push('currency');
    if (next.currency) update.currency = next.currency;
  }
  return { ok: true, changes, update, expected: mapped.expected };
}

/** One order line as compared across systems: product number, quantity, unit price, discount %. */
export interface ComparableLine {
  item: string;
  quantity: number;
  price: number;
  discount: number;
}

const amount = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/**
 * What to change by hand on a Rackbeat order so its lines match the shop's, as short phrases
 * ("set CHAIR-01 to 3 (now 2)", "add 1 × LAMP-RED at 249", "delete DESK/120"). Lines are
 * compared per product number, quantities summed; price and discount as on the first line.
 */
export function describeLineChanges(current: readonly ComparableLine[], wanted: readonly ComparableLine[]): string[] {
  const byItem = (lines: readonly ComparableLine[]): Map<string, ComparableLine> => {
    const map = new Map<string, ComparableLine>();
    for (const l of lines) {
      const seen = map.get(l.item);
      map.set(l.item, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
    }
    return map;
  };
  const now = byItem(current);
  const next = byItem(wanted);
  const phrases: string[] = [];
  for (const [item, line] of next) {
    const had = now.get(item);
    if (!had) {
      phrases.push(`add ${amount(line.quantity)} × ${item} at ${amount(line.price)}${line.discount ? ` less ${line.discount} %` : ''}`);
      continue;
    }
    if (had.quantity !== line.quantity) phrases.push(`set ${item} to ${amount(line.quantity)} (now ${amount(had.quantity)})`);
    if (Math.abs(had.price - line.price) > 1e-6) phrases.push(`set the price of ${item} to ${amount(line.price)} (now ${amount(had.price)})`);
    if (had.discount !== line.discount) phrases.push(`set the discount of ${item} to ${line.discount} % (now ${had.discount} %)`);
  }
  for (const item of now.keys()) if (!next.has(item)) phrases.push(`delete ${item}`);
  return phrases;
}
