import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { NetvisorClient } from '../../src/connectors/netvisor';
import { netvisorAuthHeaders } from '../../src/connectors/netvisor/signature';
import { NetvisorTransport } from '../../src/connectors/netvisor/transport';
import { useNetvisorSandbox } from '../helpers/netvisor';
import { externalDtd, NETVISOR_FIXTURES, netvisorDtdProblems, skipNetvisorDtd } from '../helpers/netvisor-dtd';

/**
 * Every Netvisor document rackbridge's connector sends is checked against Netvisor's own DTDs
 * (fixtures/netvisor/dtd) with libxml2's `xmllint --dtdvalid`, and the simulator's answers must
 * carry every element of the recorded real answers (fixtures/netvisor/responses).
 */
const FIXTURES = NETVISOR_FIXTURES;

describe('Netvisor documents against the published DTDs', { skip: skipNetvisorDtd }, () => {
  const sandbox = useNetvisorSandbox();

  it('every POST body the connector sends validates with xmllint --dtdvalid', async () => {
    const client = new NetvisorClient(sandbox.config());
    const customerKey = await client.addCustomer({ code: '2001', businessId: '2345678-9', name: 'Ääkkönen & Co', streetAddress: 'Katu 1', city: 'Oulu', postNumber: '90100', country: 'FI', phoneNumber: '040 1', email: 'a@example.fi', isActive: true, isPrivateCustomer: false, defaultPaymentTermKey: '1' });
    await client.editCustomer(customerKey, { name: 'Ääkkönen & Co Oy', city: 'Kemi' });
    const productKey = await client.addProduct({ code: 'P-300', group: 'Tuotteet', name: 'Pöytä', description: 'Iso', unitPrice: 49.9, unitPriceType: 'net', unit: 'kpl', isActive: true, isSalesProduct: true, defaultVatPercentage: 25.5 });
    await client.editProduct(productKey, { code: 'P-300', group: 'Tuotteet', name: 'Pöytä', unitPrice: 59.9, unitPriceType: 'net', isActive: false, isSalesProduct: true });
    const line = { productCode: 'P-300', productName: 'Pöytä', unitPrice: 49.9, vatPercentage: 0, vatCode: 'EUUM' as const, quantity: 2, discountPercentage: 5, freeText: 'vienti' };
    await client.addInvoice({ number: '1001', date: '2026-03-02', dueDate: '2026-03-16', deliveryDate: '2026-03-02', amount: 94.81, currency: 'EUR', status: 'open', ourReference: 'RB', yourReference: 'PO-1', privateComment: 'rackbridge', customerCode: '2001', paymentTermNetDays: 14, orderNumber: '77', lines: [line] });
    await client.addOrder({ number: '501', date: '2026-03-02', amount: 0, status: 'undelivered', customerCode: '2001', paymentTerm: 'customerdefault', lines: [line] });

    const { requests } = (await sandbox.control('GET', '/_sandbox/requests?system=netvisor&method=POST')) as { requests: { path: string; body: string }[] };
    assert.deepEqual(netvisorDtdProblems(requests), []);
    const seen = new Set(requests.map((r) => r.path.replace(/^\//, '').toLowerCase()));
    assert.deepEqual([...seen].sort(), ['customer.nv', 'product.nv', 'salesinvoice.nv']);
    assert.equal(requests.length, 6);
  });

  it('the DTD check can fail: a document out of DTD order is refused by xmllint', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nv-dtd-'));
    const file = path.join(dir, 'bad.xml');
    writeFileSync(file, '<root><product><productbaseinformation><name>x</name><productgroup>g</productgroup><unitprice type="net">1,00</unitprice><isactive>1</isactive><issalesproduct>1</issalesproduct></productbaseinformation></product></root>');
    assert.notEqual(spawnSync('xmllint', ['--noout', '--dtdvalid', externalDtd('product', dir), file]).status, 0);
  });
});

/** Every element path (lower-cased) of an XML document, below `Root`. */
function elementPaths(xml: string): Set<string> {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true });
  const paths = new Set<string>();
  const walk = (nodes: Record<string, unknown>[], prefix: string) => {
    for (const node of nodes) {
      for (const [name, value] of Object.entries(node)) {
        if (name === '#text' || name === ':@' || name.startsWith('?')) continue;
        const here = `${prefix}/${name.toLowerCase()}`;
        paths.add(here);
        if (Array.isArray(value)) walk(value as Record<string, unknown>[], here);
      }
    }
  };
  walk(parser.parse(xml) as Record<string, unknown>[], '');
  return paths;
}

