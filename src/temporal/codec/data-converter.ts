import type { DataConverter } from '@temporalio/common';
import { PayloadCipherCodec } from './payload-cipher';
import type { CodecKeyRing } from './keys';

/** Path of the failure converter that moves messages into (encrypted) payloads; workers load it by path. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every client, worker and webhook receiver: the cipher codec always (so
 * encrypted payloads fail with a clear error when keys are missing, and plain ones pass), and
 * encoded failure messages when encrypting.
 */
export function rackbridgeDataConverter(ring: CodecKeyRing | undefined): DataConverter {
  return {
    payloadCodecs: [new PayloadCipherCodec(ring)],
    ...(ring ? { failureConverterPath: FAILURE_CONVERTER_PATH } : {}),
  };
}
