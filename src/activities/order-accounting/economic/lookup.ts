import { type EconomicClient, economicFilter } from '../../../connectors/economic';
import type { BookedInvoice, DraftInvoice, Voucher } from '../../../connectors/economic';
import type { InvoicingProgress } from '../../../domain/economic';

/**
 * Finds what rackbridge already wrote for an order, by `references.other`. Used before creating
 * anything whenever an earlier write could exist, so nothing is created twice.
 */
export async function findDraftOrder(economic: EconomicClient, reference: string): Promise<number | undefined> {
  const page = await economic.listOrders('drafts', { filter: economicFilter.eq('references.other', reference), pageSize: 10 });
  return page.items[0]?.orderNumber;
}

export async function findDraftInvoice(economic: EconomicClient, reference: string): Promise<DraftInvoice | undefined> {
  const page = await economic.listDraftInvoices({ filter: economicFilter.eq('references.other', reference), pageSize: 10 });
  return page.items[0];
}

export async function findBookedInvoice(economic: EconomicClient, reference: string): Promise<BookedInvoice | undefined> {
  const page = await economic.listBookedInvoices({ filter: economicFilter.eq('references.other', reference), pageSize: 10 });
  return page.items[0];
}

/**
 * How far an order's invoicing got, by reference alone: the booked invoice, else the draft
 * invoice, else its e-conomic orders in every state. Whatever an earlier attempt did, this sees it.
 */
export async function findInvoicingProgress(economic: EconomicClient, reference: string): Promise<InvoicingProgress> {
  const booked = await findBookedInvoice(economic, reference);
  if (booked) return { bookedInvoiceNumber: booked.bookedInvoiceNumber, orders: [] };
  const draft = await findDraftInvoice(economic, reference);
  if (draft) return { draftInvoiceNumber: draft.draftInvoiceNumber, orders: [] };
  const orders = await economic.findOrdersByReference(reference);
  return { orders: orders.map((m) => ({ state: m.state, orderNumber: m.order.orderNumber })) };
}

/**
 * The draft payment voucher an earlier attempt entered for a booked invoice, by its invoice and
 * entry text (a voucher has no `references.other`). Only draft vouchers are listed: once a
 * bookkeeper books the journal, the entry is no longer there to find.
 */
export async function findPaymentVoucher(economic: EconomicClient, journalNumber: number, bookedInvoiceNumber: number, text: string): Promise<Voucher | undefined> {
  for await (const voucher of economic.iterate((options) => economic.listJournalVouchers(journalNumber, options))) {
    if (voucher.entries.customerPayments?.some((e) => e.customerInvoice === bookedInvoiceNumber && e.text === text)) return voucher;
  }
  return undefined;
}
