/**
 * The fault matrix: every external write an activity makes, one row each. For every row with a
 * driver, test/integration/fault-matrix.test.ts runs three faults — the partner commits and the
 * answer is dropped; the partner commits and the worker is SIGKILLed before the activity
 * completes; the partner commits and answers 5xx — and checks exactly one effect and the transfer
 * at its final stage. test/unit/fault-matrix-coverage.test.ts fails when an activity calls a
 * connector write that has no row here.
 */
export type WriteSystem = 'economic' | 'netvisor' | 'rackbeat' | 'shopify' | 'woocommerce';

export interface WriteRow {
  /** Stable id, used as the harness connection id: lower-case letters, digits and dashes. */
  id: string;
  system: WriteSystem;
  /** The connector client method. */
  method: string;
  /** The request the fault matches (the sandbox's path, without its mount prefix). */
  http: { method: 'POST' | 'PUT' | 'DELETE' | 'PATCH'; path: string; body?: string };
  /** The activity (and situation) that makes the write. */
  madeBy: string;
  /** Set when the row has no scenario in the matrix test yet: says why, and the test lists it as todo. */
  pending?: string;
  /**
   * e-conomic rows: set when a retry after the Idempotency-Key's one-hour window cannot yet
   * recognise the earlier write; says why. The matrix lists it as todo instead of running it.
   */
  expiredKeyGap?: string;
}


