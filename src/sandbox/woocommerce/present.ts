import { formatGmt, formatLocal } from './dates';
import type { OrderRecord, ProductRecord, VariationRecord, WebhookRecord } from './models';
import type { WooCommerceSimulatorSettings } from './settings';
import { formatCents } from './money';
import { orderRefunds, renderRefund } from './present-refund';
import type { RefundRecord } from './models';
import type { WooStore } from './store';

type Json = Record<string, unknown>;

/**
 * Renders records the way `GET /wp-json/wc/v3/...` answers (woo-docs `_orders.md`,
 * `_products.md`, `_product-variations.md`, `_webhooks.md`). Webhook payloads use the same views.
 */
export class WooViews {
  constructor(
    private readonly store: WooStore,
    private readonly apiUrl: () => string,
    private readonly siteUrl: () => string,
    private readonly settings: Pick<WooCommerceSimulatorSettings, 'timezone' | 'wooVersion'>,
  ) {}

  private dates(name: string, ms: number | null): Json {
    return { [name]: ms === null ? null : formatLocal(ms, this.settings.timezone), [`${name}_gmt`]: ms === null ? null : formatGmt(ms) };
  }

  private links(path: string, collection: string, extra: Json = {}): Json {
    return { _links: { self: [{ href: `${this.apiUrl()}${path}` }], collection: [{ href: `${this.apiUrl()}${collection}` }], ...extra } };
  }

  order(o: OrderRecord): Json {
    const m = formatCents;
    return {
      id: o.id,
      parent_id: 0,
      number: String(o.id),
      order_key: o.order_key,
      created_via: o.created_via,
      version: this.settings.wooVersion,
      status: o.status,
      currency: o.currency,
      ...this.dates('date_created', o.created_at),
      ...this.dates('date_modified', o.modified_at),
      discount_total: m(o.totals.discount_total),
      discount_tax: m(o.totals.discount_tax),
      shipping_total: m(o.totals.shipping_total),
      shipping_tax: m(o.totals.shipping_tax),
      cart_tax: m(o.totals.cart_tax),
      total: m(o.totals.total),
      total_tax: m(o.totals.total_tax),
      prices_include_tax: o.prices_include_tax,
      customer_id: o.customer_id,
      customer_ip_address: '',
      customer_user_agent: '',
      customer_note: o.customer_note,
      billing: o.billing,
      shipping: o.shipping,
      payment_method: o.payment_method,
      payment_method_title: o.payment_method_title,
      transaction_id: o.transaction_id,
      ...this.dates('date_paid', o.paid_at),
      ...this.dates('date_completed', o.completed_at),
      cart_hash: '',
      meta_data: [],
      line_items: o.lines.map((l) => {
        const rateId = l.tax_class === 'zero-rate' ? 2 : 1;
        return {
          id: l.id,
          name: l.name,
          product_id: l.product_id,
          variation_id: l.variation_id,
          quantity: l.quantity,
          tax_class: l.tax_class,
          subtotal: m(l.subtotal),
          subtotal_tax: m(l.subtotal_tax),
          total: m(l.total),
          total_tax: m(l.total_tax),
          taxes: [{ id: rateId, total: m(l.total_tax), subtotal: m(l.subtotal_tax) }],
          meta_data: [],
          sku: l.sku,
          // A number, unlike every other amount: the line total after discounts / quantity, ex tax.
          price: l.total / 100 / l.quantity,
        };
      }),
      tax_lines: o.tax_lines.map((t) => ({
        id: t.id,
        rate_code: t.rate_code,
        rate_id: t.rate_id,
        label: t.label,
        compound: false,
        tax_total: m(t.tax_total),
        shipping_tax_total: m(t.shipping_tax_total),
        rate_percent: t.rate_percent,
        meta_data: [],
      })),
      shipping_lines: o.shipping_lines.map((s) => ({
        id: s.id,
        method_title: s.method_title,
        method_id: s.method_id,
        instance_id: '',
        total: m(s.total),
        total_tax: m(s.total_tax),
        taxes: s.total_tax ? [{ id: 1, total: m(s.total_tax), subtotal: '' }] : [],
        meta_data: [],
      })),
      fee_lines: o.fee_lines.map((f) => ({
        id: f.id,
        name: f.name,
        tax_class: f.tax_class,
        tax_status: f.tax_status,
        total: m(f.total),
        total_tax: m(f.total_tax),
        taxes: f.total_tax ? [{ id: 1, total: m(f.total_tax), subtotal: '' }] : [],
        meta_data: [],
      })),
      coupon_lines: o.coupon_lines.map((c) => ({ id: c.id, code: c.code, discount: m(c.discount), discount_tax: m(c.discount_tax), meta_data: [] })),
      refunds: orderRefunds(o),
      currency_symbol: o.currency === 'DKK' ? 'kr.' : o.currency,
      ...this.links(`/orders/${o.id}`, '/orders', o.customer_id ? { customer: [{ href: `${this.apiUrl()}/customers/${o.customer_id}` }] } : {}),
    };
  }

