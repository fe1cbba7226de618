import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** Search attributes are payloads too, but never encrypted: the server indexes them. */
const SEARCH_ATTRIBUTE_FIELDS = new Set(['searchAttributes', 'indexedFields']);

/** Every payload in a raw history (event attributes, failures, user metadata) but search attributes, found by shape. */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const record = value as Record<string, unknown>;
  // patched() markers: the SDK core writes the patch id itself, outside the data converter; no customer data.
  if (record.markerName === 'core_patch') return found;
  // Local-activity markers: core writes its own bookkeeping (seq, attempt, activity type, times) as
  // `details.data`, outside the data converter; the activity's result in `details.result` is encoded.
  if (record.markerName === 'core_local_activity') {
    const details = (record.details ?? {}) as Record<string, unknown>;
    for (const [key, child] of Object.entries(details)) if (key !== 'data') payloadsIn(child, found);
    return found;
  }
  const metadata = record.metadata as Record<string, unknown> | undefined;
  if (metadata && typeof metadata === 'object' && metadata.encoding instanceof Uint8Array) {
    found.push(record);
    return found;
  }
  for (const [key, child] of Object.entries(record)) if (!SEARCH_ATTRIBUTE_FIELDS.has(key)) payloadsIn(child, found);
  return found;
}

/** The history as the server stores it, as text: what someone with database access reads. */
export function historyBytesAsText(history: temporal.api.history.v1.IHistory): string {
  return Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('utf8');
}