describe('Netvisor simulator answers against the recorded real answers', { skip: existsSync(FIXTURES) ? false : `no Netvisor fixtures at ${FIXTURES}` }, () => {
  const sandbox = useNetvisorSandbox();

  /** The simulator's answer as text, signed as the connector signs (the connector itself parses, which would hide the shape). */
  async function rawGet(resource: string, query: Record<string, string>): Promise<string> {
    const c = sandbox.config();
    const url = new NetvisorTransport(c).url(resource, query);
    const headers = netvisorAuthHeaders({ url, sender: c.sender, customerId: c.customerId, customerKey: c.customerKey, partnerId: c.partnerId, partnerKey: c.partnerKey, organisationId: c.organisationId, language: 'EN', now: new Date(), transactionId: randomUUID() });
    return (await fetch(url, { headers })).text();
  }

  it('reads an ISO-8859-15 body (the charset Netvisor asks for) as ISO-8859-15: € and ä survive', async () => {
    const c = sandbox.config();
    const url = new NetvisorTransport(c).url('customer.nv', { method: 'add' });
    const headers = netvisorAuthHeaders({ url, sender: c.sender, customerId: c.customerId, customerKey: c.customerKey, partnerId: c.partnerId, partnerKey: c.partnerKey, organisationId: c.organisationId, language: 'EN', now: new Date(), transactionId: randomUUID() });
    // ä is 0xE4 in both ISO-8859-1 and -15; € is 0xA4 only in ISO-8859-15 (¤ in ISO-8859-1).
    const body = Buffer.concat([
      Buffer.from('<root><customer><customerbaseinformation><internalidentifier>2100</internalidentifier><name>Pääkkönen ', 'latin1'),
      Buffer.from([0xa4]),
      Buffer.from(' Oy</name></customerbaseinformation></customer></root>', 'latin1'),
    ]);
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/xml; charset=ISO-8859-15' }, body });
    assert.match(await res.text(), /<Status>OK<\/Status>/);
    const state = (await sandbox.control('GET', '/_sandbox/netvisor/state')) as { customers: { code: string; base: { name: string } }[] };
    assert.equal(state.customers.find((x) => x.code === '2100')?.base.name, 'Pääkkönen € Oy');
  });

  for (const [resource, query, samples] of [
    ['getsalesinvoice.nv', { netvisorkey: '' }, ['fastmonkeys/GetSalesInvoiceMinimal.xml', 'heltti/GetSalesInvoiceMinimal.xml']],
    ['getcustomer.nv', { id: '' }, ['fastmonkeys/GetCustomerMinimal.xml']],
  ] as const) {
    it(`${resource} has every element of ${samples.join(', ')}`, async () => {
      const state = (await sandbox.control('GET', '/_sandbox/netvisor/state')) as { customers: { key: number }[]; documents: { key: number; kind: string }[] };
      const key = resource === 'getcustomer.nv' ? state.customers[1]!.key : state.documents.find((d) => d.kind === 'invoice')!.key;
      const answer = elementPaths(await rawGet(resource, { [Object.keys(query)[0]!]: String(key) }));
      for (const sample of samples) {
        const file = path.join(FIXTURES, 'responses', sample);
        if (!existsSync(file)) continue;
        const missing = [...elementPaths(readFileSync(file, 'utf8'))].filter((p) => !answer.has(p));
        assert.deepEqual(missing, [], `the simulator's ${resource} lacks elements of ${sample}`);
      }
    });
  }
});
