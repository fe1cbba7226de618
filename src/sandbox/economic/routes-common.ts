import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, httpError } from './errors';
import type { Filterable } from './filter';
import type { Presenter } from './present';
import type { Doc, EconomicStore } from './store';

export interface RouteDeps {
  store: EconomicStore;
  present: Presenter;
}

export function numberParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string>)[name];
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`'${raw}' is not a valid ${name}.`, `${name} is an integer.`);
  return n;
}

export function created(reply: FastifyReply, location: string, body: unknown): FastifyReply {
  return reply.code(201).header('Location', location).send(body);
}

export function bodyObject(request: FastifyRequest): Doc {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.', 'Send the document as a JSON object.');
  return body as Doc;
}

/**
 * restdocs: creating or changing orders through /orders is not available on agreements with
 * the inventory module. 403 because the docs reserve it for "the grant lacks access"; the
 * status is the simulator's choice (docs silent).
 */
export function assertOrdersWritable(store: EconomicStore): void {
  if (!store.agreement.inventoryModule) return;
  throw httpError(
    403,
    'Orders cannot be created or changed through the API on agreements with the inventory module (Lager).',
    'The agreement has module 15 (Lager). Create invoices directly via /invoices/drafts instead of orders.',
  );
}

const RECIPIENT_AND_DELIVERY: Filterable = {
  'recipient.name': 'string', 'recipient.address': 'string', 'recipient.zip': 'string', 'recipient.city': 'string', 'recipient.country': 'string',
  'recipient.ean': 'string', 'recipient.publicEntryNumber': 'string', 'deliveryLocation.deliveryLocationNumber': 'number',
  'delivery.address': 'string', 'delivery.zip': 'string', 'delivery.city': 'string', 'delivery.country': 'string', 'delivery.deliveryTerms': 'string', 'delivery.deliveryDate': 'string',
  'notes.heading': 'string', 'notes.textLine1': 'string', 'notes.textLine2': 'string',
  'references.customerContact.customer.customerNumber': 'number', 'references.salesPerson.employeeNumber': 'number', 'references.vendorReference.employeeNumber': 'number',
  'references.other': 'string', date: 'string', currency: 'string', exchangeRate: 'number',
  'paymentTerms.paymentTermsNumber': 'number', 'customer.customerNumber': 'number',
};

/** Filterable properties per collection, from the `"filterable": true` marks in the published schemas. */
export const FILTERABLE = {
  orders: { ...RECIPIENT_AND_DELIVERY, orderNumber: 'number', lastUpdated: 'string', 'soap.orderHandle.id': 'number' },
  draftInvoices: { ...RECIPIENT_AND_DELIVERY, draftInvoiceNumber: 'number', lastUpdated: 'string', 'soap.currentInvoiceHandle.id': 'number' },
  bookedInvoices: { ...RECIPIENT_AND_DELIVERY, bookedInvoiceNumber: 'number', 'recipient.vatZone.vatZoneNumber': 'number' },
  customers: {
    address: 'string', balance: 'number', barred: 'boolean', city: 'string', corporateIdentificationNumber: 'string', country: 'string', creditLimit: 'number',
    currency: 'string', customerNumber: 'number', ean: 'string', email: 'string', lastUpdated: 'string', name: 'string', publicEntryNumber: 'string',
    telephoneAndFaxNumber: 'string', mobilePhone: 'string', vatNumber: 'string', website: 'string', zip: 'string', 'customerGroup.customerGroupNumber': 'number',
  },
  products: {
    productNumber: 'string', description: 'string', name: 'string', costPrice: 'number', recommendedPrice: 'number', salesPrice: 'number', barCode: 'string',
    barred: 'boolean', lastUpdated: 'string', 'unit.unitNumber': 'number', 'productGroup.productGroupNumber': 'number',
  },
  none: {},
} satisfies Record<string, Filterable>;
