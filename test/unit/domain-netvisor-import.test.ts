import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatImportSummary, parseInput } from '../../src/cli/import';
import type { Customer, Product } from '../../src/connectors/netvisor';
import type { RackbeatCustomer, RackbeatProduct } from '../../src/connectors/rackbeat';
import { customerNumberFromCode, IMPORT_REASONS, planCustomerImport, planProductImport, productNumberFromCode, resolveProductGroup } from '../../src/domain/netvisor/import-mapping';
import { importWorkflowId } from '../../src/workflows/import/contract';
import { ImportTally, MAX_LISTED_ITEMS } from '../../src/workflows/import/progress';

const netvisorCustomer: Customer = {
  netvisorKey: '101',
  code: '1001',
  businessId: '1967543-8',
  name: 'Oy  Asiakas Ab ',
  streetAddress: 'Pajukuja 2',
  city: 'Lappeenranta',
  postNumber: '53100',
  country: 'fi',
  email: 'osto@asiakas.fi',
  isActive: true,
};

const rackbeatCustomer: RackbeatCustomer = {
  number: 1001,
  name: 'Oy Asiakas Ab',
  company_vat: 'FI19675438',
  address_street: 'Pajukuja 2',
  address_zipcode: '53 100',
  address_city: 'Lappeenranta',
  address_country: 'FI',
  contact_email: 'OSTO@asiakas.fi',
  is_barred: false,
};

const netvisorProduct: Product = { netvisorKey: '201', code: 'P-100', group: 'Varer', name: 'Hylly', unitPrice: 49.9, unit: 'kpl', isActive: true, isSalesProduct: true };
const rackbeatProduct: RackbeatProduct = { number: 'P-100', name: 'Hylly', sales_price: 49.9, stock_quantity: 0, in_order_quantity: 0, available_quantity: 0, group_id: 1, is_barred: false };
const groups = [
  { number: 1, name: 'Varer' },
  { number: 2, name: 'Ydelser' },
];

describe('Netvisor import: numbers', () => {
  test('a customer code becomes a Rackbeat customer number only when it is digits not starting with 0', () => {
    assert.deepEqual(customerNumberFromCode(' 1001 '), { ok: true, number: 1001 });
    assert.deepEqual(customerNumberFromCode(''), { ok: false, reason: IMPORT_REASONS.noCustomerNumber });
    assert.deepEqual(customerNumberFromCode('0123'), { ok: false, reason: IMPORT_REASONS.badCustomerNumber, detail: "'0123': digits only, not starting with 0" });
    assert.deepEqual(customerNumberFromCode('A-1'), { ok: false, reason: IMPORT_REASONS.badCustomerNumber, detail: "'A-1': digits only, not starting with 0" });
    assert.equal(customerNumberFromCode('99999999999').ok, false);
  });

  test('a product code is a Rackbeat number unless empty, with whitespace or control characters, or too long', () => {
    assert.deepEqual(productNumberFromCode('DESK/120'), { ok: true, number: 'DESK/120' });
    assert.deepEqual(productNumberFromCode(' '), { ok: false, reason: IMPORT_REASONS.noProductCode });
    assert.deepEqual(productNumberFromCode('P 400'), { ok: false, reason: IMPORT_REASONS.badProductNumber, detail: "'P 400' contains whitespace" });
    assert.equal(productNumberFromCode('X'.repeat(51)).ok, false);
  });

  test('the workflow id names connection and kind', () => {
    assert.equal(importWorkflowId('acme', 'customers'), 'import:acme:netvisor-customers');
    assert.equal(importWorkflowId('acme', 'products'), 'import:acme:netvisor-products');
  });
});

describe('Netvisor import: customers', () => {
  test('a new customer is created with the fields of Netvisor’s Rackbeat integration', () => {
    assert.deepEqual(planCustomerImport(netvisorCustomer, undefined), {
      action: 'create',
      input: {
        number: 1001,
        name: 'Oy Asiakas Ab',
        company_vat: '1967543-8',
        address_street: 'Pajukuja 2',
        address_zipcode: '53100',
        address_city: 'Lappeenranta',
        address_country: 'FI',
        contact_email: 'osto@asiakas.fi',
        is_barred: false,
      },
    });
  });

  test('the same details written differently (spaces, e-mail case, business id format) are unchanged', () => {
    assert.deepEqual(planCustomerImport(netvisorCustomer, rackbeatCustomer), { action: 'skip', reason: 'unchanged' });
  });

  test('only the fields that differ are updated, and an empty Netvisor field never blanks Rackbeat', () => {
    const { email: _email, ...withoutEmail } = netvisorCustomer;
    const moved: Customer = { ...withoutEmail, streetAddress: 'Kauppakatu 1', isActive: false };
    assert.deepEqual(planCustomerImport(moved, rackbeatCustomer), { action: 'update', changes: { address_street: 'Kauppakatu 1', is_barred: true }, fields: ['address_street', 'is_barred'] });
  });

  test('a customer without a code is skipped with its reason; country defaults to FI', () => {
    assert.deepEqual(planCustomerImport({ ...netvisorCustomer, code: '' }, undefined), { action: 'skip', reason: 'no customer number' });
    const noCountry = { ...netvisorCustomer };
    delete noCountry.country;
    const plan = planCustomerImport(noCountry, undefined);
    assert.equal(plan.action === 'create' && plan.input.address_country, 'FI');
  });
});

