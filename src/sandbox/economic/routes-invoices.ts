import type { FastifyInstance } from 'fastify';
import { collection } from './collection';
import { ERROR_CODES, httpError, Issues, notFound } from './errors';
import { bodyObject, created, FILTERABLE, numberParam, type RouteDeps } from './routes-common';
import { normalizeSalesDocument, validateSalesDocument } from './sales-document';
import type { Doc, EconomicStore, SentBy } from './store';
import { Checker, isObject } from './validation';

/** Draft invoices (create, replace, delete) and booking (POST /invoices/booked). */
export function registerInvoiceRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, present } = deps;
  const showDraft = (doc: Doc): Doc => present.salesDocument('invoices/drafts', 'draftInvoiceNumber', doc);
  const showBooked = (doc: Doc): Doc => present.salesDocument('invoices/booked', 'bookedInvoiceNumber', doc);

  app.get('/invoices/drafts', async (request) => {
    const items = [...store.draftInvoices.entries()].sort(([a], [b]) => a - b).map(([, d]) => d.doc);
    return collection(request, items, { url: present.link('invoices', 'drafts'), filterable: FILTERABLE.draftInvoices, present: showDraft });
  });
  app.get('/invoices/drafts/:number', async (request) => showDraft(store.draftInvoice(numberParam(request, 'number')).doc));
  app.get('/invoices/drafts/:number/templates/booking-instructions', async (request) => {
    const n = numberParam(request, 'number');
    store.draftInvoice(n);
    return { draftInvoice: { draftInvoiceNumber: n, self: present.link('invoices', 'drafts', n) } };
  });

  app.post('/invoices/drafts', async (request, reply) => {
    const body = validateSalesDocument(request.body, store);
    const orderNumber = linkedOrder(body, store);
    const n = store.createDraftInvoice(normalizeSalesDocument(body, store), orderNumber);
    return created(reply, present.link('invoices', 'drafts', n), showDraft(store.draftInvoice(n).doc));
  });

  app.put('/invoices/drafts/:number', async (request) => {
    const n = numberParam(request, 'number');
    store.draftInvoice(n);
    const body = validateSalesDocument(request.body, store);
    store.replaceDraftInvoice(n, normalizeSalesDocument(body, store));
    return showDraft(store.draftInvoice(n).doc);
  });

  app.delete('/invoices/drafts/:number', async (request, reply) => {
    store.deleteDraftInvoice(numberParam(request, 'number'));
    return reply.code(204).send();
  });

  app.get('/invoices/booked', async (request) => {
    const items = [...store.bookedInvoices.entries()].sort(([a], [b]) => a - b).map(([, d]) => d);
    return collection(request, items, { url: present.link('invoices', 'booked'), filterable: FILTERABLE.bookedInvoices, present: showBooked });
  });
  app.get('/invoices/booked/:number', async (request) => {
    const doc = store.bookedInvoices.get(numberParam(request, 'number'));
    if (!doc) throw notFound();
    return showBooked(doc);
  });

  app.post('/invoices/booked', async (request, reply) => {
    const { draftNumber, sendBy, bookWithNumber } = validateBooking(bodyObject(request), store);
    const draft = store.draftInvoice(draftNumber);
    const recipientAddress = sendBy === undefined ? undefined : checkSendPrerequisites(sendBy, draft.doc, store);
    const booked = store.bookDraftInvoice(draftNumber, bookWithNumber, {});
    const n = booked.bookedInvoiceNumber as number;
    if (sendBy !== undefined && recipientAddress !== undefined) store.sentInvoices.push({ bookedInvoiceNumber: n, sentBy: sendBy, to: recipientAddress });
    return created(reply, present.link('invoices', 'booked', n), showBooked(booked));
  });
}

/** `orderNumber` comes from the upgrade-instructions template; it must name an existing order. */
function linkedOrder(body: Doc, store: EconomicStore): number | undefined {
  const n = body.orderNumber;
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !store.orders.has(n)) {
    const issues = new Issues();
    issues.add(['orderNumber'], ERROR_CODES.notFoundReference, 'The referenced order does not exist.', n);
    issues.throwIfAny();
  }
  return n as number;
}

interface Booking {
  draftNumber: number;
  sendBy: SentBy | undefined;
  bookWithNumber: number | undefined;
}

/** sendBy: the schema says `none`/`EAN`/`Email`, the prose `ean`; both spellings of EAN are accepted. */
const SEND_BY: Record<string, SentBy | 'none'> = { none: 'none', Email: 'Email', EAN: 'EAN', ean: 'EAN' };

function validateBooking(body: Doc, store: EconomicStore): Booking {
  const c = new Checker(store);
  const draftNumber = c.numRef(body, 'draftInvoice', [], { required: true, key: 'draftInvoiceNumber', exists: (n) => store.draftInvoices.has(n) });
  const bookWithNumber = c.number(body, 'bookWithNumber', [], { integer: true, min: 1, max: 999_999_999 });
  let sendBy: SentBy | 'none' | undefined;
  if (body.sendBy !== undefined) {
    sendBy = typeof body.sendBy === 'string' ? SEND_BY[body.sendBy] : undefined;
    if (sendBy === undefined) c.invalid(['sendBy'], "sendBy must be one of 'none', 'Email', 'EAN'.", body.sendBy);
  }
  c.issues.throwIfAny();
  return { draftNumber: draftNumber as number, sendBy: sendBy === 'none' ? undefined : sendBy, bookWithNumber };
}

/** Returns the address the invoice goes to, or refuses the booking before anything is booked. */
function checkSendPrerequisites(sendBy: SentBy, draft: Doc, store: EconomicStore): string {
  const customerNumber = (draft.customer as Doc).customerNumber as number;
  const customer = store.customers.get(customerNumber) ?? {};
  const recipient = isObject(draft.recipient) ? draft.recipient : {};
  if (sendBy === 'Email') {
    const email = typeof customer.email === 'string' ? customer.email.trim() : '';
    if (email) return email;
    throw refuseSend('sendBy', `The invoice cannot be sent by e-mail: customer ${customerNumber} has no e-mail address.`, 'Set the customer\'s email (or book without sendBy and send the PDF yourself).', sendBy);
  }
  const ean = [recipient.ean, customer.ean].find((v): v is string => typeof v === 'string' && v !== '');
  if (ean && /^\d{13}$/.test(ean)) return ean;
  throw refuseSend('sendBy', `The invoice cannot be sent by EAN: no valid 13-digit EAN on the recipient or customer ${customerNumber}.`, 'Set recipient.ean (13 digits) on the invoice or ean on the customer.', sendBy);
}

function refuseSend(field: string, message: string, hint: string, value: unknown): Error {
  return httpError(400, message, hint, { [field]: { errors: [{ errorCode: ERROR_CODES.invalidValue, message, value, developerHint: hint }] } });
}
