import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customerXml } from '../../src/connectors/netvisor/documents';
import { formatAmount } from '../../src/connectors/netvisor/xml';
import { VAT_CODES } from '../../src/domain/netvisor/document';
import { mapNetvisorCustomer } from '../../src/domain/netvisor/master-data';
import { decodeBody } from '../../src/sandbox/netvisor/charset';

describe('Netvisor contract fixes (issue 10)', () => {
  it('codes sales outside the EU EUUM (Netvisor VatCode list), not MUUL (other VAT-free turnover)', () => {
    assert.deepEqual(VAT_CODES, { domestic: 'KOMY', eu: 'EUMY', abroad: 'EUUM' });
  });

  it('writes amounts at their 2-decimal scale and keeps a finer price', () => {
    assert.deepEqual([49.9, 0, 2, 244, -3.04, 6.9375, 0.5].map(formatAmount), ['49,90', '0,00', '2,00', '244,00', '-3,04', '6,9375', '0,50']);
  });

  it('gives defaultpaymentterm type="netvisor" a payment-term key and never Rackbeat net days', () => {
    assert.match(customerXml({ name: 'A', defaultPaymentTermKey: '3' }), /<customeradditionalinformation><defaultpaymentterm type="netvisor">3<\/defaultpaymentterm><\/customeradditionalinformation>/);
    const mapped = mapNetvisorCustomer({ number: 1001, name: 'Oy Asiakas Ab', payment_terms: { maturity_days: 14 } });
    assert.equal('defaultPaymentTermKey' in mapped, false);
    assert.doesNotMatch(customerXml(mapped), /defaultpaymentterm/);
  });

  it('the simulator decodes a body by its declared charset (ISO-8859-15 € and ä), UTF-8 by default', () => {
    const latin9 = Buffer.from([0x3c, 0x61, 0x3e, 0xa4, 0xe4, 0x3c, 0x2f, 0x61, 0x3e]);
    assert.equal(decodeBody(latin9, 'text/xml; charset=ISO-8859-15'), '<a>€ä</a>');
    assert.equal(decodeBody(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-15"?>'), latin9]), 'text/xml'), '<?xml version="1.0" encoding="iso-8859-15"?><a>€ä</a>');
    assert.equal(decodeBody(Buffer.from('<a>€ä</a>', 'utf8'), 'text/xml'), '<a>€ä</a>');
    assert.throws(() => decodeBody(latin9, 'text/xml; charset=x-unknown'), /Unsupported charset/);
  });
});
