import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { NETVISOR_SANDBOX_CREDENTIALS as C } from '../../src/sandbox/netvisor/credentials';
import { createSandbox } from '../../src/sandbox/server';

const sandbox = createSandbox();
let baseUrl = '';

interface Overrides {
  transactionId?: string;
  now?: Date;
  mac?: string;
  customerKey?: string;
  useStatusCodes?: boolean;
}

/** Signs like Netvisor's docs say, written here without the connector's code. */
async function call(method: 'GET' | 'POST', pathAndQuery: string, body?: string, o: Overrides = {}): Promise<{ status: number; text: string }> {
  const url = `${baseUrl}/netvisor/${pathAndQuery}`;
  const now = o.now ?? new Date();
  const timestamp = now.toISOString().slice(0, 19).replace('T', ' ') + '.000';
  const unix = String(Math.floor(now.getTime() / 1000));
  const tx = o.transactionId ?? randomUUID();
  const customerKey = o.customerKey ?? C.customerKey;
  const message = [url, C.sender, C.customerId, timestamp, 'FI', C.organisationId, tx, unix, customerKey, C.partnerKey].join('&');
  const mac = o.mac ?? createHmac('sha256', `${customerKey}&${C.partnerKey}`).update(message, 'latin1').digest('hex');
  const res = await fetch(url, {
    method,
    headers: {
      'X-Netvisor-Authentication-Sender': C.sender,
      'X-Netvisor-Authentication-CustomerId': C.customerId,
      'X-Netvisor-Authentication-PartnerId': C.partnerId,
      'X-Netvisor-Authentication-Timestamp': timestamp,
      'X-Netvisor-Authentication-TimestampUnix': unix,
      'X-Netvisor-Authentication-TransactionId': tx,
      'X-Netvisor-Interface-Language': 'FI',
      'X-Netvisor-Organisation-ID': C.organisationId,
      'X-Netvisor-Authentication-MAC': mac,
      'X-Netvisor-Authentication-MACHashCalculationAlgorithm': 'HMACSHA256',
      ...(o.useStatusCodes === false ? {} : { 'X-Netvisor-Authentication-UseHTTPResponseStatusCodes': '1' }),
      ...(body === undefined ? {} : { 'Content-Type': 'text/xml' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, text: await res.text() };
}

function failure(text: string): string | undefined {
  return /<Status>FAILED<\/Status><Status>([^<]*)<\/Status>/.exec(text)?.[1];
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

const invoice = (inner: string) => `<root><salesinvoice>${inner}</salesinvoice></root>`;
const LINE =
  '<invoicelines><invoiceline><salesinvoiceproductline><productidentifier type="customer">P-100</productidentifier><productname>Hylly</productname>' +
  '<productunitprice type="net">49,90</productunitprice><productvatpercentage vatcode="KOMY">25,5</productvatpercentage><salesinvoiceproductlinequantity>1</salesinvoiceproductlinequantity>' +
  '</salesinvoiceproductline></invoiceline></invoicelines>';
const HEAD = '<salesinvoicedate>2026-03-01</salesinvoicedate><salesinvoiceamount>0</salesinvoiceamount><salesinvoicestatus type="netvisor">open</salesinvoicestatus>';
const CUSTOMER = '<invoicingcustomeridentifier type="customer">1001</invoicingcustomeridentifier><paymenttermnetdays>14</paymenttermnetdays>';

before(async () => {
  baseUrl = await sandbox.listen(0);
});
after(() => sandbox.close());
beforeEach(async () => {
  await control('POST', '/_sandbox/reset', { system: 'netvisor' });
  await control('POST', '/_sandbox/seed', { system: 'netvisor' });
});

describe('Netvisor simulator authentication', () => {
  it('accepts a correctly signed request', async () => {
    const res = await call('GET', 'customerlist.nv');
    assert.equal(res.status, 200);
    assert.match(res.text, /<Status>OK<\/Status>/);
    assert.match(res.text, /<Code>1001<\/Code>/);
  });

  it('refuses a wrong MAC with AUTHENTICATION_FAILED and 401', async () => {
    const res = await call('GET', 'customerlist.nv', undefined, { mac: 'ab'.repeat(32) });
    assert.equal(res.status, 401);
    assert.equal(failure(res.text), 'AUTHENTICATION_FAILED :: Integration keys are not valid. Please check the keys specific to the user and partner.');
  });

  it('refuses a MAC made with the wrong customer key', async () => {
    const res = await call('GET', 'customerlist.nv', undefined, { customerKey: 'not-the-key' });
    assert.match(failure(res.text) ?? '', /^AUTHENTICATION_FAILED :: /);
  });

  it('refuses a reused transaction id with REQUEST_NOT_UNIQUE', async () => {
    const transactionId = randomUUID();
    assert.equal((await call('GET', 'customerlist.nv', undefined, { transactionId })).status, 200);
    const again = await call('GET', 'customerlist.nv', undefined, { transactionId });
    assert.equal(failure(again.text), 'REQUEST_NOT_UNIQUE :: The transaction ID has already been used. The ID must change in every request.');
  });

  it('refuses a timestamp ten minutes old', async () => {
    const res = await call('GET', 'customerlist.nv', undefined, { now: new Date(Date.now() - 10 * 60_000) });
    assert.equal(failure(res.text), 'AUTHENTICATION_FAILED :: Timestamp is too far from the server time');
  });

  it('answers FAILED inside HTTP 200 when the client does not ask for status codes', async () => {
    const res = await call('GET', 'customerlist.nv', undefined, { mac: '00'.repeat(32), useStatusCodes: false });
    assert.equal(res.status, 200);
    assert.match(failure(res.text) ?? '', /^AUTHENTICATION_FAILED/);
  });
});

describe('Netvisor simulator XML validation', () => {
  it('accepts a minimal invoice in DTD order and stores it', async () => {
    const res = await call('POST', 'salesinvoice.nv?method=add', invoice(HEAD + CUSTOMER + LINE));
    assert.match(res.text, /<InsertedDataIdentifier>\d+<\/InsertedDataIdentifier>/);
    const state = (await control('GET', '/_sandbox/netvisor/state')) as { documents: { number: string; amount: number }[] };
    assert.deepEqual(state.documents.map((d) => [d.number, d.amount]), [['1000', 62.62], ['500', 62.62], ['1001', 62.62]]);
  });

  it('refuses elements out of DTD order', async () => {
    const swapped = '<salesinvoiceamount>0</salesinvoiceamount><salesinvoicedate>2026-03-01</salesinvoicedate><salesinvoicestatus type="netvisor">open</salesinvoicestatus>';
    const res = await call('POST', 'salesinvoice.nv?method=add', invoice(swapped + CUSTOMER + LINE));
    assert.equal(res.status, 400);
    assert.match(failure(res.text) ?? '', /^INVALID_DATA :: Data form incorrect:\. XML message validation failed: Could not validate xml \('salesinvoice' is missing compulsory element 'salesinvoicedate' before 'salesinvoiceamount'\)$/);
  });

  it('refuses a missing compulsory element and an empty one', async () => {
    const noStatus = HEAD.replace('<salesinvoicestatus type="netvisor">open</salesinvoicestatus>', '');
    assert.match(failure((await call('POST', 'salesinvoice.nv?method=add', invoice(noStatus + CUSTOMER + LINE))).text) ?? '', /missing compulsory element 'salesinvoicestatus'/);
    const emptyDate = HEAD.replace('2026-03-01', '');
    assert.match(failure((await call('POST', 'salesinvoice.nv?method=add', invoice(emptyDate + CUSTOMER + LINE))).text) ?? '', /compulsory element 'salesinvoicedate' is empty/);
  });

  it('refuses malformed XML and unknown elements', async () => {
    assert.match(failure((await call('POST', 'salesinvoice.nv?method=add', '<root><salesinvoice>')).text) ?? '', /^INVALID_DATA :: .*Could not validate xml/);
    assert.match(failure((await call('POST', 'salesinvoice.nv?method=add', invoice(HEAD + CUSTOMER + LINE + '<bogus>1</bogus>'))).text) ?? '', /'bogus' is not allowed here/);
  });

  it('matches element names case-insensitively, as Netvisor does', async () => {
    const mixed = invoice(HEAD + CUSTOMER + LINE).replace(/<salesinvoicedate>/g, '<SalesInvoiceDate>').replace(/<\/salesinvoicedate>/g, '</SalesInvoiceDate>');
    assert.match((await call('POST', 'salesinvoice.nv?method=add', mixed)).text, /<Status>OK<\/Status>/);
  });
});

describe('Netvisor simulator credit notes (P5: quantity and amount negative, unit price positive)', () => {
  const creditLine = (price: string, quantity: string) => LINE.replace('49,90', price).replace('<salesinvoiceproductlinequantity>1<', `<salesinvoiceproductlinequantity>${quantity}<`);
  const stored = async () => ((await control('GET', '/_sandbox/netvisor/state')) as { documents: { number: string; amount: number }[] }).documents.map((d) => [d.number, d.amount]).slice(2);

  it('stores a credit note and answers it with negative sums in lists and reads', async () => {
    const res = await call('POST', 'salesinvoice.nv?method=add', invoice(HEAD.replace('<salesinvoiceamount>0<', '<salesinvoiceamount>-62,62<') + CUSTOMER + creditLine('49,90', '-1')));
    const key = /<InsertedDataIdentifier>(\d+)<\/InsertedDataIdentifier>/.exec(res.text)?.[1];
    assert.ok(key, res.text);
    assert.deepEqual(await stored(), [['1001', -62.62]]);
    assert.match((await call('GET', 'salesinvoicelist.nv?invoicenumber=1001')).text, /<InvoiceSum>-62,62<\/InvoiceSum><OpenSum>-62,62<\/OpenSum>/);
    const read = (await call('GET', `getsalesinvoice.nv?netvisorkey=${key}`)).text;
    assert.match(read, /<SalesInvoiceAmount iso4217currencycode="EUR">-62,62<\/SalesInvoiceAmount>/);
    assert.match(read, /<ProductUnitPrice>49,9000<\/ProductUnitPrice>.*<SalesInvoiceProductLineQuantity>-1<\/SalesInvoiceProductLineQuantity>.*<SalesInvoiceProductLineVatSum>-12,72<\/SalesInvoiceProductLineVatSum><SalesInvoiceProductLineSum>-62,62<\/SalesInvoiceProductLineSum>/);
  });

  it('computes an amount of 0 from the lines the same either side of zero (half a cent away from it)', async () => {
    for (const quantity of ['5', '-5']) await call('POST', 'salesinvoice.nv?method=add', invoice(HEAD + CUSTOMER + creditLine('1,00', quantity)));
    assert.deepEqual(await stored(), [['1001', 6.28], ['1002', -6.28]], '5 × 1,00 + 25,5 % = 6,275');
  });
});

describe('Netvisor simulator control API', () => {
  it('records existing numbers as documents so they are the largest used', async () => {
    assert.deepEqual(await control('PUT', '/_sandbox/netvisor/numbers', { invoice: 5000, order: 900 }), { invoice: 5000, order: 900 });
    const list = await call('GET', 'salesinvoicelist.nv?listtype=preinvoice');
    assert.match(list.text, /<InvoiceNumber>900<\/InvoiceNumber>/);
  });

  it('rejects a malformed control request with 400', async () => {
    const res = await fetch(`${baseUrl}/_sandbox/netvisor/periods`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ accountingLockDate: '31.12.2025' }) });
    assert.equal(res.status, 400);
  });
});
