import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { NetvisorStore } from './store';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const periodsBody = z
  .object({
    /** null clears the lock. */
    accountingLockDate: isoDate.nullable().optional(),
    vatLockDate: isoDate.nullable().optional(),
    fiscalYears: z.array(z.object({ name: z.string().min(1), begin: isoDate, end: isoDate }).strict()).optional(),
  })
  .strict();
const vatBody = z.object({ codes: z.record(z.string().min(1), z.array(z.number().nonnegative())) }).strict();
const numbersBody = z.object({ invoice: z.number().int().positive().optional(), order: z.number().int().positive().optional() }).strict();
const charactersBody = z.object({ characters: z.array(z.string().length(1)) }).strict();

/**
 * Control API under `/_sandbox/netvisor`: set the accounting period state, the VAT table, the
 * largest used document numbers and the product-name characters Netvisor refuses; read the state.
 * Faults, rate limits, the request log and reset are the shared `/_sandbox/*` routes.
 */
export function registerNetvisorControl(app: FastifyInstance, store: NetvisorStore): void {
  app.put('/periods', async (request) => {
    const body = periodsBody.parse(request.body);
    const next = { ...store.periods };
    if (body.accountingLockDate !== undefined) {
      if (body.accountingLockDate === null) delete next.accountingLockDate;
      else next.accountingLockDate = body.accountingLockDate;
    }
    if (body.vatLockDate !== undefined) {
      if (body.vatLockDate === null) delete next.vatLockDate;
      else next.vatLockDate = body.vatLockDate;
    }
    if (body.fiscalYears) next.fiscalYears = body.fiscalYears.map((y) => ({ ...y, key: store.key() }));
    store.periods = next;
    return store.periods;
  });

  app.put('/vat-codes', async (request) => {
    store.vatTable = vatBody.parse(request.body).codes;
    return store.vatTable;
  });

  /**
   * Records an existing document with this number (one made outside rackbridge, e.g. by hand in
   * Netvisor), so it becomes the largest used number and shows up in salesinvoicelist.nv.
   */
  app.put('/numbers', async (request) => {
    const body = numbersBody.parse(request.body);
    for (const kind of ['invoice', 'order'] as const) {
      const number = body[kind];
      if (number === undefined || store.documentByNumber(kind, String(number))) continue;
      const key = store.key();
      store.documents.set(key, {
        key,
        kind,
        number: String(number),
        date: '2026-01-01',
        amount: 0,
        status: kind === 'invoice' ? 'open' : 'delivered',
        customerCode: '',
        customerName: 'Made outside rackbridge',
        lines: [],
      });
    }
    return { invoice: store.largestNumber('invoice'), order: store.largestNumber('order') };
  });

  /** Deletes a document, as a person may delete an unsent invoice in Netvisor. */
  app.delete('/documents/:kind/:number', async (request, reply) => {
    const { kind, number } = request.params as { kind: string; number: string };
    const doc = kind === 'invoice' || kind === 'order' ? store.documentByNumber(kind, number) : undefined;
    if (!doc) return reply.code(404).send({ error: `no ${kind} ${number}` });
    store.documents.delete(doc.key);
    return { deleted: { kind, number } };
  });

  /** After the next added document, `count` list calls leave it out, as a lagging list would (unconfirmed upstream; for testing DUPLICATE_DATA). */
  app.put('/list-lag', async (request) => {
    store.lagNextAdd = z.object({ count: z.number().int().nonnegative() }).strict().parse(request.body).count;
    return { count: store.lagNextAdd };
  });

  app.put('/product-name-characters', async (request) => {
    store.forbiddenNameCharacters = charactersBody.parse(request.body).characters;
    return { characters: store.forbiddenNameCharacters };
  });

  app.get('/state', async () => ({
    customers: [...store.customers.values()],
    products: [...store.products.values()],
    documents: [...store.documents.values()],
    periods: store.periods,
    vatTable: store.vatTable,
    forbiddenNameCharacters: store.forbiddenNameCharacters,
    largestNumbers: { invoice: store.largestNumber('invoice'), order: store.largestNumber('order') },
  }));
}
