import { invalid } from './http';
import { BodyReader } from './input';
import { type CustomerRecord, type DomainEvent, emptyAddress, type ProductRecord } from './models';
import { inventoryChanged, type RackbeatStore } from './store';

function changedKeys<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Customers and products: create and update, with the `*.created` / `*.updated` events. */
export class PartyService {
  constructor(private readonly store: RackbeatStore) {}

  createCustomer(body: Record<string, unknown>, events: DomainEvent[]): CustomerRecord {
    const read = new BodyReader(body);
    const number = read.number('number', { integer: true, min: 1 });
    if (number !== undefined && this.store.customers.has(number)) read.problems.add('number', 'The number has already been taken.');
    const name = read.string('name', { required: true });
    const group = this.readCustomerGroup(read, true);
    const now = this.store.timestamp();
    const customer: CustomerRecord = {
      // Numbered once valid: a refused create uses up no number.
      number: number ?? 0,
      name: name ?? '',
      contact_email: null,
      contact_phone: null,
      company_vat: null,
      ean: null,
      currency: 'DKK',
      locale: 'da',
      vat_zone: 'domestic',
      payment_terms_id: null,
      layout_id: null,
      employee_id: null,
      general_discount_percentage: 0,
      is_barred: false,
      customer_group_number: group ?? 0,
      address: emptyAddress(),
      created_at: now,
      updated_at: now,
    };
    this.applyCustomer(customer, read);
    read.problems.throwIfAny();
    if (number === undefined) customer.number = this.store.next('customer');
    this.store.bump('customer', customer.number);
    this.store.customers.set(customer.number, customer);
    events.push({ event: 'customer.created', key: customer.number, keyName: 'number', data: { number: customer.number } });
    return customer;
  }

  updateCustomer(number: number, body: Record<string, unknown>, events: DomainEvent[]): CustomerRecord {
    const customer = this.store.customer(number);
    const read = new BodyReader(body);
    const draft = structuredClone(customer);
    const name = read.string('name');
    if (name === null) read.problems.add('name', 'The name field is required.');
    if (typeof name === 'string') draft.name = name;
    const group = this.readCustomerGroup(read, false);
    if (group !== undefined) draft.customer_group_number = group;
    this.applyCustomer(draft, read);
    read.problems.throwIfAny();
    const changed = changedKeys(customer, draft);
    if (changed.length === 0) return customer;
    Object.assign(customer, draft, { updated_at: this.store.timestamp() });
    events.push({ event: 'customer.updated', key: number, keyName: 'number', data: { number }, changed });
    return customer;
  }

  createProduct(body: Record<string, unknown>, events: DomainEvent[]): ProductRecord {
    const read = new BodyReader(body);
    const number = read.string('number', { required: true });
    if (typeof number === 'string' && this.store.products.has(number)) read.problems.add('number', 'The number has already been taken.');
    const name = read.string('name', { required: true });
    const group = read.number('group', { required: true, integer: true });
    if (group !== undefined && !this.store.productGroups.has(group)) read.problems.add('group', 'The selected group is invalid.');
    const salesPrice = read.number('sales_price', { required: true, min: 0 });
    const now = this.store.timestamp();
    const product: ProductRecord = {
      id: this.store.next('product'),
      number: number ?? '',
      name: name ?? '',
      description: null,
      barcode: null,
      unit_name: 'stk',
      group_number: group ?? 0,
      sales_price: salesPrice ?? 0,
      cost_price: 0,
      stock_quantity: 0,
      in_order_quantity: 0,
      is_barred: false,
      created_at: now,
      updated_at: now,
    };
    this.applyProduct(product, read);
    read.problems.throwIfAny();
    this.store.products.set(product.number, product);
    events.push({ event: 'product.created', key: product.number, keyName: 'number', data: { number: product.number } });
    if (product.stock_quantity !== 0) events.push(inventoryChanged(product));
    return product;
  }

  /** Refused once stock is registered on the product (helpdesk ht-07001); `product.deleted` is unconfirmed upstream. */
  deleteProduct(numberOrSlug: string, events: DomainEvent[]): void {
    const product = this.store.product(numberOrSlug);
    if (product.stock_quantity !== 0 || product.in_order_quantity !== 0) throw invalid('number', 'The product cannot be deleted because stock has been registered on it.');
    this.store.products.delete(product.number);
    events.push({ event: 'product.deleted', key: product.number, keyName: 'number', data: { number: product.number } });
  }

