import { escapeId } from './paths';
import type { Doc, EconomicStore } from './store';
import { bookedLines } from './totals';

/**
 * A product's `inventory` block, shown when the agreement has the inventory module (schema
 * `products.post`: "only applicable if the inventory module is enabled"; the recorded agreement
 * has it, traels `self.json` + `product.json`). The simulator keeps no stock: what a client sent, else zeros.
 */
const EMPTY_INVENTORY: Doc = { available: 0, inStock: 0, orderedFromSuppliers: 0, orderedByCustomers: 0, packageVolume: 0, recommendedCostPrice: 0 };

/**
 * Turns stored documents into what the API returns: references get their `self` links (and the
 * names e-conomic embeds), documents get `pdf.download`, `templates` and `self`.
 */
export class Presenter {
  constructor(
    private readonly store: EconomicStore,
    readonly base: () => string,
  ) {}

  link(...segments: (string | number)[]): string {
    return [this.base(), ...segments.map((s) => (typeof s === 'number' ? String(s) : escapeId(s)))].join('/');
  }

  customerRef(n: number): Doc {
    return { customerNumber: n, self: this.link('customers', n) };
  }

  paymentTerms(n: number): Doc {
    const terms = this.store.paymentTerms.get(n) ?? {};
    return { ...terms, paymentTermsNumber: n, self: this.link('payment-terms', n) };
  }

  vatZone(n: number): Doc {
    return { ...this.store.vatZones.get(n), vatZoneNumber: n, self: this.link('vat-zones', n) };
  }

  unit(n: number): Doc {
    return { unitNumber: n, name: this.store.units.get(n)?.name, products: this.link('units', n, 'products'), self: this.link('units', n) };
  }

  productGroup(n: number): Doc {
    const { vatExempt: _internal, ...group } = this.store.productGroups.get(n) ?? {};
    return { ...group, productGroupNumber: n, salesAccounts: this.link('product-groups', n, 'sales-accounts'), products: this.link('product-groups', n, 'products'), self: this.link('product-groups', n) };
  }

  layout(n: number): Doc {
    return { ...this.store.layouts.get(n), layoutNumber: n, self: this.link('layouts', n) };
  }

  customer(doc: Doc): Doc {
    const n = doc.customerNumber as number;
    const refs: Doc = {
      customerGroup: { ...(doc.customerGroup as Doc), self: this.link('customer-groups', (doc.customerGroup as Doc).customerGroupNumber as number) },
      vatZone: this.vatZone((doc.vatZone as Doc).vatZoneNumber as number),
      paymentTerms: this.paymentTerms((doc.paymentTerms as Doc).paymentTermsNumber as number),
    };
    if (doc.layout) refs.layout = this.layout((doc.layout as Doc).layoutNumber as number);
    return {
      balance: 0,
      dueAmount: 0,
      eInvoicingDisabledByDefault: false,
      ...doc,
      ...refs,
      contacts: this.link('customers', n, 'contacts'),
      templates: { invoice: this.link('customers', n, 'templates', 'invoice'), invoiceLine: this.link('customers', n, 'templates', 'invoiceline'), self: this.link('customers', n, 'templates') },
      totals: { drafts: this.link('invoices', 'totals', 'drafts', 'customers', n), booked: this.link('invoices', 'totals', 'booked', 'customers', n), self: this.link('customers', n, 'totals') },
      deliveryLocations: this.link('customers', n, 'delivery-locations'),
      invoices: { drafts: this.link('customers', n, 'invoices', 'drafts'), booked: this.link('customers', n, 'invoices', 'booked'), self: this.link('customers', n, 'invoices') },
      metaData: this.metaData('customer', this.link('customers', n)),
      self: this.link('customers', n),
    };
  }