export const WRITE_ROWS: readonly WriteRow[] = [
  // e-conomic (order lifecycle and its master data)
  { id: 'eco-customer-create', system: 'economic', method: 'createCustomer', http: { method: 'POST', path: '^/customers$' }, madeBy: 'reconcileOrder → ensureCustomer, a customer e-conomic does not have' },
  { id: 'eco-customer-update', system: 'economic', method: 'replaceCustomer', http: { method: 'PUT', path: '^/customers/\\d+$' }, madeBy: 'reconcileOrder → ensureCustomer, details differ' },
  { id: 'eco-product-create', system: 'economic', method: 'createProduct', http: { method: 'POST', path: '^/products$' }, madeBy: 'reconcileOrder → ensureProduct, a product e-conomic does not have' },
  { id: 'eco-product-update', system: 'economic', method: 'replaceProduct', http: { method: 'PUT', path: '^/products/[^/]+$' }, madeBy: 'reconcileOrder → ensureProduct, details differ' },
  { id: 'eco-order-create', system: 'economic', method: 'createDraftOrder', http: { method: 'POST', path: '^/orders/drafts$' }, madeBy: 'reconcileOrder, documentType order' },
  { id: 'eco-order-update', system: 'economic', method: 'replaceDraftOrder', http: { method: 'PUT', path: '^/orders/drafts/\\d+$' }, madeBy: 'advanceDraft, the Rackbeat order changed' },
  { id: 'eco-order-delete', system: 'economic', method: 'deleteDraftOrder', http: { method: 'DELETE', path: '^/orders/drafts/\\d+$' }, madeBy: 'advanceDraft, the Rackbeat order was cancelled' },
  { id: 'eco-order-sent', system: 'economic', method: 'registerOrderAsSent', http: { method: 'POST', path: '^/orders/sent$' }, madeBy: 'advanceDraft → invoiceOrder, at the trigger' },
  { id: 'eco-invoice-from-order', system: 'economic', method: 'createDraftInvoice', http: { method: 'POST', path: '^/invoices/drafts$' }, madeBy: 'advanceDraft → invoiceOrder, upgrade of the sent order' },
  { id: 'eco-invoice-direct', system: 'economic', method: 'createDraftInvoice', http: { method: 'POST', path: '^/invoices/drafts$' }, madeBy: 'reconcileOrder, documentType invoice' },
  { id: 'eco-invoice-update', system: 'economic', method: 'replaceDraftInvoice', http: { method: 'PUT', path: '^/invoices/drafts/\\d+$' }, madeBy: 'advanceDraft, documentType invoice, the Rackbeat order changed' },
  { id: 'eco-invoice-delete', system: 'economic', method: 'deleteDraftInvoice', http: { method: 'DELETE', path: '^/invoices/drafts/\\d+$' }, madeBy: 'advanceDraft, documentType invoice, cancelled' },
  { id: 'eco-book', system: 'economic', method: 'bookInvoice', http: { method: 'POST', path: '^/invoices/booked$' }, madeBy: 'advanceDraft → invoiceOrder, bookInvoice on' },
  { id: 'eco-payment', system: 'economic', method: 'createCustomerPaymentVoucher', http: { method: 'POST', path: '^/journals/\\d+/vouchers$' }, madeBy: 'registerPayment, the order was marked paid' },
  { id: 'eco-credit-draft', system: 'economic', method: 'createDraftInvoice', http: { method: 'POST', path: '^/invoices/drafts$' }, madeBy: 'checkBooked → credit, cancelled after booking' },
  { id: 'eco-credit-book', system: 'economic', method: 'bookInvoice', http: { method: 'POST', path: '^/invoices/booked$' }, madeBy: 'checkBooked → credit, cancelled after booking' },
  { id: 'eco-refund-credit-draft', system: 'economic', method: 'createDraftInvoice', http: { method: 'POST', path: '^/invoices/drafts$' }, madeBy: 'creditRefund, a Shopify refund of a booked invoice' },
  { id: 'eco-refund-credit-book', system: 'economic', method: 'bookInvoice', http: { method: 'POST', path: '^/invoices/booked$' }, madeBy: 'creditRefund, a Shopify refund of a booked invoice (bookInvoice on)' },
  { id: 'eco-refund-draft-update', system: 'economic', method: 'replaceDraftOrder', http: { method: 'PUT', path: '^/orders/drafts/\\d+$' }, madeBy: 'advanceDraft, a Shopify refund before invoicing comes off the draft' },
  // Netvisor (F5, F6)
  { id: 'nv-customer-add', system: 'netvisor', method: 'addCustomer', http: { method: 'POST', path: '^/customer\\.nv' }, madeBy: 'customerSync / netvisor document transfer, a new customer' },
  { id: 'nv-customer-edit', system: 'netvisor', method: 'editCustomer', http: { method: 'POST', path: '^/customer\\.nv' }, madeBy: 'customerSync, details differ' },
  { id: 'nv-product-add', system: 'netvisor', method: 'addProduct', http: { method: 'POST', path: '^/product\\.nv' }, madeBy: 'productSync / document transfer, a new product' },
  { id: 'nv-product-edit', system: 'netvisor', method: 'editProduct', http: { method: 'POST', path: '^/product\\.nv' }, madeBy: 'productSync, details differ or deactivation' },
  { id: 'nv-sales-invoice', system: 'netvisor', method: 'addInvoice', http: { method: 'POST', path: '^/salesinvoice\\.nv' }, madeBy: 'netvisorInvoice transfer' },
  { id: 'nv-sales-order', system: 'netvisor', method: 'addOrder', http: { method: 'POST', path: '^/salesinvoice\\.nv' }, madeBy: 'netvisorOrder transfer (orders go to salesinvoice.nv as orders)' },
  // Rackbeat (F1 webshop orders, F3 webshop products, the Netvisor import)
  { id: 'rb-customer-create', system: 'rackbeat', method: 'createCustomer', http: { method: 'POST', path: '^/customers$' }, madeBy: 'syncWebshopOrder (a new shop customer) and the Netvisor import' },
  { id: 'rb-customer-update', system: 'rackbeat', method: 'updateCustomer', http: { method: 'PUT', path: '^/customers/\\d+$' }, madeBy: 'the Netvisor import, details differ' },
  { id: 'rb-product-create', system: 'rackbeat', method: 'createProduct', http: { method: 'POST', path: '^/products$' }, madeBy: 'webshop product transfer (productMaster webshop) and the Netvisor import' },
  { id: 'rb-product-update', system: 'rackbeat', method: 'updateProduct', http: { method: 'PUT', path: '^/products/[^/]+$' }, madeBy: 'webshop product transfer and the Netvisor import' },
  { id: 'rb-order-create', system: 'rackbeat', method: 'createOrder', http: { method: 'POST', path: '^/orders$' }, madeBy: 'syncWebshopOrder' },
  { id: 'rb-order-book', system: 'rackbeat', method: 'bookOrder', http: { method: 'POST', path: '^/orders/\\d+/book$' }, madeBy: 'syncWebshopOrder' },
  { id: 'rb-order-line-add', system: 'rackbeat', method: 'addOrderLine', http: { method: 'POST', path: '^/orders/\\d+/lines$' }, madeBy: 'syncWebshopOrder, the shop order changed while its Rackbeat order was open' },
  { id: 'rb-order-line-delete', system: 'rackbeat', method: 'deleteOrderLine', http: { method: 'DELETE', path: '^/orders/\\d+/lines/\\d+$' }, madeBy: 'syncWebshopOrder, the shop order changed while its Rackbeat order was open' },
  // Webshops (fulfilment back, stock)
  { id: 'shopify-fulfilment', system: 'shopify', method: 'createFulfillment', http: { method: 'POST', path: '/graphql\\.json$', body: 'fulfillmentCreate' }, madeBy: 'fulfilWebshopOrder' },
  { id: 'shopify-inventory', system: 'shopify', method: 'setInventoryQuantities', http: { method: 'POST', path: '/graphql\\.json$', body: 'inventorySetQuantities' }, madeBy: 'stock sync (inventorySetQuantities)' },
  { id: 'woo-order-update', system: 'woocommerce', method: 'updateOrderStatus', http: { method: 'PUT', path: '/orders/\\d+$' }, madeBy: 'fulfilWebshopOrder' },
  { id: 'woo-product-batch', system: 'woocommerce', method: 'batchUpdateStock', http: { method: 'POST', path: '/products/batch$' }, madeBy: 'stock sync' },
];

/**
 * Connector writes that activities call but the matrix leaves out on purpose, with the reason.
 * The coverage test accepts these and nothing else.
 */
const SUBSCRIPTION_UPKEEP = "webhook subscription upkeep (activities/webshop/subscriptions.ts) lists the shop's webhooks before every change and converges: it creates only what is missing, deletes twins and re-points stale ones, so a lost answer is repaired by the next run (test/integration/webshop-reconcile.test.ts); no business document is written";
export const WRITES_LEFT_OUT: Readonly<Record<string, string>> = {
  'shopify.createWebhook': SUBSCRIPTION_UPKEEP,
  'shopify.deleteWebhook': SUBSCRIPTION_UPKEEP,
  'woocommerce.createWebhook': SUBSCRIPTION_UPKEEP,
  'woocommerce.deleteWebhook': SUBSCRIPTION_UPKEEP,
  'woocommerce.updateWebhook': SUBSCRIPTION_UPKEEP,
};
