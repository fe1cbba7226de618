import type { Connection } from '../config';
import type { EconomicClient, SalesDocumentInput } from '../connectors/economic';
import { NotFoundError } from '../connectors/http';
import type { RackbeatClient } from '../connectors/rackbeat';
import { mapSalesDocument, orderReference, preflightOrder } from '../domain/economic';
import type { CatalogCache } from '../activities/economic-catalog';
import { findBookedInvoice, findDraftInvoice, findDraftOrder } from '../activities/order-accounting/economic/lookup';
import { snapshotOf } from '../activities/order-snapshot';
import { documentChanges } from './diff';
import { type DocumentPreview, formatPreview } from './document-preview';

/** Where one Rackbeat order stands for the order flow, and what rackbridge would send now. Reads only. */
export interface OrderPreview {
  orderNumber: string;
  orderDate: string | undefined;
  /** new: nothing in e-conomic yet, a draft would be created; transferred: e-conomic has it; held: it would be held; waiting: not booked yet; cancelled. */
  verdict: 'new' | 'transferred' | 'held' | 'waiting' | 'cancelled';
  /** One sentence: why, or what exists. */
  detail: string;
  heldCode?: string;
  /** The e-conomic document rackbridge would POST (new) or PUT over the existing draft. */
  document?: { kind: 'draft order' | 'draft invoice'; body: SalesDocumentInput; target?: string; changes?: string[] };
}

export interface OrderPreviewDeps {
  connection: Connection;
  rackbeat: RackbeatClient;
  economic: EconomicClient;
  catalogs: CatalogCache;
  /** The document date rackbridge would use (today, YYYY-MM-DD). */
  date: string;
}

/**
 * The order flow's first step without its writes: the same reads, the same preflight and the same
 * mapping as `reconcileOrder` (activities/order-accounting/economic/index.ts), so the body shown is the body that
 * would be sent. Customers and products the transfer would create first are not shown.
 */
export async function previewOrder(deps: OrderPreviewDeps, orderNumber: string): Promise<OrderPreview> {
  const { connection, rackbeat, economic } = deps;
  const mapping = connection.economic?.mapping;
  if (!mapping) throw new Error(`connection ${connection.id} has no e-conomic settings`);
  const order = await rackbeat.getOrder(orderNumber);
  const snapshot = snapshotOf(order);
  const base = { orderNumber, orderDate: order.order_date ?? undefined };
  if (snapshot.cancelled) return { ...base, verdict: 'cancelled', detail: 'cancelled in Rackbeat: nothing would be sent (a draft made earlier would be deleted, a booked invoice credited)' };
  if (!snapshot.booked) return { ...base, verdict: 'waiting', detail: 'not booked in Rackbeat: nothing is sent until it is' };
  const reference = orderReference(connection.id, orderNumber);
  const booked = await findBookedInvoice(economic, reference);
  if (booked) return { ...base, verdict: 'transferred', detail: `already transferred: booked e-conomic invoice ${booked.bookedInvoiceNumber}` };

  const catalog = await deps.catalogs.get(connection.id, economic);
  const body = (): SalesDocumentInput => mapSalesDocument(order, { connectionId: connection.id, date: deps.date, mapping, paymentTerms: catalog.paymentTerms });
  const draftInvoice = await findDraftInvoice(economic, reference);
  if (draftInvoice) {
    const existing = await economic.getDraftInvoice(draftInvoice.draftInvoiceNumber);
    const desired = body();
    const changes = documentChanges(existing, { ...desired, date: existing.date });
    return { ...base, verdict: 'transferred', detail: `already transferred: e-conomic draft invoice ${draftInvoice.draftInvoiceNumber}`, document: { kind: 'draft invoice', body: desired, target: `economic:draft-invoice:${draftInvoice.draftInvoiceNumber}`, changes } };
  }
  const draftOrder = await findDraftOrder(economic, reference);
  if (draftOrder !== undefined) {
    const existing = await economic.getOrder('drafts', draftOrder).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
    const desired = body();
    const changes = existing ? documentChanges(existing, { ...desired, date: existing.date }) : [];
    return { ...base, verdict: 'transferred', detail: `already transferred: e-conomic draft order ${draftOrder}`, document: { kind: 'draft order', body: desired, target: `economic:order:${draftOrder}`, changes } };
  }

  if (!order.customer) return { ...base, verdict: 'held', heldCode: 'CUSTOMER_MISSING', detail: `Rackbeat order ${order.number} has no customer: set one in Rackbeat.` };
  const items = [...new Map(order.lines.map((l) => [`${l.child_type}:${l.item.number}`, l])).values()];
  const [customer, ...products] = await Promise.all([rackbeat.getCustomer(order.customer.number), ...items.map((l) => rackbeat.getLineItem(l))]);
  const settings = connection.orders;
  const preflight = preflightOrder({ order, customer, products, catalog, mapping, documentType: settings.documentType, sendBy: settings.sendBy });
  if (!preflight.ok) return { ...base, verdict: 'held', heldCode: preflight.hold.code, detail: preflight.hold.message };
  const kind = preflight.documentType === 'order' ? 'draft order' : 'draft invoice';
  return { ...base, verdict: 'new', detail: `new: rackbridge would create an e-conomic ${kind}${preflight.notes.length ? ` (${preflight.notes.join('; ')})` : ''}`, document: { kind, body: body() } };
}

/** The order preview as backfill and `transfers preview` print it: the verdict line, then the JSON and what it would change. */
export function orderDocumentPreview(p: OrderPreview): DocumentPreview {
  const preview: DocumentPreview = { label: `order ${p.orderNumber}`, number: p.orderNumber, date: p.orderDate, verdict: p.verdict, detail: p.detail, ...(p.heldCode ? { heldCode: p.heldCode } : {}) };
  if (!p.document) return preview;
  const lines = [`  ${p.document.target ? `PUT over ${p.document.target}` : `POST ${p.document.kind}`}:`, ...JSON.stringify(p.document.body, null, 2).split('\n').map((l) => `    ${l}`)];
  if (p.document.changes) lines.push(p.document.changes.length ? `  would change:\n${p.document.changes.map((c) => `    ${c}`).join('\n')}` : '  would change nothing');
  return { ...preview, document: lines };
}

export function formatOrderPreview(p: OrderPreview, options: { documents: boolean }): string {
  return formatPreview(orderDocumentPreview(p), options);
}
