/**
 * e-conomic's PUT replaces the whole resource: a field left out is cleared (a customer's
 * `telephoneAndFaxNumber` or `barred`, a product's `unit`, `recommendedPrice` or `inventory` block).
 * So an update is the resource as just read, less what e-conomic computes, with the mapped fields
 * laid over it (reference/economic.md; recorded responses in fixtures/economic/responses).
 */
const READ_ONLY_FIELDS = ['self', 'metaData', 'lastUpdated', 'balance', 'dueAmount', 'contacts', 'templates', 'totals', 'deliveryLocations', 'invoices', 'pricing'] as const;

export function writableFields(resource: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...resource };
  for (const field of READ_ONLY_FIELDS) delete copy[field];
  return copy;
}
