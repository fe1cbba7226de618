import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { isWooPing, verifyShopifyHmac, verifyWooSignature } from '../../src/webhooks/webshop-signatures';

// Digests below were computed outside Node (Python hmac/hashlib/base64) for these exact bytes.
const SHOPIFY_BODY = Buffer.from('{"id":820982911946154508,"name":"#1001"}');
const SHOPIFY_SECRET = 'shpss_test_secret';
const SHOPIFY_HMAC = 'DhIRdKc/LXOvFjxrfojUuKJAjNUtjyZjstUwRpcOF2k=';
const WOO_BODY = Buffer.from('{"id":727,"status":"processing"}');
const WOO_SECRET = 'wc-secret';
const WOO_SIGNATURE = 'CJGy2l17vmafo5cc0gtESTEst3ie65pcrP8ExTVLjmA=';

describe('verifyShopifyHmac', () => {
  it('accepts RFC 4231 test case 2 as a base64 header', () => {
    const body = Buffer.from('what do ya want for nothing?');
    assert.deepEqual(verifyShopifyHmac(body, 'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=', ['Jefe']), { ok: true, secretIndex: 0 });
  });

  it('accepts a body signed with the current secret', () => {
    assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, SHOPIFY_HMAC, [SHOPIFY_SECRET]), { ok: true, secretIndex: 0 });
  });

  it('accepts the previous secret during a rotation and says which one matched', () => {
    assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, SHOPIFY_HMAC, ['shpss_new_secret', SHOPIFY_SECRET]), { ok: true, secretIndex: 1 });
  });

  it('rejects a signature made with another secret', () => {
    const other = createHmac('sha256', 'someone-else').update(SHOPIFY_BODY).digest('base64');
    assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, other, [SHOPIFY_SECRET]), { ok: false, reason: 'mismatch' });
  });

  it('rejects a body altered by one byte', () => {
    const altered = Buffer.from(SHOPIFY_BODY);
    altered[10] = (altered[10] ?? 0) ^ 0x01;
    assert.deepEqual(verifyShopifyHmac(altered, SHOPIFY_HMAC, [SHOPIFY_SECRET]), { ok: false, reason: 'mismatch' });
  });

  it('rejects re-serialised JSON whose id lost precision', () => {
    const reparsed = Buffer.from(JSON.stringify(JSON.parse(SHOPIFY_BODY.toString()) as unknown));
    assert.notEqual(reparsed.toString(), SHOPIFY_BODY.toString());
    assert.deepEqual(verifyShopifyHmac(reparsed, SHOPIFY_HMAC, [SHOPIFY_SECRET]), { ok: false, reason: 'mismatch' });
  });

  for (const header of [undefined, '', '   ']) {
    it(`reports a missing header (${JSON.stringify(header)})`, () => {
      assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, header, [SHOPIFY_SECRET]), { ok: false, reason: 'missing' });
    });
  }

  it('reports an empty body', () => {
    assert.deepEqual(verifyShopifyHmac(Buffer.alloc(0), SHOPIFY_HMAC, [SHOPIFY_SECRET]), { ok: false, reason: 'empty-body' });
  });

  for (const header of ['not base64!', 'AAAA', SHOPIFY_HMAC.slice(0, -4), createHmac('sha256', SHOPIFY_SECRET).update(SHOPIFY_BODY).digest('hex')]) {
    it(`treats a header that is no base64 SHA-256 digest as a mismatch (${header.slice(0, 12)}…)`, () => {
      assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, header, [SHOPIFY_SECRET]), { ok: false, reason: 'mismatch' });
    });
  }

  it('never matches an empty secret or an empty secret list', () => {
    const signedWithEmpty = createHmac('sha256', '').update(SHOPIFY_BODY).digest('base64');
    assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, signedWithEmpty, ['']), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyShopifyHmac(SHOPIFY_BODY, SHOPIFY_HMAC, []), { ok: false, reason: 'mismatch' });
  });
});

describe('verifyWooSignature', () => {
  it('accepts the base64 HMAC-SHA256 of the raw body', () => {
    assert.deepEqual(verifyWooSignature(WOO_BODY, WOO_SIGNATURE, WOO_SECRET), { ok: true, secretIndex: 0 });
  });

  it('rejects a wrong secret, an altered body and a missing header', () => {
    assert.deepEqual(verifyWooSignature(WOO_BODY, WOO_SIGNATURE, 'wc-other'), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWooSignature(Buffer.from('{"id":727,"status":"completed"}'), WOO_SIGNATURE, WOO_SECRET), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifyWooSignature(WOO_BODY, undefined, WOO_SECRET), { ok: false, reason: 'missing' });
  });
});

describe('isWooPing', () => {
  it('recognises the form body webhook_id=N sent without WooCommerce headers', () => {
    assert.equal(isWooPing({ 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('webhook_id=12')), true);
  });

  it('is not a ping when any X-WC-Webhook-* header is present, whatever its case', () => {
    assert.equal(isWooPing({ 'X-WC-Webhook-Topic': 'order.created' }, Buffer.from('webhook_id=12')), false);
    assert.equal(isWooPing({ 'x-wc-webhook-id': '12' }, Buffer.from('webhook_id=12')), false);
  });

  it('is not a ping for a JSON body or another form body', () => {
    assert.equal(isWooPing({}, Buffer.from('{"webhook_id":12}')), false);
    assert.equal(isWooPing({}, Buffer.from('webhook_id=12&x=1')), false);
    assert.equal(isWooPing({}, Buffer.from('webhook_id=')), false);
  });
});
