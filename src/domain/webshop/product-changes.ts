import { z } from 'zod';
import type { ProductInput, ProductUpdate, RackbeatProduct } from '../../connectors/rackbeat/types';
import { type ShopProductVariant, variantFromWooProduct } from './product-mapping';

/*
 * F3 with the webshop as master: which variants a shop product has, and what a Rackbeat
 * product needs changed to match one. Pure, so unit tests cover every case without IO.
 */

const wooParentSchema = z.looseObject({ name: z.string(), type: z.string().optional(), status: z.string().optional() });
const wooVariationSchema = z.looseObject({ attributes: z.array(z.looseObject({ option: z.string() })).default([]) });

/** WooCommerce moves a deleted product to the trash first; its REST answer then says `status: "trash"`. */
export function isTrashedWooProduct(payload: unknown): boolean {
  return wooParentSchema.safeParse(payload).data?.status === 'trash';
}

/**
 * The sellable variants of a WooCommerce product: a variable product's variations (which carry
 * no name of their own in the REST docs, so each is named "Parent - Option, Option", the title
 * WooCommerce's variation data store generates; unconfirmed upstream for every version), or
 * the product itself. A variation read on its own (`type: "variation"`) already has that name.
 */
export function variantsFromWooProduct(product: unknown, variations: readonly unknown[]): ShopProductVariant[] {
  const parent = wooParentSchema.parse(product);
  if (parent.type !== 'variable') return [variantFromWooProduct(product)];
  return variations.map((v) => {
    const options = wooVariationSchema.parse(v).attributes.map((a) => a.option).filter((o) => o !== '');
    return variantFromWooProduct({ ...(v as object), name: options.length ? `${parent.name} - ${options.join(', ')}` : parent.name });
  });
}

const cents = (amount: number): number => Math.round(amount * 100);

/**
 * The fields of an existing Rackbeat product that differ from the shop's, and nothing else, so an
 * unchanged product is not written. The product group is only set on creation: a merchant who
 * moved the product to another group in Rackbeat keeps that choice. A shop without a barcode
 * leaves Rackbeat's barcode alone (Shopify's default is none, and clearing one is rarely meant).
 */
export function rackbeatProductChanges(existing: RackbeatProduct, wanted: ProductInput): ProductUpdate {
  const update: ProductUpdate = {};
  if (existing.name !== wanted.name) update.name = wanted.name;
  if (cents(existing.sales_price) !== cents(wanted.sales_price)) update.sales_price = wanted.sales_price;
  if (wanted.barcode && existing.barcode !== wanted.barcode) update.barcode = wanted.barcode;
  return update;
}
