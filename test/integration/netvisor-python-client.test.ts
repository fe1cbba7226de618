import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { useNetvisorSandbox } from '../helpers/netvisor';

/**
 * The independent PyPI client `netvisor-api-client` (Heltti, installed by .ci/run into .ci/venv)
 * lists, reads and creates customers, products and sales invoices against the simulator and
 * reads them back (test/python/netvisor_client_roundtrip.py). It signs with its own MAC code and
 * parses with its own schemas, so a simulator answer it cannot read fails here.
 */
const PYTHON = path.resolve(__dirname, '../../.ci/venv/bin/python');
const SCRIPT = path.resolve(__dirname, '../python/netvisor_client_roundtrip.py');
const skip = existsSync(PYTHON) ? false : `no ${PYTHON}: run .ci/run (it installs netvisor-api-client into .ci/venv)`;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Out {
  customersBefore: { netvisor_key: number; code: string }[];
  createdCustomerKey: number;
  createdCustomer: { customer_base_information: { internal_identifier: string; name: string; city: string } };
  customersAfter: { netvisor_key: number; code: string; name: string }[];
  seedCustomer: { customer_base_information: { name: string } };
  createdProductKey: number;
  createdProduct: { product_base_information: { product_code: string; name: string; unit_price: { amount: string } } };
  productsAfter: { netvisor_key: number; product_code: string }[];
  seedInvoice: { number: number; amount: string };
  createdInvoiceKey: number;
  createdInvoice: { number: number; amount: string; invoicing_customer_name: string; payment_term_net_days: number; invoice_lines: unknown };
  invoicesAfter: { netvisor_key: number; number: number; customer_code: string }[];
}

describe('netvisor-api-client (PyPI) against the Netvisor simulator', { skip }, () => {
  const sandbox = useNetvisorSandbox();

  it('lists, reads, creates and reads back customers, products and sales invoices', async () => {
    const baseUrl = sandbox.config().baseUrl;
    const result = await run([baseUrl, JSON.stringify(NETVISOR_SANDBOX_CREDENTIALS)]);
    assert.equal(result.code, 0, `the client failed:\n${result.stderr}`);
    const out = JSON.parse(result.stdout) as Out;

    assert.deepEqual(out.customersBefore.map((c) => c.code).sort(), ['1001', '1002']);
    assert.equal(out.seedCustomer.customer_base_information.name, 'Oy Asiakas Ab');
    assert.deepEqual(
      [out.createdCustomer.customer_base_information.internal_identifier, out.createdCustomer.customer_base_information.name, out.createdCustomer.customer_base_information.city],
      ['3001', 'Pythonin Kauppa Oy', 'Jyväskylä'],
    );
    assert.ok(out.customersAfter.some((c) => c.netvisor_key === out.createdCustomerKey && c.code === '3001'));

    assert.deepEqual([out.createdProduct.product_base_information.product_code, out.createdProduct.product_base_information.name], ['PY-1', 'Pythonin hylly']);
    assert.equal(Number(out.createdProduct.product_base_information.unit_price.amount), 12.5);
    assert.ok(out.productsAfter.some((p) => p.netvisor_key === out.createdProductKey && p.product_code === 'PY-1'));

    assert.equal(out.seedInvoice.number, 1000);
    assert.equal(out.createdInvoice.invoicing_customer_name, 'Pythonin Kauppa Oy');
    assert.equal(Number(out.createdInvoice.amount), 31.38);
    assert.equal(out.createdInvoice.payment_term_net_days, 14);
    assert.ok(out.invoicesAfter.some((i) => i.netvisor_key === out.createdInvoiceKey && i.customer_code === '3001'));
  });
});
