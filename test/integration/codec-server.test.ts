import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { Secret } from '../../src/domain/secret';
import { formatCodecKeys, parseCodecKeys } from '../../src/temporal/codec/keys';
import { PayloadCipherCodec } from '../../src/temporal/codec/payload-cipher';
import { CODEC_BODY_LIMIT_BYTES } from '../../src/webhooks/codec-server';
import { buildWebhookServer } from '../../src/webhooks/server';
import { MemoryTokenStore } from '../../src/webhooks/token-store';

const TOKEN = 'codec-token-0123456789abcdef';
const UI = 'https://temporal-ui.example.com';

function codecFor(...ids: string[]): PayloadCipherCodec {
  const parsed = parseCodecKeys(formatCodecKeys(ids.map((id) => ({ id, key: randomBytes(32) }))));
  assert.ok(parsed.ok);
  return new PayloadCipherCodec(parsed.ring);
}

/** A payload as the Web UI sends it: base64 metadata values and data. */
function wirePayload(value: unknown): { metadata: Record<string, string>; data: string } {
  const p = defaultPayloadConverter.toPayload(value);
  return { metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(p.data!).toString('base64') };
}

// The codec server never touches Temporal: a lazy client that never connects is enough.
function server(options: { token?: string; codec?: PayloadCipherCodec }): FastifyInstance {
  return buildWebhookServer({
    connections: [],
    client: new Client(),
    tokenStore: new MemoryTokenStore(),
    codecServer: { codec: options.codec ?? codecFor('k1'), authToken: options.token ? new Secret(options.token) : undefined, corsOrigins: [UI] },
  });
}

describe('codec server (POST /codec/encode, /codec/decode) for the Temporal Web UI', () => {
  let app: FastifyInstance;
  let base: string;
  const post = async (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const res = await fetch(`${base}/codec/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };
  before(async () => {
    app = server({ token: TOKEN });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
  });

  test('encode then decode gives back the payload the Web UI sent; the encoded one is ciphertext with the key id', async () => {
    const original = wirePayload({ customer: 'Nordisk Cykel ApS', email: 'indkob@nordiskcykel.dk' });
    const encoded = await post('encode', { payloads: [original] });
    assert.equal(encoded.status, 200);
    const [ciphertext] = (encoded.json as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
    assert.deepEqual(Object.fromEntries(Object.entries(ciphertext!.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()])), { encoding: 'binary/encrypted', 'encryption-key-id': 'k1' });
    assert.ok(!Buffer.from(ciphertext!.data, 'base64').toString('latin1').includes('Nordisk'));
    const decoded = await post('decode', { payloads: [ciphertext] });
    assert.equal(decoded.status, 200);
    assert.deepEqual(decoded.json, { payloads: [original] });
  });

  test('plain payloads pass through decode (histories from before encryption)', async () => {
    const plain = wirePayload({ orderNumber: '1042' });
    assert.deepEqual((await post('decode', { payloads: [plain] })).json, { payloads: [plain] });
  });

  test('without the bearer token, or with a wrong one, the answer is 401 JSON that does not echo the token', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }]) {
      const res = await post('decode', { payloads: [] }, headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(res.json.error, 'unauthorized');
      assert.ok(!JSON.stringify(res.json).includes(TOKEN));
    }
  });

  test('bad input is a 4xx JSON answer: not JSON, wrong shape, not base64, wrong content type', async () => {
    const cases: [unknown, Record<string, string> | undefined, number, string][] = [
      ['{not json', undefined, 400, 'invalid_json'],
      [{ payload: [] }, undefined, 400, 'invalid_payloads'],
      [{ payloads: [{ data: '###' }] }, undefined, 400, 'invalid_payloads'],
    ];
    for (const [body, , status, error] of cases) {
      const res = await post('decode', body);
      assert.deepEqual([res.status, res.json.error], [status, error], JSON.stringify(body));
    }
    const huge = await fetch(`${base}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ payloads: [{ data: 'A'.repeat(CODEC_BODY_LIMIT_BYTES) }] }) });
    assert.deepEqual([huge.status, await huge.json()], [413, { error: 'payload_too_large', message: `body exceeds ${CODEC_BODY_LIMIT_BYTES} bytes` }]);
    const res = await fetch(`${base}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` }, body: '<x/>' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'unsupported_media_type');
  });

  test('a payload under a key this server does not hold is a 422 that names the key id, not the key', async () => {
    const [foreign] = await codecFor('elsewhere').encode([defaultPayloadConverter.toPayload('x')]);
    const body = { payloads: [{ metadata: Object.fromEntries(Object.entries(foreign!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(foreign!.data!).toString('base64') }] };
    const res = await post('decode', body);
    assert.equal(res.status, 422);
    assert.deepEqual(res.json, { error: 'undecodable_payload', message: "payload is encrypted with key id 'elsewhere', which is not in RACKBRIDGE_CODEC_KEYS (ids: k1): keep retired keys after the current one" });
  });

  test('CORS: the configured Web UI origin may call with credentials and the Authorization header; other origins get no CORS headers', async () => {
    const preflight = await fetch(`${base}/codec/decode`, { method: 'OPTIONS', headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), UI);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.deepEqual(preflight.headers.get('access-control-allow-headers')?.split(',').map((h) => h.trim()).sort(), ['authorization', 'content-type', 'x-namespace']);
    const actual = await post('decode', { payloads: [] }, { authorization: `Bearer ${TOKEN}`, origin: UI });
    assert.equal(actual.headers.get('access-control-allow-origin'), UI);
    const other = await post('decode', { payloads: [] }, { authorization: `Bearer ${TOKEN}`, origin: 'https://elsewhere.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    // CORS stays on the codec routes: the webhook routes do not answer browsers.
    const health = await fetch(`${base}/healthz`, { headers: { origin: UI } });
    assert.equal(health.headers.get('access-control-allow-origin'), null);
  });
});

describe('codec server without a token', () => {
  test('serves loopback clients only', async () => {
    const app = server({});
    try {
      const body = JSON.stringify({ payloads: [] });
      const local = await app.inject({ method: 'POST', url: '/codec/decode', headers: { 'content-type': 'application/json' }, payload: body, remoteAddress: '127.0.0.1' });
      assert.equal(local.statusCode, 200);
      const remote = await app.inject({ method: 'POST', url: '/codec/decode', headers: { 'content-type': 'application/json' }, payload: body, remoteAddress: '10.1.2.3' });
      assert.equal(remote.statusCode, 403);
      assert.equal(remote.json<{ error: string }>().error, 'forbidden');
    } finally {
      await app.close();
    }
  });
});
