import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decideBooked,
  decideCredit,
  decideDraftStep,
  decideOrderStep,
  draftLookups,
  lookForBookedInvoice,
  type OrderDecisionSettings,
  readKnownDraftOnly,
} from '../../src/domain/order';

/* The order lifecycle's decisions, without Temporal or e-conomic: which document to look up, create, update, book or credit. */

const flags = (set: Partial<{ booked: boolean; shipped: boolean; cancelled: boolean }>) => ({ booked: false, shipped: false, cancelled: false, ...set });
const orderOnShipped: OrderDecisionSettings = { documentType: 'order', invoiceWhen: 'shipped' };
const invoiceOnBooked: OrderDecisionSettings = { documentType: 'invoice', invoiceWhen: 'booked' };

describe('decideOrderStep: the first step from what the lookups found', () => {
  test('an order neither booked nor cancelled waits, whatever exists', () => {
    assert.deepEqual(decideOrderStep(flags({}), { bookedInvoiceNumber: 7 }), { kind: 'wait' });
    assert.deepEqual(decideOrderStep(flags({ shipped: true }), {}), { kind: 'wait' });
  });
  test('a booked order with nothing in e-conomic creates the draft', () => {
    assert.deepEqual(decideOrderStep(flags({ booked: true }), {}), { kind: 'create' });
  });
  test('a booked order with a draft continues from it instead of creating a second', () => {
    assert.deepEqual(decideOrderStep(flags({ booked: true }), { draft: { type: 'order', number: 3 } }), { kind: 'adopt-draft', draft: { type: 'order', number: 3 } });
  });
  test('a booked invoice found is taken as is; cancelled, it is credited', () => {
    assert.deepEqual(decideOrderStep(flags({ booked: true, shipped: true }), { bookedInvoiceNumber: 20001 }), { kind: 'adopt-booked', bookedInvoiceNumber: 20001 });
    assert.deepEqual(decideOrderStep(flags({ booked: true, cancelled: true }), { bookedInvoiceNumber: 20001, draft: { type: 'invoice', number: 9 } }), { kind: 'credit', bookedInvoiceNumber: 20001 });
  });
  test('cancelled: a draft is deleted, nothing found means nothing to undo', () => {
    assert.deepEqual(decideOrderStep(flags({ cancelled: true }), { draft: { type: 'invoice', number: 9 } }), { kind: 'delete-draft', draft: { type: 'invoice', number: 9 } });
    assert.deepEqual(decideOrderStep(flags({ cancelled: true }), {}), { kind: 'cancelled-before' });
  });
});

describe('which lookups the first step makes', () => {
  test('a booked invoice is looked for only at the trigger or on a cancel', () => {
    assert.equal(lookForBookedInvoice(flags({ booked: true }), orderOnShipped), false);
    assert.equal(lookForBookedInvoice(flags({ booked: true, shipped: true }), orderOnShipped), true);
    assert.equal(lookForBookedInvoice(flags({ booked: true }), invoiceOnBooked), true);
    assert.equal(lookForBookedInvoice(flags({ cancelled: true }), orderOnShipped), true);
  });
  test('before the trigger only the draft type in use is looked for', () => {
    assert.deepEqual(draftLookups(flags({ booked: true }), orderOnShipped, false), { draftInvoice: false, draftOrder: true });
    assert.deepEqual(draftLookups(flags({ booked: true }), { documentType: 'invoice', invoiceWhen: 'shipped' }, false), { draftInvoice: true, draftOrder: false });
  });
  test('the inventory module turns an order into a draft invoice', () => {
    assert.deepEqual(draftLookups(flags({ booked: true }), orderOnShipped, true), { draftInvoice: true, draftOrder: false });
  });
  test('at the trigger or cancelled both drafts are looked for', () => {
    assert.deepEqual(draftLookups(flags({ booked: true, shipped: true }), orderOnShipped, false), { draftInvoice: true, draftOrder: true });
    assert.deepEqual(draftLookups(flags({ cancelled: true }), { documentType: 'invoice', invoiceWhen: 'shipped' }, false), { draftInvoice: true, draftOrder: true });
  });
});

describe('decideDraftStep: update, wait or invoice', () => {
  const order = { type: 'order' as const, number: 5 };
  test('a changed order updates the draft found as a draft, then waits before the trigger', () => {
    assert.deepEqual(decideDraftStep({ draft: order, draftRevision: 'r1', revision: 'r2', from: { step: 'register-sent', orderNumber: 5 }, reached: false }), { draftNumber: 5, update: true, then: 'wait' });
  });
  test('an unchanged order writes nothing and waits; at the trigger it invoices', () => {
    assert.deepEqual(decideDraftStep({ draft: order, draftRevision: 'r1', revision: 'r1', from: { step: 'register-sent', orderNumber: 5 }, reached: false }), { draftNumber: 5, update: false, then: 'wait' });
    assert.deepEqual(decideDraftStep({ draft: order, draftRevision: 'r1', revision: 'r2', from: { step: 'register-sent', orderNumber: 5 }, reached: true }), { draftNumber: 5, update: true, then: 'invoice' });
  });
  test('a draft invoice is updated by its own number', () => {
    assert.deepEqual(decideDraftStep({ draft: { type: 'invoice', number: 8 }, draftRevision: 'a', revision: 'b', from: { step: 'book', draftInvoiceNumber: 8 }, reached: false }), { draftNumber: 8, update: true, then: 'wait' });
  });
  test('documents past the draft (an earlier attempt upgraded or booked) are never updated: invoicing continues from there', () => {
    assert.deepEqual(decideDraftStep({ draft: order, draftRevision: 'r1', revision: 'r2', from: { step: 'book', draftInvoiceNumber: 8 }, reached: false }), { draftNumber: undefined, update: false, then: 'invoice' });
    assert.deepEqual(decideDraftStep({ draft: order, draftRevision: 'r1', revision: 'r2', from: { step: 'done', bookedInvoiceNumber: 20001 }, reached: false }), { draftNumber: undefined, update: false, then: 'invoice' });
  });
  test('the known draft is read by number only on the first attempt of a trusted state', () => {
    assert.equal(readKnownDraftOnly(true, 1), true);
    assert.equal(readKnownDraftOnly(true, 2), false);
    assert.equal(readKnownDraftOnly(undefined, 1), false);
  });
});

describe('credit notes: at most one', () => {
  test('a booked credit note is adopted, a draft one is booked, otherwise one is created', () => {
    assert.deepEqual(decideCredit({ bookedNumber: 30001, draftNumber: 4 }), { kind: 'adopt', creditNoteNumber: 30001 });
    assert.deepEqual(decideCredit({ draftNumber: 4 }), { kind: 'book-draft', draftNumber: 4 });
    assert.deepEqual(decideCredit({}), { kind: 'create-and-book' });
  });
  test('a booked order is credited only when cancelled', () => {
    assert.equal(decideBooked({ cancelled: true }), 'credit');
    assert.equal(decideBooked({ cancelled: false }), 'keep');
  });
});
