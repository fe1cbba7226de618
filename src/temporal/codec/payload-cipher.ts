import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CODEC_KEYS_ENV, type CodecKeyRing } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A payload this deployment cannot decrypt; the message says which key id and what to do, never a key. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * AES-256-GCM over the whole serialised payload (metadata included, so not even the encoding of
 * the value shows). The key id travels in the clear in the payload's metadata and is the GCM
 * additional data, so a payload cannot be passed off under another id. Payloads that are not
 * encrypted (histories from before encryption, replay fixtures) pass through decode untouched;
 * with no keys, encode passes through too and only encrypted payloads fail, with a clear error.
 */
export class PayloadCipherCodec implements PayloadCodec {
  constructor(private readonly ring: CodecKeyRing | undefined) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const ring = this.ring;
    if (!ring) return payloads;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
      cipher.setAAD(encoder.encode(ring.current.id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encoder.encode(ring.current.id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    const keyId = rawId ? decoder.decode(rawId) : '';
    if (!this.ring) throw new PayloadDecryptionError(`payload is encrypted (key id '${keyId}') but ${CODEC_KEYS_ENV} is not set: start with the keys it was written with`);
    const key = this.ring.byId.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(`payload is encrypted with key id '${keyId}', which is not in ${CODEC_KEYS_ENV} (ids: ${[...this.ring.byId.keys()].join(', ')}): keep retired keys after the current one`);
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`payload encrypted with key id '${keyId}' is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', key.key, data.subarray(0, IV_BYTES));
    decipher.setAAD(encoder.encode(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload encrypted with key id '${keyId}' does not decrypt: the key under that id is not the one it was written with, or the payload was altered`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && decoder.decode(encoding) === ENCRYPTED_ENCODING;
}
