import { getClient, log } from '@temporalio/activity';
import { wakeHeldTransfers } from '../routing/wake-held';
import type { NetvisorSettings } from '../config';
import { NotFoundError } from '../connectors/http';
import type { NetvisorClient, SalesDocumentInput, SalesDocumentSummary } from '../connectors/netvisor';
import { NetvisorRejectedError } from '../connectors/netvisor';
import type { RackbeatClient, RackbeatItem } from '../connectors/rackbeat';
import {
  creditNoteUnmatched,
  type DocumentKind,
  documentLabel,
  invoiceSource,
  isSameDocument,
  mapNetvisorDocument,
  orderSource,
  preflightNetvisorDocument,
  type RackbeatSalesDocument,
} from '../domain/netvisor';
import type { ClientRegistry } from './clients';
import { missingSystem, translated } from './failure';
import { ensureNetvisorCustomer, ensureNetvisorProduct, findNetvisorCustomer, findNetvisorProduct } from './netvisor-master-data';
import type { TransferContext, TransferOutcome } from './transfer-types';

async function findDocument(netvisor: NetvisorClient, kind: DocumentKind, number: number): Promise<SalesDocumentSummary | undefined> {
  const options = { invoiceNumber: String(number) };
  const found = kind === 'invoice' ? await netvisor.listInvoices(options) : await netvisor.listOrders(options);
  return found.find((d) => d.number === String(number));
}

/** The Rackbeat document, or why there is nothing to send (yet). */
async function readSource(rackbeat: RackbeatClient, kind: DocumentKind, number: number, today: string, stamp: (updatedAt: string | null | undefined) => void): Promise<RackbeatSalesDocument | TransferOutcome> {
  if (kind === 'invoice') {
    const invoice = await rackbeat.getCustomerInvoice(number);
    stamp(invoice.updated_at);
    if (!invoice.is_booked) return { result: 'waiting', did: `invoice ${number} is not booked in Rackbeat yet` };
    if (!invoice.customer) return { result: 'held', did: 'read Rackbeat invoice', hold: { code: 'CUSTOMER_MISSING', message: `Rackbeat invoice ${number} has no customer: set one in Rackbeat.` } };
    return invoiceSource(invoice, await rackbeat.getCustomer(invoice.customer.number), today);
  }
  const order = await rackbeat.getOrder(number);
  stamp(order.updated_at);
  if (order.is_cancelled) return { result: 'skipped', did: `order ${number} was cancelled in Rackbeat` };
  if (!order.is_booked) return { result: 'waiting', did: `order ${number} is not booked in Rackbeat yet` };
  if (!order.customer) return { result: 'held', did: 'read Rackbeat order', hold: { code: 'CUSTOMER_MISSING', message: `Rackbeat order ${number} has no customer: set one in Rackbeat.` } };
  return orderSource(order, await rackbeat.getCustomer(order.customer.number), today);
}

/** A finished transfer's steps; a credit note's end with how to match it, because rackbridge cannot. */
function doneWith(doc: RackbeatSalesDocument, did: string[]): TransferOutcome {
  return { result: 'done', did: [...did, ...(doc.creditNote ? [creditNoteUnmatched(doc.number)] : [])].join('; '), ref: `netvisor:${doc.kind}:${doc.number}` };
}

function alreadySent(doc: RackbeatSalesDocument, existing: SalesDocumentSummary): TransferOutcome {
  if (isSameDocument(existing, doc)) return doneWith(doc, [`${documentLabel(doc)} is already in Netvisor (key ${existing.netvisorKey})`]);
  return {
    result: 'held',
    did: `Netvisor already has ${documentLabel(doc)}`,
    hold: {
      code: 'NUMBER_SERIES_OVERLAP',
      message: `Netvisor already has a sales ${doc.kind} ${doc.number} for customer ${existing.customerCode} (${existing.sum}): set Rackbeat's ${doc.kind} number series above Netvisor's numbers, because one number cannot carry two documents.`,
    },
  };
}

/** What the Netvisor document transfer would do now: stop with an outcome, or send this body. */
export type NetvisorDocumentPlan =
  | { step: 'stop'; outcome: TransferOutcome }
  | { step: 'send'; doc: RackbeatSalesDocument; products: RackbeatItem[]; body: SalesDocumentInput };

