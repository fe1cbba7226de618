import type { Doc, EconomicStore } from './store';

/** `GET /_sandbox/economic/state`: the agreement's documents, for tests and demos to assert on. */
export function stateSnapshot(store: EconomicStore): Doc {
  return {
    agreement: store.agreement,
    orders: [...store.orders.entries()].sort(([a], [b]) => a - b).map(([orderNumber, o]) => ({ orderNumber, state: o.state, references: o.doc.references ?? null })),
    draftInvoices: [...store.draftInvoices.entries()].sort(([a], [b]) => a - b).map(([draftInvoiceNumber, d]) => ({ draftInvoiceNumber, orderNumber: d.orderNumber ?? null, grossAmount: d.doc.grossAmount })),
    bookedInvoices: [...store.bookedInvoices.values()].map((b) => ({ bookedInvoiceNumber: b.bookedInvoiceNumber, orderNumber: b.orderNumber ?? null, grossAmount: b.grossAmount, remainder: b.remainder })),
    sentInvoices: store.sentInvoices,
    vouchers: store.vouchers,
    customers: [...store.customers.keys()].sort((a, b) => a - b),
    products: [...store.products.keys()].sort(),
  };
}
