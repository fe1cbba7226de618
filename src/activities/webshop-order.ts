import { getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { NotFoundError } from '../connectors/http';
import type { RackbeatClient, RackbeatOrder } from '../connectors/rackbeat';
import {
  customerLookup,
  decideShopOrder,
  describeLineChanges,
  mapShopOrderToRackbeat,
  newRackbeatCustomer,
  type ShopOrder,
  vatZoneFor,
  type WebshopSettings,
  webshopHolds,
  type WebshopSource,
  webshopSourceRef,
} from '../domain/webshop';
import { signalWithStartTransfer } from '../temporal/start-transfer';
import { transferTarget } from '../workflows/common/transfer-flow';
import { ORDER_TRANSFER, WEBSHOP_BOOKED_EVENT, type WebshopPayment, webshopBookedDeliveryId } from '../workflows/order/contract';
import type { ClientRegistry } from './clients';
import { translated } from './failure';
import type { TransferContext, TransferOutcome } from './transfer-types';
import { createWebshopPorts } from './webshop/ports';

/** What the webshop-order step returns: the transfer outcome, plus the Rackbeat order when there is one. */
export type WebshopOrderOutcome = TransferOutcome & { rackbeatOrder?: number };

/** Rackbeat orders rackbridge made carry the shop's source reference in the heading, so a lookup finds them. */
export async function findRackbeatOrder(rackbeat: RackbeatClient, sourceRef: string): Promise<RackbeatOrder | undefined> {
  const page = await rackbeat.listOrders({ search: sourceRef, limit: 20 });
  return page.items.find((o) => o.heading?.includes(`[${sourceRef}]`));
}

const lineKey = (l: { item: string; quantity: number; price: number; discount: number }): string => `${l.item}|${l.quantity}|${l.price.toFixed(6)}|${l.discount}`;

/** The payment the order lifecycle registers in e-conomic, from the shop order itself. */
function paymentOf(order: ShopOrder, ref: { source: WebshopSource; shopOrderId: string }): WebshopPayment | undefined {
  if (!order.paid) return undefined;
  return { source: ref.source, shopOrderId: ref.shopOrderId, amountCents: order.totals.total, currency: order.currency, gateway: order.paymentGateway };
}

/**
 * F1: a webshop order → one Rackbeat order. The shop order is re-read (WooCommerce payloads show
 * the order at delivery time, Shopify's at trigger time), its state decides, and every write is
 * preceded by a lookup by source reference so a retry or a second run never makes a second order.
 */
export function createWebshopOrderActivities(clients: ClientRegistry, temporalClient?: Client) {
  const ports = createWebshopPorts();
  /**
   * F1 → F2: signal-with-start of the booked order's lifecycle, carrying the shop's payment. No
   * attested Rackbeat event announces booking (rackbeat-verified §0.3), so this is what starts
   * the lifecycle promptly; the workflow de-duplicates by delivery id.
   */
  const startOrderLifecycle = async (connectionId: string, rackbeatOrder: number, ref: { source: WebshopSource; shopOrderId: string }, payment: WebshopPayment | undefined): Promise<void> => {
    const { connection } = clients.get(connectionId);
    if (!connection.economic) return;
    const event = { deliveryId: webshopBookedDeliveryId(ref.source, ref.shopOrderId, payment !== undefined), event: WEBSHOP_BOOKED_EVENT, receivedAt: new Date().toISOString(), ...(payment ? { payment } : {}) };
    await signalWithStartTransfer(temporalClient ?? getClient(), transferTarget(ORDER_TRANSFER, connection, String(rackbeatOrder), [event]));
  };

  const readShopOrder = (connectionId: string, source: WebshopSource, id: string): Promise<ShopOrder> => ports.get(clients.get(connectionId), source).readOrder(id);

  /** The customer number per the match rule, creating the customer when the rule says so. */
  const customerFor = async (rackbeat: RackbeatClient, order: ShopOrder, settings: WebshopSettings): Promise<{ number: number; did?: string } | { hold: { code: string; message: string } }> => {
    const lookup = customerLookup(order, settings);
    if (lookup.by === 'hold') return { hold: lookup.hold };
    if (lookup.by === 'number') return { number: (await rackbeat.getCustomer(lookup.customerNumber)).number };
    const email = order.customer.email?.trim().toLowerCase();
    if (email) {
      const found = (await rackbeat.listCustomers({ search: email, limit: 50 })).items.find((c) => c.contact_email?.trim().toLowerCase() === email);
      if (found) return { number: found.number };
    }
    if (settings.newCustomer.customerGroup === undefined) return { hold: webshopHolds.customerGroupMissing(order.source, order.name) };
    const created = await rackbeat.createCustomer(newRackbeatCustomer(order, settings));
    return { number: created.number, did: `created Rackbeat customer ${created.number}` };
  };

  const knownProducts = async (rackbeat: RackbeatClient, numbers: string[], zone: 'domestic' | 'eu' | 'abroad'): Promise<{ numbers: Set<string>; vat: Map<string, number> }> => {
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
  };

  return {
    /**
     * F2's last step: the shipped Rackbeat order marks its shop order fulfilled, once (each
     * shop's port reads first, so a retry reports what was already done).
     */
    async fulfilWebshopOrder(ctx: { connectionId: string }, webshop: { source: WebshopSource; id: string }): Promise<string> {
      return translated(() => ports.get(clients.get(ctx.connectionId), webshop.source).fulfilOrder(webshop.id));
    },

    async syncWebshopOrder(ctx: TransferContext, ref: { source: WebshopSource; shopOrderId: string }, settings: WebshopSettings): Promise<WebshopOrderOutcome> {
      return translated(async () => {
        const { rackbeat } = clients.get(ctx.connectionId);
        const order = await readShopOrder(ctx.connectionId, ref.source, ref.shopOrderId);
        const sourceRef = webshopSourceRef(ref.source, ref.shopOrderId);
        const existing = await findRackbeatOrder(rackbeat, sourceRef);
        const decision = decideShopOrder(order, settings, { rackbeatOrderExists: existing !== undefined });
        const doneWith = (number: number, did: string): WebshopOrderOutcome => ({ result: 'done', did, ref: `rackbeat:order:${number}`, rackbeatOrder: number });

        if (decision.action === 'ignore') {
          if (existing) return doneWith(existing.number, `Rackbeat order ${existing.number} already exists (${decision.detail})`);
          const final = decision.reason === 'cancelled-before-transfer' || decision.reason === 'refunded-before-transfer' || decision.reason === 'test-order';
          return final ? { result: 'skipped', did: decision.detail } : { result: 'waiting', did: decision.detail };
        }
        if (decision.action === 'cancel') {
          if (!existing) return { result: 'skipped', did: `${order.name} was cancelled in the shop before it reached Rackbeat` };
          if (existing.is_cancelled) return doneWith(existing.number, `Rackbeat order ${existing.number} is already cancelled`);
          if (existing.is_shipped || existing.is_partly_shipped) return { result: 'held', did: 'cancel Rackbeat order', hold: webshopHolds.cancelTooLate(order.name, existing.number) };
          // No attested cancel route or writable is_cancelled: a person cancels it; the hold notifies them.
          return { result: 'held', did: 'cancel Rackbeat order', hold: webshopHolds.cancelInRackbeat(ref.source, order.name, existing.number) };
        }

        const customer = await customerFor(rackbeat, order, settings);
        if ('hold' in customer) return { result: 'held', did: 'match customer', hold: customer.hold };
        const zone = settings.newCustomer.vatZone ?? vatZoneFor((order.billingAddress ?? order.shippingAddress)?.countryCode, settings.homeCountry);
        const helpers = [settings.shippingProduct, settings.discountProduct, settings.feeProduct, ...(settings.roundingProduct ? [settings.roundingProduct] : [])];
        const products = await knownProducts(rackbeat, [...order.lines.map((l) => l.sku ?? '').filter(Boolean), ...helpers], zone);
        const mapped = mapShopOrderToRackbeat(order, settings, { customerNumber: customer.number, productNumbers: products.numbers, vatRates: products.vat, vatZone: zone });
        if (!mapped.ok) return { result: 'held', did: 'map order', hold: mapped.hold };
        const did = customer.did ? [customer.did] : [];

        let target = existing;
        const created = !target;
        if (!target) {
          // No order.created webhook: the order lifecycle starts at booking, and every signal is a billed action.
          target = await rackbeat.createOrder(mapped.input, { suppressWebhooks: true });
          did.push(`created Rackbeat order ${target.number} (${(mapped.expected.total / 100).toFixed(2)} ${order.currency})`);
        } else {
          const wantedLines = mapped.input.lines.map((l) => ({ item: l.item_id, quantity: l.quantity, price: l.line_price ?? 0, discount: l.discount_percentage ?? 0 }));
          const currentLines = target.lines.map((l) => ({ item: l.item.number, quantity: l.quantity, price: l.line_price, discount: l.discount_percentage ?? 0 }));
          if (wantedLines.map(lineKey).sort().join() !== currentLines.map(lineKey).sort().join()) {
            if (target.is_shipped || target.is_partly_shipped || target.is_invoiced) return { result: 'held', did: 'update Rackbeat order', hold: webshopHolds.editTooLate(order.name, target.number) };
            // Lines of a booked order are locked (SEEN-IN-USE, gytisdemo README §2): a person changes them.
            if (target.is_booked) {
              return { result: 'held', did: 'update Rackbeat order', hold: webshopHolds.editAfterBooking(ref.source, order.name, target.number, describeLineChanges(currentLines, wantedLines)) };
            }
            for (const line of target.lines) await rackbeat.deleteOrderLine(target.number, line.id);
            for (const line of mapped.input.lines) await rackbeat.addOrderLine(target.number, line);
            did.push(`updated the lines of Rackbeat order ${target.number}`);
          }
        }
        // No is_paid write (no source writes it, rackbeat-verified §3.2): the payment travels in the signal.
        const payment = paymentOf(order, ref);
        const booking = !target.is_booked;
        if (booking) {
          await rackbeat.bookOrder(target.number);
          did.push(`booked Rackbeat order ${target.number}`);
        }
        // Also when paid after booking (orderTrigger created, a later WooCommerce payment): the lifecycle gets the payment.
        if (booking || created || payment) await startOrderLifecycle(ctx.connectionId, target.number, ref, payment);
        return doneWith(target.number, did.length ? did.join('; ') : `Rackbeat order ${target.number} is up to date`);
      });
    },
  };
}