  refund(o: OrderRecord, r: RefundRecord): Json {
    return renderRefund(o, r, this.apiUrl(), this.settings.timezone);
  }

  product(p: ProductRecord): Json {
    const price = p.sale_price !== '' ? p.sale_price : p.regular_price;
    return {
      id: p.id,
      name: p.name,
      slug: p.slug,
      permalink: `${this.siteUrl()}product/${p.slug}/`,
      ...this.dates('date_created', p.created_at),
      ...this.dates('date_modified', p.modified_at),
      type: p.type,
      status: p.status,
      featured: false,
      catalog_visibility: 'visible',
      description: '',
      short_description: '',
      sku: p.sku,
      price,
      regular_price: p.regular_price,
      sale_price: p.sale_price,
      on_sale: p.sale_price !== '',
      purchasable: price !== '',
      total_sales: 0,
      virtual: p.virtual,
      downloadable: false,
      tax_status: p.tax_status,
      tax_class: p.tax_class,
      manage_stock: p.manage_stock,
      stock_quantity: p.stock_quantity,
      stock_status: p.type === 'variable' ? this.variableStockStatus(p) : p.stock_status,
      backorders: p.backorders,
      backorders_allowed: p.backorders !== 'no',
      backordered: false,
      parent_id: 0,
      categories: [],
      attributes: p.attributes,
      variations: p.variations,
      meta_data: [],
      ...this.links(`/products/${p.id}`, '/products'),
    };
  }

  /** A variation as `GET /products/{id}` or `GET /products?sku=` shows it: product shape, type `variation`. */
  variationAsProduct(v: VariationRecord): Json {
    const parent = this.store.products.get(v.parent_id);
    const options = v.attributes.map((a) => a.option).join(', ');
    return {
      ...this.variation(v),
      name: `${parent?.name ?? ''} - ${options}`,
      type: 'variation',
      parent_id: v.parent_id,
      variations: [],
    };
  }

  variation(v: VariationRecord): Json {
    const price = v.sale_price !== '' ? v.sale_price : v.regular_price;
    return {
      id: v.id,
      ...this.dates('date_created', v.created_at),
      ...this.dates('date_modified', v.modified_at),
      description: '',
      permalink: `${this.siteUrl()}product/${this.store.products.get(v.parent_id)?.slug ?? ''}/?${v.attributes.map((a) => `attribute_${a.name.toLowerCase()}=${encodeURIComponent(a.option)}`).join('&')}`,
      sku: v.sku,
      price,
      regular_price: v.regular_price,
      sale_price: v.sale_price,
      on_sale: v.sale_price !== '',
      status: 'publish',
      purchasable: price !== '',
      virtual: false,
      downloadable: false,
      tax_status: v.tax_status,
      tax_class: v.tax_class,
      manage_stock: v.manage_stock,
      stock_quantity: v.stock_quantity,
      stock_status: v.stock_status,
      backorders: v.backorders,
      backorders_allowed: v.backorders !== 'no',
      backordered: false,
      attributes: v.attributes,
      menu_order: 0,
      meta_data: [],
      ...this.links(`/products/${v.parent_id}/variations/${v.id}`, `/products/${v.parent_id}/variations`, { up: [{ href: `${this.apiUrl()}/products/${v.parent_id}` }] }),
    };
  }

  webhook(w: WebhookRecord): Json {
    const [resource = '', event = ''] = w.topic.split('.');
    return {
      id: w.id,
      name: w.name,
      status: w.status,
      topic: w.topic,
      resource,
      event,
      hooks: hooksOf(w.topic),
      delivery_url: w.delivery_url,
      ...this.dates('date_created', w.created_at),
      ...this.dates('date_modified', w.modified_at),
      ...this.links(`/webhooks/${w.id}`, '/webhooks'),
    };
  }

  private variableStockStatus(p: ProductRecord): string {
    const children = p.variations.map((id) => this.store.variations.get(id)).filter((v) => v !== undefined);
    return children.some((v) => v.stock_status === 'instock') ? 'instock' : children.some((v) => v.stock_status === 'onbackorder') ? 'onbackorder' : 'outofstock';
  }
}

/** `WC_Webhook::get_hooks` for the core topics (woo-core `get_default_topic_hooks`). */
function hooksOf(topic: string): string[] {
  const hooks: Record<string, string[]> = {
    'order.created': ['woocommerce_new_order'],
    'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded'],
    'order.deleted': ['wp_trash_post'],
    'order.restored': ['untrashed_post'],
    'product.created': ['woocommerce_process_product_meta', 'woocommerce_new_product', 'woocommerce_new_product_variation'],
    'product.updated': ['woocommerce_process_product_meta', 'woocommerce_update_product', 'woocommerce_update_product_variation'],
    'product.deleted': ['wp_trash_post'],
    'product.restored': ['untrashed_post'],
  };
  return hooks[topic] ?? [];
}
