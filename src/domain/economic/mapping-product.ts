import type { RackbeatItem } from '../../connectors/rackbeat/types';
import type { Product as EconomicProduct, ProductInput } from '../../connectors/economic/types';
import { differingFields, refNumber } from './compare';
import { type EconomicMapping, economicProductGroupNumber } from './mapping-settings';
import { PreflightRequiredError } from './errors';
import { optional } from './optional';
import { writableFields } from './put-body';
import { productGroupNumber, text } from './rackbeat-fields';

/** The e-conomic product for a Rackbeat product, under the same number. Texts are not shortened: preflight holds them. */
export function mapProduct(product: RackbeatItem, mapping: EconomicMapping): ProductInput {
  const group = productGroupNumber(product);
  if (group === undefined) throw new PreflightRequiredError(`product ${product.number} has no product group: run preflightProduct first`);
  return {
    productNumber: product.number,
    name: product.name,
    productGroup: { productGroupNumber: economicProductGroupNumber(group, mapping) },
    salesPrice: product.sales_price,
    ...optional('costPrice', product.cost_price),
    ...optional('barCode', text(product.barcode)),
    ...optional('description', text(product.description)),
    // e-conomic shows booleans only when true; an unbarred product is sent without the flag.
    ...optional('barred', product.is_barred === true ? true : undefined),
  };
}

/** Fields whose values differ between the mapped Rackbeat product and e-conomic's; empty when no update is needed. */
export function productChanges(existing: EconomicProduct, desired: ProductInput): string[] {
  return differingFields([
    ['name', existing.name, desired.name],
    ['productGroup', existing.productGroup.productGroupNumber, refNumber(desired.productGroup, 'productGroupNumber')],
    ['salesPrice', existing.salesPrice, desired.salesPrice],
    ['costPrice', existing.costPrice, desired.costPrice],
    ['barCode', existing.barCode, desired.barCode],
    ['description', existing.description, desired.description],
    ['barred', existing.barred, desired.barred],
  ]);
}

/** The PUT body for an existing product: everything e-conomic holds that rackbridge does not map is kept. */
export function productUpdateBody(existing: EconomicProduct, desired: ProductInput): ProductInput {
  return { ...(writableFields(existing) as Partial<ProductInput>), ...desired, productNumber: existing.productNumber };
}
