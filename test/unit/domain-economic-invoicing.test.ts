import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextInvoicingStep, sameInvoicingStep } from '../../src/domain/economic';

describe('nextInvoicingStep: the furthest stage found by reference decides the next write', () => {
  test('a booked invoice means done, whatever else is found', () => {
    assert.deepEqual(nextInvoicingStep({ bookedInvoiceNumber: 20001, draftInvoiceNumber: 7, orders: [{ state: 'drafts', orderNumber: 3 }] }), { step: 'done', bookedInvoiceNumber: 20001 });
  });

  test('a draft invoice is booked next, even beside an archived order', () => {
    assert.deepEqual(nextInvoicingStep({ draftInvoiceNumber: 7, orders: [{ state: 'archived', orderNumber: 3 }] }), { step: 'book', draftInvoiceNumber: 7 });
  });

  test('a sent order is upgraded; a draft order is registered as sent first', () => {
    assert.deepEqual(nextInvoicingStep({ orders: [{ state: 'sent', orderNumber: 3 }] }), { step: 'upgrade', orderNumber: 3 });
    assert.deepEqual(nextInvoicingStep({ orders: [{ state: 'drafts', orderNumber: 4 }] }), { step: 'register-sent', orderNumber: 4 });
  });

  test('nothing found, or only an archived order without its invoice, is missing (naming the archived order)', () => {
    assert.deepEqual(nextInvoicingStep({ orders: [] }), { step: 'missing' });
    assert.deepEqual(nextInvoicingStep({ orders: [{ state: 'archived', orderNumber: 3 }] }), { step: 'missing', archivedOrderNumber: 3 });
  });

  test('sameInvoicingStep tells a stale stage from a real refusal', () => {
    assert.equal(sameInvoicingStep({ step: 'book', draftInvoiceNumber: 7 }, { step: 'book', draftInvoiceNumber: 7 }), true);
    assert.equal(sameInvoicingStep({ step: 'book', draftInvoiceNumber: 7 }, { step: 'done', bookedInvoiceNumber: 20001 }), false);
  });
});
