import { z } from 'zod';
import { ConfigError } from '../../config';
import { Secret } from '../../domain/secret';
import { CODEC_KEYS_ENV, type CodecKeyRing, parseCodecKeys } from './keys';

/** Payload encryption settings from the environment (docs/encryption.md). */
export interface CodecEnv {
  /** Unset: payloads are written in plain text (sandbox mode generates a key instead). */
  keys: CodecKeyRing | undefined;
  /** Bearer token the codec server requires; unset: only loopback clients are served. */
  authToken: Secret | undefined;
  /** Web UI origins allowed to call the codec server from the browser. */
  corsOrigins: string[];
}

export const CODEC_AUTH_TOKEN_ENV = 'RACKBRIDGE_CODEC_AUTH_TOKEN';
export const CODEC_CORS_ORIGINS_ENV = 'RACKBRIDGE_CODEC_CORS_ORIGINS';

const originSchema = z.url({ protocol: /^https?$/ }).refine((value) => new URL(value).origin === value.replace(/\/$/, ''), 'must be an origin: scheme, host and port only');

export function readCodecEnv(env: NodeJS.ProcessEnv): CodecEnv {
  const problems: string[] = [];
  let keys: CodecKeyRing | undefined;
  const rawKeys = env[CODEC_KEYS_ENV]?.trim();
  if (rawKeys) {
    const parsed = parseCodecKeys(rawKeys);
    if (parsed.ok) keys = parsed.ring;
    else problems.push(...parsed.problems);
  }
  const corsOrigins: string[] = [];
  for (const origin of (env[CODEC_CORS_ORIGINS_ENV] ?? '').split(',').map((o) => o.trim()).filter(Boolean)) {
    if (originSchema.safeParse(origin).success) corsOrigins.push(origin.replace(/\/$/, ''));
    else problems.push(`${CODEC_CORS_ORIGINS_ENV}: '${origin}' must be an origin such as https://temporal-ui.example.com`);
  }
  const token = env[CODEC_AUTH_TOKEN_ENV]?.trim();
  if (token !== undefined && token !== '' && token.length < 16) problems.push(`${CODEC_AUTH_TOKEN_ENV}: must be at least 16 characters (e.g. openssl rand -hex 32)`);
  if (problems.length > 0) throw new ConfigError('environment', problems);
  return { keys, authToken: token ? new Secret(token) : undefined, corsOrigins };
}