/**
 * F5's reads and decisions without its writes: the Rackbeat document, the Netvisor lookup by
 * number, the seed rules and the mapped body. The transfer then makes sure of the customer and
 * products and sends the body; `transfers preview` and backfill's dry run print it.
 */
export async function planNetvisorDocument(
  systems: { rackbeat: RackbeatClient; netvisor: NetvisorClient },
  document: { kind: DocumentKind; number: number },
  settings: NetvisorSettings,
  today: string,
  stamp: (updatedAt: string | null | undefined) => void = () => undefined,
): Promise<NetvisorDocumentPlan> {
  const { rackbeat, netvisor } = systems;
  const source = await readSource(rackbeat, document.kind, document.number, today, stamp);
  if ('result' in source) return { step: 'stop', outcome: source };
  const doc = source;

  const existing = await findDocument(netvisor, doc.kind, doc.number);
  if (existing) return { step: 'stop', outcome: alreadySent(doc, existing) };

  // Netvisor gets each product's current name, so renaming the product in Rackbeat fixes a held invoice.
  // A BOM line (`child_type: lot`) is read from /lots, never 404s on /products.
  const items = [...new Map(doc.lines.map((l) => [`${l.itemType}:${l.itemNumber}`, { child_type: l.itemType, item: { number: l.itemNumber } }])).values()];
  const products = await Promise.all(items.map((l) => rackbeat.getLineItem(l)));
  const names = new Map(products.map((p) => [p.number, p.name]));
  doc.lines = doc.lines.map((l) => ({ ...l, name: names.get(l.itemNumber) ?? l.name }));
  const [vatTable, periods, largestNumber] = await Promise.all([
    netvisor.listVatCodes(),
    netvisor.getAccountingPeriods(),
    doc.kind === 'invoice' ? netvisor.getLargestInvoiceNumber() : netvisor.getLargestOrderNumber(),
  ]);
  const nv = { vatTable, periods, largestNumber, rejectedCharacters: settings.rejectedNameCharacters, invoiceStatus: settings.invoiceStatus };
  const hold = preflightNetvisorDocument(doc, nv);
  if (hold) return { step: 'stop', outcome: { result: 'held', did: 'preflight', hold } };
  return { step: 'send', doc, products, body: mapNetvisorDocument(doc, nv) };
}

/**
 * F5/F6/F3 to Netvisor. Each activity re-reads Rackbeat (webhooks are thin), checks every seed
 * rule, and writes idempotently: Netvisor has no idempotency key, so a document is looked up by
 * number before it is added, and again after a DUPLICATE_DATA answer.
 */
