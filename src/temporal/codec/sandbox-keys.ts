import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AES_256_KEY_BYTES, type CodecKeyRing, formatCodecKeys, parseCodecKeys } from './keys';

/** Where sandbox mode keeps its generated key, next to the dev server's database it protects. */
export function sandboxKeyFile(dataDir: string): string {
  return join(dataDir, 'codec-keys');
}

/** Reads the sandbox key file (RACKBRIDGE_CODEC_KEYS syntax); undefined when there is none. */
export function readSandboxKeys(dataDir: string): CodecKeyRing | undefined {
  const file = sandboxKeyFile(dataDir);
  if (!existsSync(file)) return undefined;
  const parsed = parseCodecKeys(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} is not a valid key file (${parsed.problems.join('; ')}): delete it only together with ${dataDir}/temporal.sqlite`);
  return parsed.ring;
}

/**
 * Sandbox mode encrypts with a key generated on first start and kept in DATA_DIR, so a restart
 * still decodes the histories already in the dev server's database.
 */
export function loadOrCreateSandboxKeys(dataDir: string): CodecKeyRing {
  const existing = readSandboxKeys(dataDir);
  if (existing) return existing;
  const file = sandboxKeyFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${formatCodecKeys([{ id: 'sandbox-1', key: randomBytes(AES_256_KEY_BYTES) }])}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process (a worker and a receiver started together) created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readSandboxKeys(dataDir)!;
}
