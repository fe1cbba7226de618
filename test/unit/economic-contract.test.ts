import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { hasInventoryModule } from '../../src/connectors/economic';
import * as s from '../../src/connectors/economic/schemas';

/** Recorded real responses (traels-it/economic-rest), when the shared fixtures are checked out next to the repo. */
const FIXTURES = '/work/shared/fixtures/economic/responses';
const available = existsSync(FIXTURES);

const cases: [string, z.ZodType][] = [
  ['self.json', s.selfSchema],
  ['customer.json', s.customerSchema],
  ['product.json', s.productSchema],
  ['orders_drafts_one.json', s.orderSchema],
  ['orders_sent_one.json', s.orderSchema],
  ['orders_archived_one.json', s.orderSchema],
  ['orders_drafts.json', s.collectionSchema(s.orderSchema)],
  ['create_draft_invoice.json', s.draftInvoiceSchema],
  ['create_booked_invoice.json', s.bookedInvoiceSchema],
  ['create_booked_invoice_with_ean.json', s.bookedInvoiceSchema],
  ['invoice_book.json', s.bookedInvoiceSchema],
  ['vat_zones.json', s.collectionSchema(s.vatZoneSchema)],
  ['payment_terms.json', s.collectionSchema(s.paymentTermsSchema)],
  ['layouts.json', s.collectionSchema(s.layoutSchema)],
  ['product_groups.json', s.collectionSchema(s.productGroupSchema)],
  ['journals_0.json', s.collectionSchema(s.journalSchema)],
];

describe('recorded e-conomic responses', { skip: available ? false : 'shared fixtures not present' }, () => {
  for (const [file, schema] of cases) {
    it(`${file} parses with the connector's schema`, () => {
      const result = schema.safeParse(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
      assert.equal(result.success, true, result.error?.message);
    });
  }

  it('the recorded agreement has the inventory module', () => {
    const self = s.selfSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'self.json'), 'utf8')));
    assert.equal(hasInventoryModule(self), true);
  });

  it('booked invoices keep orderNumber and remainder exactly as recorded', () => {
    const booked = s.bookedInvoiceSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'create_booked_invoice.json'), 'utf8')));
    assert.deepEqual([booked.orderNumber, booked.remainder, booked.grossAmount], [148, 10, 10]);
  });
});
