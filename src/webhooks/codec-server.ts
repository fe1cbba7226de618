import { createHash, timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { Secret } from '../domain/secret';
import { PayloadDecryptionError } from '../temporal/codec/payload-cipher';
import type { WebhookErrorBody } from './outcome';

/** A Web UI page decodes a whole history at once; histories of big orders reach a few MB. */
export const CODEC_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Required as `Authorization: Bearer …` when set; without it only loopback clients are served. */
  authToken: Secret | undefined;
  /** Browser origins (the Temporal Web UI) allowed by CORS. */
  corsOrigins: string[];
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const bodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })),
});
type WirePayload = z.infer<typeof bodySchema>['payloads'][number];

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Temporal's codec server protocol (POST {endpoint}/encode and /decode, `{ payloads: [...] }` with
 * base64 fields) under /codec, so the Web UI (`codec.endpoint`, or the dev server's
 * `--ui-codec-endpoint`) shows decoded payloads to those allowed and ciphertext to everyone else.
 * The Web UI sends the user's access token as the bearer when `codec.passAccessToken` is on.
 */
export function registerCodecServer(app: FastifyInstance, options: CodecServerOptions): void {
  const expected = options.authToken ? digest(options.authToken.reveal()) : undefined;
  // Encapsulated under /codec: CORS and the larger body limit apply to these routes only.
  void app.register(
    async (scope) => {
      await scope.register(cors, { origin: options.corsOrigins, methods: ['POST'], allowedHeaders: ['content-type', 'authorization', 'x-namespace'], credentials: true, maxAge: 600 });
      const refuse = (request: FastifyRequest): { status: number; body: WebhookErrorBody } | undefined => {
        if (!expected) return LOOPBACK.has(request.ip) ? undefined : { status: 403, body: { error: 'forbidden', message: 'the codec server serves loopback clients only unless RACKBRIDGE_CODEC_AUTH_TOKEN is set' } };
        const header = request.headers.authorization ?? '';
        const token = /^Bearer (.+)$/i.exec(header)?.[1];
        return token && timingSafeEqual(digest(token), expected) ? undefined : { status: 401, body: { error: 'unauthorized', message: 'send Authorization: Bearer <token> (Web UI: codec.passAccessToken)' } };
      };
      for (const action of ['encode', 'decode'] as const) {
        scope.post(`/${action}`, { bodyLimit: CODEC_BODY_LIMIT_BYTES }, async (request, reply) => {
          const refused = refuse(request);
          if (refused) return reply.code(refused.status).send(refused.body);
          const body = parseBody(request.body);
          if (!body.ok) return reply.code(400).send(body.error);
          try {
            const payloads = await options.codec[action](body.payloads.map(fromWire));
            return { payloads: payloads.map(toWire) };
          } catch (err) {
            if (!(err instanceof PayloadDecryptionError)) throw err;
            return reply.code(422).send({ error: 'undecodable_payload', message: err.message } satisfies WebhookErrorBody);
          }
        });
      }
    },
    { prefix: '/codec' },
  );
}

function parseBody(raw: unknown): { ok: true; payloads: WirePayload[] } | { ok: false; error: WebhookErrorBody } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : '');
  } catch {
    return { ok: false, error: { error: 'invalid_json', message: 'the body must be JSON: { "payloads": [...] }' } };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: { error: 'invalid_payloads', message: 'expected { "payloads": [{ "metadata": { key: base64 }, "data": base64 }] }', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
  }
  return { ok: true, payloads: parsed.data.payloads };
}

function fromWire(p: WirePayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toWire(p: Payload): WirePayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
