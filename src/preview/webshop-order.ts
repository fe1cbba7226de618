import type { WebshopPort } from '../activities/webshop/port';
import { planWebshopOrder, type WebshopOrderPlan } from '../activities/webshop-order-plan';
import type { Connection } from '../config';
import type { RackbeatClient } from '../connectors/rackbeat';
import { webshopLabel, type WebshopSource } from '../domain/webshop';
import { webshopBackfillNumber } from '../routing/backfill-targets';
import type { DocumentPreview } from './document-preview';
import { WEBSHOP_REFUND_TRANSFER } from '../workflows/webshop/refund-contract';

export interface WebshopPreviewDeps {
  connection: Connection;
  rackbeat: RackbeatClient;
  /** The connection's shops, each through its port (src/activities/webshop/ports.ts). */
  shops: WebshopPort[];
}

/** The shop's port, or a sentence saying the connection has no such shop. */
export function shopPort(deps: WebshopPreviewDeps, source: WebshopSource): WebshopPort {
  const port = deps.shops.find((s) => s.source === source);
  if (!port) throw new Error(`connection ${deps.connection.id} has no ${webshopLabel(source)} settings`);
  return port;
}

const indent = (text: string): string[] => text.split('\n').map((l) => `    ${l}`);

/**
 * Where one shop order stands for F1, as backfill and `transfers preview` print it. Pure: the
 * plan is `syncWebshopOrder`'s own reads and decisions (activities/webshop-order-plan.ts).
 * new: the transfer would create (and book) this Rackbeat order now; transferred: Rackbeat has it;
 * held: the transfer would hold, with the fix; waiting: the trigger is not met yet; cancelled and
 * skipped: nothing will be sent for it.
 */
export function webshopOrderPreview(plan: WebshopOrderPlan): DocumentPreview {
  const { order, existing } = plan;
  const label = `${webshopLabel(order.source)} order ${order.name}`;
  const createdAtMs = Date.parse(order.createdAt);
  // The UTC day, as the backfill window counts it.
  const base = { label, number: webshopBackfillNumber(order.source, order.id), date: Number.isNaN(createdAtMs) ? undefined : new Date(createdAtMs).toISOString().slice(0, 10) };
  if (plan.step === 'stop') {
    const { outcome } = plan;
    if (existing) {
      const now = outcome.result === 'held' ? `; the transfer would hold now (${outcome.hold.code}): ${outcome.hold.message}` : '';
      return { ...base, verdict: 'transferred', detail: `already transferred: Rackbeat order ${existing.number}${now}` };
    }
    switch (outcome.result) {
      case 'held':
        return { ...base, verdict: 'held', heldCode: outcome.hold.code, detail: outcome.hold.message };
      case 'waiting':
        return { ...base, verdict: 'waiting', detail: `${outcome.did} Nothing is sent until that changes.` };
      case 'skipped':
        return { ...base, verdict: order.status === 'cancelled' || order.status === 'refunded' || order.status === 'failed' ? 'cancelled' : 'skipped', detail: `${outcome.did} Nothing would be sent.` };
      default:
        return { ...base, verdict: 'transferred', detail: `already transferred: ${outcome.did}` };
    }
  }
  if (existing) {
    const changes = plan.lineChanges;
    const detail = `already transferred: Rackbeat order ${existing.number}${changes ? '; the transfer would replace its lines now' : ''}${existing.is_booked ? '' : changes ? ' and book it' : '; the transfer would book it now'}`;
    return { ...base, verdict: 'transferred', detail, ...(changes ? { document: [`  replace the lines of Rackbeat order ${existing.number}:`, ...indent(JSON.stringify(plan.input.lines, null, 2)), `  would change:`, ...changes.map((c) => `    ${c}`)] } : {}) };
  }
  const newCustomer = 'create' in plan.customer ? plan.customer.create : undefined;
  const total = `${(plan.expected.total / 100).toFixed(2)} ${order.currency}`;
  const document = [
    ...(newCustomer ? ['  POST Rackbeat customer (created first; its number goes into customer_id):', ...indent(JSON.stringify(newCustomer, null, 2))] : []),
    `  POST Rackbeat order, then book it (total ${total}):`,
    ...indent(JSON.stringify(newCustomer ? { ...plan.input, customer_id: '(the new customer)' } : plan.input, null, 2)),
  ];
  return { ...base, verdict: 'new', detail: `new: rackbridge would create and book a Rackbeat order of ${total}${newCustomer ? ' for a new Rackbeat customer' : ` for customer ${plan.input.customer_id}`}`, document };
}

/** F1's first step for one shop order without its writes: the order read through its shop's port, then the transfer's own plan. Reads only. */
export async function previewWebshopOrder(deps: WebshopPreviewDeps, source: WebshopSource, shopOrderId: string): Promise<DocumentPreview> {
  const order = await shopPort(deps, source).readOrder(shopOrderId);
  return webshopOrderPreview(await planWebshopOrder(deps.rackbeat, order, deps.connection.webshop, WEBSHOP_REFUND_TRANSFER.enabledFor(deps.connection)));
}