  /** Refused while orders use the customer; `customer.deleted` is unconfirmed upstream. */
  deleteCustomer(number: number, events: DomainEvent[]): void {
    const customer = this.store.customer(number);
    if ([...this.store.orders.values()].some((o) => o.customer_number === number)) throw invalid('number', 'The customer cannot be deleted because it is used on orders.');
    this.store.customers.delete(customer.number);
    events.push({ event: 'customer.deleted', key: customer.number, keyName: 'number', data: { number: customer.number } });
  }

  /** The number is the key and cannot change here; `group` moves the product to another group. */
  updateProduct(numberOrSlug: string, body: Record<string, unknown>, events: DomainEvent[]): ProductRecord {
    const product = this.store.product(numberOrSlug);
    const read = new BodyReader(body);
    const draft = structuredClone(product);
    const name = read.string('name');
    if (name === null) read.problems.add('name', 'The name field is required.');
    if (typeof name === 'string') draft.name = name;
    const group = read.number('group', { integer: true });
    if (group !== undefined && !this.store.productGroups.has(group)) read.problems.add('group', 'The selected group is invalid.');
    else if (group !== undefined) draft.group_number = group;
    const salesPrice = read.number('sales_price', { min: 0 });
    if (salesPrice !== undefined) draft.sales_price = salesPrice;
    const requestedNumber = read.string('number');
    if (typeof requestedNumber === 'string' && requestedNumber !== product.number) throw invalid('number', 'The number cannot be changed.');
    this.applyProduct(draft, read);
    read.problems.throwIfAny();
    const changed = changedKeys(product, draft);
    if (changed.length === 0) return product;
    Object.assign(product, draft, { updated_at: this.store.timestamp() });
    events.push({ event: 'product.updated', key: product.number, keyName: 'number', data: { number: product.number }, changed });
    if (changed.includes('stock_quantity')) events.push(inventoryChanged(product));
    return product;
  }

  /**
   * Every customer belongs to a customer group (VERIFIED hd:ht-00031; SEEN-IN-USE nv:77000556267).
   * The API field name is UNKNOWN: `customer_group_id` (App4Sales maps `CustomerGroupId`,
   * cs:625208) is read, and `customer_group` / `group` are tolerated, each a group number.
   */
  private readCustomerGroup(read: BodyReader, required: boolean): number | undefined {
    const key = ['customer_group_id', 'customer_group', 'group'].find((k) => read.has(k)) ?? 'customer_group_id';
    const group = read.number(key, { required, integer: true, field: 'customer_group_id' });
    if (group !== undefined && !this.store.customerGroups.has(group)) read.problems.add('customer_group_id', 'The selected customer group id is invalid.');
    return group;
  }

  private applyCustomer(customer: CustomerRecord, read: BodyReader): void {
    for (const key of ['contact_email', 'contact_phone', 'company_vat', 'ean'] as const) {
      const value = read.string(key);
      if (value !== undefined) customer[key] = value;
    }
    const locale = read.string('locale');
    if (typeof locale === 'string') customer.locale = locale;
    const currency = read.string('currency');
    if (typeof currency === 'string') customer.currency = currency;
    const zone = read.vatZone();
    if (zone) customer.vat_zone = zone;
    const terms = read.number('payment_terms_id', { integer: true });
    if (terms !== undefined && !this.store.paymentTerms.has(terms)) read.problems.add('payment_terms_id', 'The selected payment terms id is invalid.');
    else if (terms !== undefined) customer.payment_terms_id = terms;
    if (read.body.payment_terms_id === null) customer.payment_terms_id = null;
    for (const key of ['layout_id', 'employee_id'] as const) {
      const value = read.number(key, { integer: true });
      if (value !== undefined) customer[key] = value;
    }
    const discount = read.number('general_discount_percentage', { min: 0, max: 100 });
    if (discount !== undefined) customer.general_discount_percentage = discount;
    const barred = read.boolean('is_barred');
    if (barred !== undefined) customer.is_barred = barred;
    const address = read.address('address_', 'address');
    if (address) customer.address = { ...customer.address, ...address };
  }

  private applyProduct(product: ProductRecord, read: BodyReader): void {
    for (const key of ['description', 'barcode'] as const) {
      const value = read.string(key);
      if (value !== undefined) product[key] = value;
    }
    const cost = read.number('cost_price', { min: 0 }) ?? read.number('recommended_cost_price', { min: 0 });
    if (cost !== undefined) product.cost_price = cost;
    const stock = read.number('stock_quantity');
    if (stock !== undefined) product.stock_quantity = stock;
    const barred = read.boolean('is_barred');
    if (barred !== undefined) product.is_barred = barred;
  }
}
