import type { OrderAccountingPort, OrderRead } from '../../src/activities/order-accounting/port';
import { reachedTrigger, type StepResult } from '../../src/domain/order';

/** A document in the ledger: one per Rackbeat order, and one per credit. */
export interface LedgerDocument {
  number: number;
  kind: 'order' | 'invoice' | 'booked' | 'credit';
  orderNumber: number;
  lines: { item: string; quantity: number; price: number }[];
  revision: string;
  payment?: string;
}

/**
 * A second accounting system written in the test suite only: an in-memory ledger behind the
 * order lifecycle's port. It keeps one document per Rackbeat order and finds it by the order's
 * number before writing, so a repeated step writes nothing twice.
 */
export function ledgerAccounting(): { port: OrderAccountingPort; documents: LedgerDocument[]; writes: string[] } {
  const documents: LedgerDocument[] = [];
  const writes: string[] = [];
  let next = 1;
  const of = (n: number) => documents.find((d) => d.orderNumber === n && d.kind !== 'credit');
  const linesOf = ({ order }: OrderRead) => order.lines.map((l) => ({ item: l.item.number, quantity: l.quantity, price: l.line_price }));
  const write = (read: OrderRead, kind: LedgerDocument['kind']): LedgerDocument => {
    const existing = of(read.order.number);
    const doc: LedgerDocument = existing ?? { number: next++, kind, orderNumber: read.order.number, lines: [], revision: '' };
    Object.assign(doc, { kind, lines: linesOf(read), revision: read.snapshot.revision });
    if (!existing) documents.push(doc);
    writes.push(`${kind} ${doc.number}`);
    return doc;
  };
  const invoice = (read: OrderRead, book: boolean): StepResult => {
    const doc = write(read, book ? 'booked' : 'invoice');
    return { snapshot: read.snapshot, state: book ? { phase: 'booked', bookedInvoiceNumber: doc.number, paymentRegistered: false } : { phase: 'invoiced', draftInvoiceNumber: doc.number }, did: `ledger invoice ${doc.number}${book ? ' booked' : ''}` };
  };

  const port: OrderAccountingPort = {
    async reconcile(read, settings) {
      const { snapshot } = read;
      const found = of(read.order.number);
      if (found?.kind === 'booked') return { snapshot, state: { phase: 'booked', bookedInvoiceNumber: found.number, paymentRegistered: found.payment !== undefined }, did: `ledger invoice ${found.number} found` };
      if (!snapshot.booked || snapshot.cancelled) return { snapshot, state: { phase: 'none' }, did: 'nothing to do yet' };
      const doc = found ?? write(read, settings.documentType === 'invoice' ? 'invoice' : 'order');
      return { snapshot, state: { phase: 'draft', draft: { type: doc.kind === 'invoice' ? 'invoice' : 'order', number: doc.number }, revision: doc.revision }, did: `ledger ${doc.kind} ${doc.number}` };
    },
    async advance(read, settings, state) {
      if (read.snapshot.cancelled) {
        documents.splice(documents.findIndex((d) => d.number === state.draft.number), 1);
        return { snapshot: read.snapshot, state: { phase: 'deleted' }, did: 'ledger draft deleted' };
      }
      if (of(read.order.number)?.kind === 'booked') return invoice(read, true);
      if (!reachedTrigger(read.snapshot, settings)) {
        if (read.snapshot.revision === state.revision) return { snapshot: read.snapshot, state, did: 'no change' };
        write(read, state.draft.type);
        return { snapshot: read.snapshot, state: { ...state, revision: read.snapshot.revision }, did: 'ledger draft updated' };
      }
      return invoice(read, settings.bookInvoice);
    },
    async book(read) {
      return invoice(read, true);
    },
    async creditCancelled(read, bookedInvoiceNumber) {
      const credit = { number: next++, kind: 'credit' as const, orderNumber: read.order.number, lines: linesOf(read).map((l) => ({ ...l, quantity: -l.quantity })), revision: '' };
      documents.push(credit);
      writes.push(`credit ${credit.number}`);
      return { snapshot: read.snapshot, state: { phase: 'credited', bookedInvoiceNumber, creditNoteNumber: credit.number }, did: `ledger credit ${credit.number}` };
    },
    async registerPayment(read, _settings, bookedInvoiceNumber, payment) {
      const doc = documents.find((d) => d.number === bookedInvoiceNumber)!;
      doc.payment ??= payment ? `${payment.source}:${payment.shopOrderId}` : 'paid';
      return { snapshot: read.snapshot, state: { phase: 'booked', bookedInvoiceNumber, paymentRegistered: true }, did: `ledger payment ${doc.payment}` };
    },
    async creditRefund(read, _settings, booked, refund) {
      return { snapshot: read.snapshot, state: booked, did: `ledger refund ${refund.id} noted` };
    },
  };
  return { port, documents, writes };
}
