import { gid } from './ids';
import type { Cents, FulfillmentRecord, LineRecord, OrderRecord } from './models';
import type { ShopifyStore } from './store';
import { computeTotals, money } from './totals';
import { SHOP } from './settings';
import { refundView } from './views-refund';

type Json = Record<string, unknown>;

/** `{shop_money, presentment_money}`; the simulator has one currency, so both are the same. */
function moneySet(cents: Cents, currency: string): Json {
  const m = { amount: money(cents), currency_code: currency };
  return { shop_money: m, presentment_money: m };
}

function taxLine(cents: Cents, rate: number, currency: string): Json {
  return { price: money(cents), rate, title: SHOP.taxTitle, price_set: moneySet(cents, currency), channel_liable: false };
}

/** The REST Order resource, as `GET orders/{id}.json` and the `orders/*` webhooks show it. */
export function orderView(store: ShopifyStore, order: OrderRecord): Json {
  const t = computeTotals(order);
  const c = order.currency;
  const fulfillments = order.fulfillmentIds.map((id) => store.fulfillments.get(id)).filter((f) => f !== undefined);
  const discountApplications = order.discount
    ? [{ type: 'discount_code', value: order.discount.type === 'percentage' ? `${order.discount.value}.0` : money(order.discount.value), value_type: order.discount.type, allocation_method: 'across', target_selection: 'all', target_type: 'line_item', code: order.discount.code }]
    : [];
  const shipping = order.shipping;
  const amounts = {
    current_subtotal_price: money(t.subtotal),
    current_total_discounts: money(t.totalDiscounts),
    current_total_price: money(t.total),
    current_total_tax: money(t.totalTax),
    subtotal_price: money(t.subtotal),
    total_discounts: money(t.totalDiscounts),
    total_line_items_price: money(t.totalLineItems),
    total_price: money(t.total),
    total_tax: money(t.totalTax),
    total_shipping_price_set: moneySet(t.shipping, c),
    subtotal_price_set: moneySet(t.subtotal, c),
    total_discounts_set: moneySet(t.totalDiscounts, c),
    total_line_items_price_set: moneySet(t.totalLineItems, c),
    total_price_set: moneySet(t.total, c),
    total_tax_set: moneySet(t.totalTax, c),
  };
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    name: `#${order.order_number}`,
    number: order.order_number - 1000,
    order_number: order.order_number,
    email: order.email,
    contact_email: order.email,
    created_at: order.created_at,
    updated_at: order.updated_at,
    processed_at: order.created_at,
    cancelled_at: order.cancelled_at,
    cancel_reason: order.cancel_reason,
    closed_at: order.closed_at,
    confirmed: true,
    test: false,
    currency: c,
    presentment_currency: c,
    taxes_included: order.taxes_included,
    financial_status: order.financial_status,
    fulfillment_status: fulfillmentStatus(order),
    gateway: 'manual',
    payment_gateway_names: ['manual'],
    source_name: 'web',
    note: order.note,
    tags: '',
    ...amounts,
    tax_lines: t.totalTax > 0 ? [taxLine(t.totalTax, order.tax_rate, c)] : [],
    discount_codes: order.discount ? [{ code: order.discount.code, amount: money(t.totalDiscounts), type: order.discount.type }] : [],
    discount_applications: discountApplications,
    line_items: order.lines.map((line, i) => lineView(line, t.lines[i] ?? { gross: 0, discount: 0, tax: 0 }, order, discountApplications.length > 0)),
    shipping_lines: shipping
      ? [{ id: shipping.id, title: shipping.title, code: shipping.code, source: 'shopify', price: money(shipping.price), price_set: moneySet(shipping.price, c), discounted_price: money(shipping.price), discounted_price_set: moneySet(shipping.price, c), tax_lines: t.shippingTax > 0 ? [taxLine(t.shippingTax, order.tax_rate, c)] : [], discount_allocations: [] }]
      : [],
    billing_address: addressView(order),
    shipping_address: addressView(order),
    customer: { id: order.customer.id, email: order.customer.email, first_name: order.customer.first_name, last_name: order.customer.last_name, admin_graphql_api_id: gid('Customer', order.customer.id), currency: c },
    fulfillments: fulfillments.map((f) => fulfillmentView(store, f)),
    refunds: (order.refunds ?? []).map((r) => refundView(order, r)),
  };
}

function lineView(line: LineRecord, t: { gross: Cents; discount: Cents; tax: Cents }, order: OrderRecord, discounted: boolean): Json {
  const c = order.currency;
  return {
    id: line.id,
    admin_graphql_api_id: gid('LineItem', line.id),
    variant_id: line.variant_id,
    product_id: line.product_id,
    sku: line.sku,
    title: line.title,
    variant_title: line.variant_title,
    name: line.variant_title ? `${line.title} - ${line.variant_title}` : line.title,
    quantity: line.quantity,
    current_quantity: line.quantity,
    fulfillable_quantity: line.quantity - line.fulfilled,
    fulfillment_status: line.fulfilled === 0 ? null : line.fulfilled >= line.quantity ? 'fulfilled' : 'partial',
    fulfillment_service: 'manual',
    price: money(line.price),
    price_set: moneySet(line.price, c),
    // Shopify reports code discounts in discount_allocations; total_discount stays 0 for them (unconfirmed upstream).
    total_discount: '0.00',
    total_discount_set: moneySet(0, c),
    discount_allocations: discounted && t.discount > 0 ? [{ amount: money(t.discount), amount_set: moneySet(t.discount, c), discount_application_index: 0 }] : [],
    tax_lines: t.tax > 0 ? [taxLine(t.tax, order.tax_rate, c)] : [],
    taxable: line.taxable,
    requires_shipping: line.requires_shipping,
    grams: line.grams,
    vendor: null,
    product_exists: true,
    properties: [],
    gift_card: false,
  };
}

function addressView(order: OrderRecord): Json {
  const a = order.address;
  return { ...a, address2: '', name: `${a.first_name} ${a.last_name}`.trim(), country: a.country_code === 'DK' ? 'Denmark' : a.country_code, province: null, province_code: null };
}

export function fulfillmentStatus(order: OrderRecord): 'fulfilled' | 'partial' | null {
  const total = order.lines.reduce((s, l) => s + l.quantity, 0);
  const done = order.lines.reduce((s, l) => s + Math.min(l.fulfilled, l.quantity), 0);
  if (done === 0) return null;
  return done >= total ? 'fulfilled' : 'partial';
}

/** The REST Fulfillment resource (also the `fulfillments/create` webhook body). */
export function fulfillmentView(store: ShopifyStore, f: FulfillmentRecord): Json {
  const order = store.orders.get(f.order_id);
  const lines = f.lines.map((fl) => {
    const line = order?.lines.find((l) => l.id === fl.line_item_id);
    return { id: fl.line_item_id, variant_id: line?.variant_id ?? null, sku: line?.sku ?? null, title: line?.title ?? null, quantity: fl.quantity, price: line ? money(line.price) : null };
  });
  return {
    id: f.id,
    admin_graphql_api_id: gid('Fulfillment', f.id),
    order_id: f.order_id,
    name: f.name,
    status: 'success',
    service: 'manual',
    location_id: f.location_id,
    tracking_company: f.tracking.company,
    tracking_number: f.tracking.number,
    tracking_numbers: f.tracking.number ? [f.tracking.number] : [],
    tracking_url: f.tracking.url,
    tracking_urls: f.tracking.url ? [f.tracking.url] : [],
    shipment_status: null,
    line_items: lines,
    created_at: f.created_at,
    updated_at: f.updated_at,
  };
}
