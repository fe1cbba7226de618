import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../workflows/common/search-attributes';

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * Registers rackbridge's search attributes on a server we did not start (TEMPORAL_ADDRESS), adding
 * only the missing ones. Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const missingNow = async () => {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return SEARCH_ATTRIBUTES.filter((key) => !(key.name in existing.customAttributes));
  };
  const missing = await missingNow();
  if (missing.length === 0) return [];
  try {
    await addSearchAttributes(connection, namespace, missing);
  } catch (err) {
    // Another process added them between our list and our add (several receivers starting at once).
    if ((await missingNow()).length > 0) throw err;
    return [];
  }
  return missing.map((key) => key.name);
}

/** Adds the given search attributes without listing first (the time-skipping test server cannot list). */
export async function addSearchAttributes(connection: Connection, namespace: string, keys: readonly (typeof SEARCH_ATTRIBUTES)[number][] = SEARCH_ATTRIBUTES): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((key) => [key.name, INDEXED_TYPE[key.type]!])),
  });
}