export function createNetvisorActivities(clients: ClientRegistry) {
  const systems = (connectionId: string): { rackbeat: RackbeatClient; netvisor: NetvisorClient } => {
    const { rackbeat, netvisor } = clients.get(connectionId);
    if (!netvisor) throw missingSystem(connectionId, 'netvisor');
    return { rackbeat, netvisor };
  };
  return {
    /** F5: a booked Rackbeat invoice (or order) becomes one Netvisor sales invoice (or order). */
    async transferNetvisorDocument(ctx: TransferContext, document: { kind: DocumentKind; number: number }, settings: NetvisorSettings): Promise<TransferOutcome> {
      let sourceUpdatedAt: string | undefined;
      const outcome = await translated(async (): Promise<TransferOutcome> => {
        const { rackbeat, netvisor } = systems(ctx.connectionId);
        const plan = await planNetvisorDocument({ rackbeat, netvisor }, document, settings, new Date().toISOString().slice(0, 10), (at) => (sourceUpdatedAt = at ?? undefined));
        if (plan.step === 'stop') return plan.outcome;
        const { doc, products, body } = plan;

        const did: string[] = [];
        const customer = await ensureNetvisorCustomer(netvisor, await rackbeat.getCustomer(doc.customer.number), false);
        if (customer.hold) return { result: 'held', did: 'check customer', hold: customer.hold };
        if (customer.did) did.push(customer.did);
        for (const product of products) {
          const ensured = await ensureNetvisorProduct(netvisor, product, settings);
          if (ensured.hold) return { result: 'held', did: 'check products', hold: ensured.hold };
          if (ensured.did) did.push(ensured.did);
        }

        try {
          const key = doc.kind === 'invoice' ? await netvisor.addInvoice(body) : await netvisor.addOrder(body);
          did.push(`sent ${documentLabel(doc)} to Netvisor (key ${key}, ${doc.total.toFixed(2)} ${doc.currency ?? 'EUR'})`);
        } catch (err) {
          // A second run, or our own earlier attempt whose answer was lost: the lookup decides.
          if (!(err instanceof NetvisorRejectedError && err.category === 'DUPLICATE_DATA')) throw err;
          const again = await findDocument(netvisor, doc.kind, doc.number);
          if (!again) throw err;
          return alreadySent(doc, again);
        }
        return doneWith(doc, did);
      });
      return sourceUpdatedAt ? { ...outcome, sourceUpdatedAt } : outcome;
    },

    /** F6: a Rackbeat customer → the Netvisor customer with the same code; deletion deactivates when configured. */
    async syncNetvisorCustomer(ctx: TransferContext, customerNumber: number, settings: NetvisorSettings): Promise<TransferOutcome> {
      return translated(async () => {
        const { rackbeat, netvisor } = systems(ctx.connectionId);
        let customer;
        try {
          customer = await rackbeat.getCustomer(customerNumber);
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          if (!settings.propagateDeletions) return { result: 'skipped', did: `customer ${customerNumber} is gone from Rackbeat; deletions are not propagated (propagateDeletions is off)` };
          const existing = await findNetvisorCustomer(netvisor, String(customerNumber));
          if (!existing || existing.isActive === false) return { result: 'done', did: `customer ${customerNumber} is not active in Netvisor` };
          await netvisor.editCustomer(existing.netvisorKey, { name: existing.name, isActive: false });
          return { result: 'done', did: `deactivated customer ${customerNumber} in Netvisor (deleted in Rackbeat)`, ref: `netvisor:customer:${customerNumber}` };
        }
        const result = await ensureNetvisorCustomer(netvisor, customer, true);
        const stamp = customer.updated_at ? { sourceUpdatedAt: customer.updated_at } : {};
        if (result.hold) return { result: 'held', did: 'compare customer', hold: result.hold, ...stamp };
        if (result.did) {
          // A document held on this customer's Netvisor card may have re-checked before this write
          // (both were woken by the same change): wake it again now that the card is in line.
          const wake = { deliveryId: `netvisor-customer:${customerNumber}:${customer.updated_at ?? 'synced'}`, event: 'customer.synced', receivedAt: new Date().toISOString() };
          try {
            await wakeHeldTransfers(getClient(), clients.get(ctx.connectionId).connection, 'customer', wake);
          } catch (err) {
            log.warn('could not wake held transfers after a customer sync', { error: err instanceof Error ? err.message : String(err) });
          }
        }
        return { result: 'done', did: result.did ?? `customer ${customerNumber} is the same in Netvisor`, ref: `netvisor:customer:${customerNumber}`, ...stamp };
      });
    },

    /** F3: a Rackbeat product → the Netvisor product with the same code; deletion deactivates when configured. */
    async syncNetvisorProduct(ctx: TransferContext, productNumber: string, settings: NetvisorSettings): Promise<TransferOutcome> {
      return translated(async () => {
        const { rackbeat, netvisor } = systems(ctx.connectionId);
        let product;
        try {
          product = await rackbeat.getProduct(productNumber);
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          if (!settings.propagateDeletions) return { result: 'skipped', did: `product ${productNumber} is gone from Rackbeat; deletions are not propagated (propagateDeletions is off)` };
          const existing = await findNetvisorProduct(netvisor, productNumber);
          if (!existing || !existing.isActive) return { result: 'done', did: `product ${productNumber} is not active in Netvisor` };
          await netvisor.editProduct(existing.netvisorKey, { code: existing.code, group: existing.group, name: existing.name, unitPrice: existing.unitPrice, unitPriceType: 'net', isActive: false, isSalesProduct: existing.isSalesProduct });
          return { result: 'done', did: `deactivated product ${productNumber} in Netvisor (deleted in Rackbeat)`, ref: `netvisor:product:${productNumber}` };
        }
        const result = await ensureNetvisorProduct(netvisor, product, settings);
        const stamp = product.updated_at ? { sourceUpdatedAt: product.updated_at } : {};
        if (result.hold) return { result: 'held', did: 'check product', hold: result.hold, ...stamp };
        return { result: 'done', did: result.did ?? `product ${productNumber} is the same in Netvisor`, ref: `netvisor:product:${productNumber}`, ...stamp };
      });
    },
  };
}
