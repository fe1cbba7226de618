import type { CatalogService } from './catalog';
import { isApi202604OrLater } from './graphql-schema';
import { gid, parseId, type ShopifyId } from './ids';
import type { ShopEvent } from './models';
import type { ShopifyStore } from './store';

/** Reasons the mutation accepts (shopify.dev inventory state reasons). */
const REASONS = new Set(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage']);

type Input = Record<string, unknown>;

/** `InventorySetQuantitiesUserError`; `code` is nullable in the schema. */
export interface InventoryUserError {
  code: string | null;
  field: string[] | null;
  message: string;
}

/**
 * Quantities without a `changeFromQuantity` key at all (neither an integer nor an explicit null):
 * from 2026-04 Shopify refuses them at runtime though the schema shows the field as optional
 * (shopify.dev changelog "Making changeFromQuantity field required (with explicit opt-out)").
 */
export function missingChangeFromQuantity(input: unknown, apiVersion: string): string[] {
  if (!isApi202604OrLater(apiVersion) || !input || typeof input !== 'object') return [];
  const quantities = Array.isArray((input as Input).quantities) ? ((input as Input).quantities as unknown[]) : [];
  return quantities.flatMap((q, i) => (q && typeof q === 'object' && 'changeFromQuantity' in q ? [] : [String(i)]));
}

/**
 * `inventorySetQuantities`: absolute quantities with compare-and-set. All quantities are
 * checked first; one stale or invalid entry changes nothing (the mutation is atomic). The input
 * has passed the schema already (types, required fields, no undefined fields), so only the
 * business rules are left; every code is one of `InventorySetQuantitiesUserErrorCode`.
 * `changeFromQuantity` (2026-01+) overrides the older `compareQuantity`/`ignoreCompareQuantity`:
 * an integer must equal the stored quantity, an explicit null skips the check.
 */
export function inventorySetQuantities(store: ShopifyStore, catalog: CatalogService, input: unknown, events: ShopEvent[]): Record<string, unknown> {
  const body = (input && typeof input === 'object' ? input : {}) as Input;
  const errors: InventoryUserError[] = [];
  if (body.name !== 'available') errors.push({ code: 'INVALID_NAME', field: ['input', 'name'], message: 'The quantity name must be available.' });
  if (typeof body.reason !== 'string' || !REASONS.has(body.reason)) errors.push({ code: 'INVALID_REASON', field: ['input', 'reason'], message: 'The specified reason is invalid.' });
  const ignoreCompare = body.ignoreCompareQuantity === true;
  const quantities = Array.isArray(body.quantities) ? (body.quantities as Input[]) : [];
  const planned: Array<{ item: ShopifyId; location: ShopifyId; quantity: number; before: number }> = [];
  quantities.forEach((q, i) => {
    const field = (name: string): string[] => ['input', 'quantities', String(i), name];
    const item = parseId(q.inventoryItemId, 'InventoryItem');
    const location = parseId(q.locationId, 'Location');
    if (item === undefined || !store.inventoryItems.has(item)) return errors.push({ code: 'INVALID_INVENTORY_ITEM', field: field('inventoryItemId'), message: 'The specified inventory item could not be found.' });
    if (location === undefined || !store.locations.has(location)) return errors.push({ code: 'INVALID_LOCATION', field: field('locationId'), message: 'The specified location could not be found.' });
    const level = store.level(item, location);
    if (!level) return errors.push({ code: 'ITEM_NOT_STOCKED_AT_LOCATION', field: field('locationId'), message: 'The specified inventory item is not stocked at the location.' });
    if (typeof q.quantity !== 'number') return errors.push({ code: null, field: field('quantity'), message: 'The quantity must be an integer.' });
    if ('changeFromQuantity' in q) {
      if (q.changeFromQuantity !== null && q.changeFromQuantity !== level.available) return errors.push({ code: 'CHANGE_FROM_QUANTITY_STALE', field: field('changeFromQuantity'), message: 'The changeFromQuantity argument no longer matches the persisted quantity.' });
    } else if (!ignoreCompare) {
      // Before 2026-04 only: COMPARE_QUANTITY_REQUIRED and COMPARE_QUANTITY_STALE are in the 2025-x enum.
      if (typeof q.compareQuantity !== 'number') return errors.push({ code: 'COMPARE_QUANTITY_REQUIRED', field: field('compareQuantity'), message: 'compareQuantity is required unless ignoreCompareQuantity is true.' });
      if (q.compareQuantity !== level.available) return errors.push({ code: 'COMPARE_QUANTITY_STALE', field: field('compareQuantity'), message: 'The compareQuantity value does not match the stored value.' });
    }
    planned.push({ item, location, quantity: q.quantity, before: level.available });
    return undefined;
  });
  // No code in the enum names an empty list; Shopify's answer to one is unconfirmed upstream.
  if (quantities.length === 0) errors.push({ code: null, field: ['input', 'quantities'], message: 'At least one quantity is required.' });
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };

  for (const p of planned) catalog.setAvailable(p.item, p.location, p.quantity, events);
  return {
    inventoryAdjustmentGroup: {
      id: gid('InventoryAdjustmentGroup', store.id()),
      createdAt: store.timestamp(),
      reason: body.reason,
      referenceDocumentUri: typeof body.referenceDocumentUri === 'string' ? body.referenceDocumentUri : null,
      changes: planned.map((p) => ({
        name: 'available',
        delta: p.quantity - p.before,
        quantityAfterChange: p.quantity,
        item: { id: gid('InventoryItem', p.item), sku: store.inventoryItems.get(p.item)?.sku ?? null },
        location: { id: gid('Location', p.location), name: store.locations.get(p.location)?.name ?? null },
      })),
    },
    userErrors: [],
  };
}