describe('Netvisor import: products', () => {
  test('the Netvisor group maps to the Rackbeat group of the same name, else to the default, else the product is skipped', () => {
    assert.deepEqual(resolveProductGroup(' varer ', groups), { number: 1, byName: true });
    assert.deepEqual(resolveProductGroup('Tuotteet', groups, 2), { number: 2, byName: false });
    assert.equal(resolveProductGroup('Tuotteet', groups), undefined);
    assert.deepEqual(planProductImport({ ...netvisorProduct, group: 'Tuotteet' }, undefined, groups), {
      action: 'skip',
      reason: IMPORT_REASONS.noProductGroup,
      detail: "'Tuotteet': create it in Rackbeat or pass a default product group",
    });
  });

  test('a new product is created; an equal one is unchanged; a new price updates only the price', () => {
    assert.deepEqual(planProductImport(netvisorProduct, undefined, groups), { action: 'create', input: { number: 'P-100', name: 'Hylly', group: 1, sales_price: 49.9, is_barred: false } });
    assert.deepEqual(planProductImport(netvisorProduct, rackbeatProduct, groups), { action: 'skip', reason: 'unchanged' });
    assert.deepEqual(planProductImport({ ...netvisorProduct, unitPrice: 54.9 }, rackbeatProduct, groups), { action: 'update', changes: { sales_price: 54.9 }, fields: ['sales_price'] });
  });

  test('a product moved to another group in Rackbeat stays there when its group came from the default', () => {
    const moved = { ...rackbeatProduct, group_id: 2 };
    assert.deepEqual(planProductImport({ ...netvisorProduct, group: 'Tuotteet' }, moved, groups, 1), { action: 'skip', reason: 'unchanged' });
    assert.deepEqual(planProductImport(netvisorProduct, moved, groups), { action: 'update', changes: { group: 1 }, fields: ['group'] });
  });
});

describe('Netvisor import: progress and summary', () => {
  test('counts every outcome, per reason, and lists only the problems, up to a cap', () => {
    const tally = new ImportTally({ connectionId: 'acme', kind: 'customers', startedAt: '2026-11-22T00:00:00.000Z' });
    tally.add([{ ref: 'customer 1', action: 'created' }, { ref: 'customer 2', action: 'skipped', reason: 'unchanged' }, { ref: 'customer 3', action: 'skipped', reason: 'no customer number' }], 3);
    const problems = Array.from({ length: MAX_LISTED_ITEMS + 5 }, (_, i) => ({ ref: `customer x${i}`, action: 'failed' as const, reason: 'rejected by Rackbeat' }));
    tally.add(problems, 2);
    tally.complete('2026-11-22T00:01:00.000Z');
    const p = tally.snapshot();
    assert.deepEqual({ done: p.done, total: p.total, created: p.created, skipped: p.skipped, failed: p.failed, state: p.state }, { done: 208, total: 208, created: 1, skipped: 2, failed: 205, state: 'completed' });
    assert.deepEqual(p.reasons, { unchanged: 1, 'no customer number': 1, 'rejected by Rackbeat': 205 });
    assert.equal(p.items.length, MAX_LISTED_ITEMS);
    assert.equal(p.itemsOmitted, 6);
    assert.deepEqual(p.items[0], { ref: 'customer 3', action: 'skipped', reason: 'no customer number' });
  });

  test('the summary shows the counts, the reasons and the problem records', () => {
    const tally = new ImportTally({ connectionId: 'acme', kind: 'products', startedAt: '2026-11-22T00:00:00.000Z' });
    tally.add([{ ref: 'product P-1', action: 'created' }, { ref: 'product P 2', action: 'skipped', reason: IMPORT_REASONS.badProductNumber, detail: "'P 2' contains whitespace" }, { ref: 'product P-3', action: 'skipped', reason: 'unchanged' }], 3);
    tally.complete('2026-11-22T00:01:00.000Z');
    assert.equal(
      formatImportSummary(tally.snapshot()),
      [
        'Netvisor products → Rackbeat (connection acme): completed',
        '  created  1',
        '  updated  0',
        '  skipped  2',
        '  failed   0',
        '  total    3',
        'Skipped and failed, by reason:',
        '       1  product code is not a valid Rackbeat product number',
        '       1  unchanged',
        'Records skipped (other than unchanged) or failed:',
        "  product P 2  skipped  product code is not a valid Rackbeat product number: 'P 2' contains whitespace",
      ].join('\n'),
    );
  });

  test('the command accepts only netvisor → rackbeat, a known kind and a numeric product group', () => {
    assert.deepEqual(parseInput('products', { from: 'netvisor', to: 'rackbeat', connection: 'acme', productGroup: '3' }), { connectionId: 'acme', kind: 'products', defaultProductGroup: 3 });
    const problem = (kind: string, opts: Parameters<typeof parseInput>[1]): string => {
      const parsed = parseInput(kind, opts);
      return typeof parsed === 'string' ? parsed : 'accepted';
    };
    assert.match(problem('orders', { from: 'netvisor', to: 'rackbeat', connection: 'acme' }), /not one of: customers, products/);
    assert.match(problem('customers', { from: 'economic', to: 'rackbeat', connection: 'acme' }), /only --from netvisor --to rackbeat/);
    assert.match(problem('products', { from: 'netvisor', to: 'rackbeat', connection: 'acme', productGroup: 'x' }), /--product-group must be/);
  });
});
