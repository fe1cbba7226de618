import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { readCodecEnv } from '../../src/temporal/codec/codec-env';
import { type CodecKeyRing, formatCodecKeys, parseCodecKeys } from '../../src/temporal/codec/keys';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadCipherCodec, PayloadDecryptionError } from '../../src/temporal/codec/payload-cipher';

const customer = { name: 'Birgitte Hansen', email: 'birgitte@example.dk', lines: [{ sku: 'CHAIR-01', quantity: 2 }] };
const key = (id: string) => ({ id, key: randomBytes(32) });
const ring = (...keys: { id: string; key: Buffer }[]): CodecKeyRing => {
  const parsed = parseCodecKeys(formatCodecKeys(keys));
  assert.ok(parsed.ok);
  return parsed.ring;
};
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('latin1');

describe('payload encryption codec (AES-256-GCM)', () => {
  test('encodes to binary/encrypted with the current key id and no plain text, and decodes back to the same payload', async () => {
    const old = key('2025-11');
    const codec = new PayloadCipherCodec(ring(key('2026-12'), old));
    const plain = defaultPayloadConverter.toPayload(customer);
    const [encrypted] = await codec.encode([plain]);
    assert.equal(text(encrypted!.metadata!.encoding), ENCRYPTED_ENCODING);
    assert.equal(text(encrypted!.metadata![KEY_ID_METADATA]), '2026-12');
    assert.deepEqual(Object.keys(encrypted!.metadata!).sort(), ['encoding', KEY_ID_METADATA].sort());
    assert.ok(!text(encrypted!.data).includes('Birgitte') && !text(encrypted!.data).includes('json/plain'));
    const [decoded] = await codec.decode([encrypted!]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded!), customer);
  });

  test('the same value encrypts differently each time (random IV)', async () => {
    const codec = new PayloadCipherCodec(ring(key('k1')));
    const plain = defaultPayloadConverter.toPayload(customer);
    const [a, b] = await codec.encode([plain, plain]);
    assert.notDeepEqual(Buffer.from(a!.data!), Buffer.from(b!.data!));
  });

  test('a payload written under an old key decodes after rotation (new key first, old key kept)', async () => {
    const old = key('old');
    const [written] = await new PayloadCipherCodec(ring(old)).encode([defaultPayloadConverter.toPayload(customer)]);
    const rotated = new PayloadCipherCodec(ring(key('new'), old));
    assert.deepEqual(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!), customer);
    const [rewritten] = await rotated.encode([defaultPayloadConverter.toPayload(customer)]);
    assert.equal(text(rewritten!.metadata![KEY_ID_METADATA]), 'new');
  });

  test('plain payloads (histories from before encryption) pass through decode untouched, with or without keys', async () => {
    const plain = defaultPayloadConverter.toPayload(customer);
    assert.deepEqual(await new PayloadCipherCodec(ring(key('k1'))).decode([plain]), [plain]);
    assert.deepEqual(await new PayloadCipherCodec(undefined).decode([plain]), [plain]);
    assert.deepEqual(await new PayloadCipherCodec(undefined).encode([plain]), [plain]);
  });

  test('an unknown key id, a wrong key under the same id, a missing key ring and tampering each fail with a clear error that shows no key', async () => {
    const right = key('k1');
    const [written] = await new PayloadCipherCodec(ring(right)).encode([defaultPayloadConverter.toPayload(customer)]);
    const wrongKey = key('k1');
    const cases: [string, PayloadCipherCodec, RegExp][] = [
      ['unknown id', new PayloadCipherCodec(ring(key('k2'))), /key id 'k1', which is not in RACKBRIDGE_CODEC_KEYS \(ids: k2\)/],
      ['wrong key', new PayloadCipherCodec(ring(wrongKey)), /key id 'k1' does not decrypt: the key under that id is not the one it was written with/],
      ['no keys', new PayloadCipherCodec(undefined), /encrypted \(key id 'k1'\) but RACKBRIDGE_CODEC_KEYS is not set/],
    ];
    for (const [name, codec, message] of cases) {
      await assert.rejects(codec.decode([written!]), (err: unknown) => {
        assert.ok(err instanceof PayloadDecryptionError, name);
        assert.match(err.message, message, name);
        for (const k of [right, wrongKey]) assert.ok(!err.message.includes(k.key.toString('base64')), `${name}: no key material`);
        return true;
      });
    }
    const tampered = { ...written!, data: Buffer.from(written!.data!).fill(0, 20, 21) };
    await assert.rejects(new PayloadCipherCodec(ring(right)).decode([tampered]), /does not decrypt: .* or the payload was altered/);
    // The key id is authenticated: relabelling a payload with another known id fails too.
    const other = key('k2');
    const relabelled = { ...written!, metadata: { ...written!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
    await assert.rejects(new PayloadCipherCodec(ring(other, { id: 'k1', key: right.key })).decode([relabelled]), /key id 'k2' does not decrypt/);
  });
});

describe('RACKBRIDGE_CODEC_KEYS and the codec server settings', () => {
  test('the first key encrypts, all decrypt', () => {
    const a = key('a');
    const b = key('b');
    const parsed = parseCodecKeys(` ${formatCodecKeys([a])} , ${formatCodecKeys([b])} `);
    assert.ok(parsed.ok);
    assert.equal(parsed.ring.current.id, 'a');
    assert.deepEqual([...parsed.ring.byId.keys()], ['a', 'b']);
    assert.deepEqual(parsed.ring.byId.get('b')!.key, b.key);
  });

  test('every bad entry is reported at once, by position and id, never with its key material', () => {
    const short = randomBytes(16).toString('base64');
    const good = formatCodecKeys([key('dup')]);
    const parsed = parseCodecKeys(`nocolon${short},x:${short},${good},${good},bad id:${randomBytes(32).toString('base64')}`);
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.problems, [
      'RACKBRIDGE_CODEC_KEYS entry 1: must be id:base64key with an id of letters, digits, . _ - (at most 64)',
      "RACKBRIDGE_CODEC_KEYS entry 2: key 'x' must be 32 bytes in base64 (e.g. openssl rand -base64 32)",
      "RACKBRIDGE_CODEC_KEYS entry 4: key id 'dup' appears twice",
      'RACKBRIDGE_CODEC_KEYS entry 5: must be id:base64key with an id of letters, digits, . _ - (at most 64)',
    ]);
    assert.ok(parsed.problems.every((p) => !p.includes(short)));
  });

  test('readCodecEnv rejects a short token and non-origin CORS entries, and hides the token', () => {
    assert.throws(() => readCodecEnv({ RACKBRIDGE_CODEC_AUTH_TOKEN: 'short', RACKBRIDGE_CODEC_CORS_ORIGINS: 'https://ui.example.com/path' }), (err: Error) => {
      assert.match(err.message, /RACKBRIDGE_CODEC_AUTH_TOKEN: must be at least 16 characters/);
      assert.match(err.message, /RACKBRIDGE_CODEC_CORS_ORIGINS: 'https:\/\/ui.example.com\/path' must be an origin/);
      assert.ok(!err.message.includes('short,'));
      return true;
    });
    const env = readCodecEnv({ RACKBRIDGE_CODEC_AUTH_TOKEN: 'a-long-enough-token-1234', RACKBRIDGE_CODEC_CORS_ORIGINS: 'https://ui.example.com/, http://localhost:8233' });
    assert.deepEqual(env.corsOrigins, ['https://ui.example.com', 'http://localhost:8233']);
    assert.equal(JSON.stringify(env), '{"authToken":"[redacted]","corsOrigins":["https://ui.example.com","http://localhost:8233"]}');
  });
});
