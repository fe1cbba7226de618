import { z } from 'zod';

/** One AES-256 key and the id stored beside every payload it encrypts. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

/** The keys of one deployment: the first encrypts, all of them decrypt (rotation). */
export interface CodecKeyRing {
  current: CodecKey;
  byId: ReadonlyMap<string, CodecKey>;
}

/** The environment variable with the keys: `id1:base64key,id2:base64key`, first used for encoding. */
export const CODEC_KEYS_ENV = 'RACKBRIDGE_CODEC_KEYS';

export const AES_256_KEY_BYTES = 32;

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/*
 * Each entry is checked on its own so every problem is reported at once; messages name the entry
 * by position and id, never by its key material.
 */
const entrySchema = z
  .string()
  .transform((entry, ctx): CodecKey => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'must be id:base64key with an id of letters, digits, . _ - (at most 64)' });
      return z.NEVER;
    }
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== AES_256_KEY_BYTES) {
      ctx.addIssue({ code: 'custom', message: `key '${id}' must be ${AES_256_KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 32)` });
      return z.NEVER;
    }
    return { id, key };
  });

export type ParseKeysResult = { ok: true; ring: CodecKeyRing } | { ok: false; problems: string[] };

/** Parses `id1:base64key,id2:base64key`; problems say which entry and what to fix, without the key. */
export function parseCodecKeys(value: string): ParseKeysResult {
  const problems: string[] = [];
  const keys: CodecKey[] = [];
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  entries.forEach((entry, i) => {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${CODEC_KEYS_ENV} entry ${i + 1}: ${issue.message}`));
    else if (keys.some((k) => k.id === parsed.data.id)) problems.push(`${CODEC_KEYS_ENV} entry ${i + 1}: key id '${parsed.data.id}' appears twice`);
    else keys.push(parsed.data);
  });
  const [current] = keys;
  if (!current && problems.length === 0) problems.push(`${CODEC_KEYS_ENV}: no keys — e.g. ${CODEC_KEYS_ENV}=k1:$(openssl rand -base64 32)`);
  if (!current || problems.length > 0) return { ok: false, problems };
  return { ok: true, ring: { current, byId: new Map(keys.map((k) => [k.id, k])) } };
}

/** The value of RACKBRIDGE_CODEC_KEYS for these keys (the sandbox writes it to its key file). */
export function formatCodecKeys(keys: CodecKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}