  product(doc: Doc): Doc {
    const n = doc.productNumber as string;
    const unit = doc.unit as Doc | undefined;
    return {
      ...doc,
      productGroup: this.productGroup((doc.productGroup as Doc).productGroupNumber as number),
      ...(unit ? { unit: this.unit(unit.unitNumber as number) } : {}),
      ...(doc.departmentalDistribution ? { departmentalDistribution: this.departmentalDistribution(doc.departmentalDistribution as Doc) } : {}),
      ...(this.store.agreement.inventoryModule ? { inventory: { ...EMPTY_INVENTORY, ...(doc.inventory as Doc | undefined) } } : {}),
      invoices: { drafts: this.link('products', n, 'invoices', 'drafts'), booked: this.link('products', n, 'invoices', 'booked'), self: this.link('products', n, 'invoices') },
      pricing: { currencySpecificSalesPrices: this.link('products', n, 'pricing', 'currency-specific-sales-prices') },
      metaData: this.metaData('product', this.link('products', n)),
      self: this.link('products', n),
    };
  }

  /** A resource's `metaData`: the delete and replace actions (traels `customer.json`, `product.json`). */
  private metaData(what: string, href: string): Doc {
    return {
      delete: { description: `Delete this ${what}.`, href, httpMethod: 'delete' },
      replace: { description: `Replace this ${what}.`, href, httpMethod: 'put' },
    };
  }

  /** `kind` is the collection path (`orders/drafts`, `invoices/booked`, …). Collections omit order lines. */
  salesDocument(kind: string, numberKey: string, doc: Doc, withLines = true): Doc {
    const n = doc[numberKey] as number;
    const base = [...kind.split('/'), n] as (string | number)[];
    const recipient = doc.recipient as Doc;
    const lines = kind === 'invoices/booked' ? bookedLines(doc, this.store) : ((doc.lines as Doc[] | undefined) ?? []);
    const presented: Doc = {
      ...doc,
      paymentTerms: this.paymentTerms((doc.paymentTerms as Doc).paymentTermsNumber as number),
      customer: this.customerRef((doc.customer as Doc).customerNumber as number),
      recipient: { ...recipient, vatZone: this.vatZone((recipient.vatZone as Doc).vatZoneNumber as number) },
      layout: { layoutNumber: (doc.layout as Doc).layoutNumber, self: this.link('layouts', (doc.layout as Doc).layoutNumber as number) },
      lines: lines.map((line) => this.line(line)),
      pdf: { download: this.link(...base, 'pdf') },
      self: this.link(...base),
    };
    if (kind.startsWith('orders/')) {
      if (!withLines) presented.lines = [];
      presented.templates = { upgradeInstructions: this.link(...base, 'templates', 'upgrade-instructions', 'draftInvoice'), self: this.link(...base, 'templates') };
      presented.soap = { orderHandle: { id: n } };
      presented.attachment = this.link(...base, 'attachment');
    } else if (kind === 'invoices/drafts') {
      presented.templates = { bookingInstructions: this.link(...base, 'templates', 'booking-instructions'), self: this.link(...base, 'templates') };
      presented.soap = { currentInvoiceHandle: { id: n } };
      presented.attachment = this.link(...base, 'attachment');
    } else {
      presented.sent = this.link(...base, 'sent');
    }
    return presented;
  }

  private line(line: Doc): Doc {
    const product = line.product as Doc | undefined;
    const unit = line.unit as Doc | undefined;
    return {
      ...line,
      ...(product ? { product: { productNumber: product.productNumber, self: this.link('products', product.productNumber as string) } } : {}),
      ...(unit ? { unit: this.unit(unit.unitNumber as number) } : {}),
      ...(line.departmentalDistribution ? { departmentalDistribution: this.departmentalDistribution(line.departmentalDistribution as Doc) } : {}),
    };
  }

  /** `self` as the recorded ones spell it: `departmental-distributions/<type>s/<n>`. */
  departmentalDistribution(ref: Doc): Doc {
    const type = typeof ref.distributionType === 'string' ? ref.distributionType : 'department';
    return { ...ref, distributionType: type, self: this.link('departmental-distributions', `${type}s`, ref.departmentalDistributionNumber as number) };
  }
}
