import { z } from 'zod';
import type { ProductInput } from '../../connectors/rackbeat/types';
import { ECONOMIC_MAX_LENGTH } from '../economic/limits';
import { DEFAULT_REJECTED_NAME_CHARACTERS, rejectedCharactersIn } from '../netvisor';
import type { WebshopHold } from './hold-codes';
import { webshopHolds } from './hold-messages';
import { centsToAmount, parseCents, roundHalfAway } from './money';
import { decodeHtmlEntities, idSchema, textSchema } from './schema-helpers';
import type { WebshopSettings } from './settings';
import type { WebshopSource } from './shop-order';

/** One sellable variant of a shop product: Rackbeat knows it by its SKU. */
export interface ShopProductVariant {
  source: WebshopSource;
  productId: string;
  variantId?: string;
  sku: string;
  name: string;
  /** The shop's price text as sent ("199.00"), checked when mapped. */
  price: string;
  barcode: string | null;
}

const priceText = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? '' : String(v)));

const shopifyProductSchema = z
  .object({
    id: idSchema,
    title: z.string(),
    variants: z.array(z.object({ id: idSchema, title: z.string().nullish(), sku: textSchema, price: priceText, barcode: textSchema }).passthrough()).default([]),
  })
  .passthrough();

const wooProductSchema = z
  .object({ id: idSchema, name: z.string(), sku: textSchema, regular_price: priceText, price: priceText, global_unique_id: textSchema })
  .passthrough();

/** Shopify names the only variant of a product without options "Default Title". */
const DEFAULT_VARIANT_TITLE = 'Default Title';

export function variantsFromShopifyProduct(payload: unknown): ShopProductVariant[] {
  const p = shopifyProductSchema.parse(payload);
  return p.variants.map((v) => ({
    source: 'shopify',
    productId: p.id,
    variantId: v.id,
    sku: v.sku ?? '',
    name: v.title && v.title !== DEFAULT_VARIANT_TITLE ? `${p.title} - ${v.title}` : p.title,
    price: v.price,
    barcode: v.barcode,
  }));
}

/** A WooCommerce product or variation (variations come from `/products/{id}/variations`, each with its own SKU). */
export function variantFromWooProduct(payload: unknown): ShopProductVariant {
  const p = wooProductSchema.parse(payload);
  return {
    source: 'woocommerce',
    productId: p.id,
    sku: p.sku ?? '',
    name: decodeHtmlEntities(p.name),
    // regular_price is the list price; price is the current (possibly sale) price.
    price: p.regular_price !== '' ? p.regular_price : p.price,
    barcode: p.global_unique_id,
  };
}

export type ProductNameCheck = { ok: true; name: string; cleaned: boolean } | { ok: false; hold: WebshopHold };

type NameSettings = Pick<WebshopSettings, 'productNames' | 'rejectedNameCharacters'>;

/**
 * Checks a product name against Netvisor's rejected characters and e-conomic's length limit:
 * holds, or returns a cleaned name (characters removed, spaces collapsed, cut to the limit).
 */
export function checkWebshopProductName(sku: string, name: string, settings: NameSettings): ProductNameCheck {
  const rejected = settings.rejectedNameCharacters ?? DEFAULT_REJECTED_NAME_CHARACTERS;
  const found = rejectedCharactersIn(name, rejected);
  const max = ECONOMIC_MAX_LENGTH.productName;
  if (settings.productNames === 'hold') {
    if (found.length) return { ok: false, hold: webshopHolds.productNameCharacters(sku, name, found) };
    if ([...name].length > max) return { ok: false, hold: webshopHolds.productNameTooLong(sku, [...name].length, max) };
    return { ok: true, name, cleaned: false };
  }
  let cleaned = name;
  for (const c of found) cleaned = cleaned.split(c).join(' ');
  cleaned = [...cleaned.replace(/\s+/g, ' ').trim()].slice(0, max).join('').trim();
  return { ok: true, name: cleaned, cleaned: cleaned !== name };
}

export type ProductMappingResult = { ok: true; input: ProductInput; nameCleaned: boolean } | { ok: false; hold: WebshopHold };

type ProductSettings = NameSettings & Pick<WebshopSettings, 'productGroup' | 'productPricesIncludeVat' | 'productVatPercent'>;

/** A shop variant → Rackbeat product: number = SKU, sales price excl. VAT rounded to cents. */
export function mapShopProductToRackbeat(variant: ShopProductVariant, settings: ProductSettings): ProductMappingResult {
  if (variant.sku === '') return { ok: false, hold: webshopHolds.missingSku(variant.source, `product ${variant.productId}`, [variant.name]) };
  if ([...variant.sku].length > ECONOMIC_MAX_LENGTH.productNumber) {
    return { ok: false, hold: webshopHolds.productNumberTooLong(variant.sku, ECONOMIC_MAX_LENGTH.productNumber) };
  }
  const cents = parseCents(variant.price);
  if (cents === undefined || cents < 0) return { ok: false, hold: webshopHolds.productPriceInvalid(variant.sku, variant.price) };
  const name = checkWebshopProductName(variant.sku, variant.name, settings);
  if (!name.ok) return name;
  const exclusive = settings.productPricesIncludeVat ? roundHalfAway(cents / (1 + settings.productVatPercent / 100)) : cents;
  return {
    ok: true,
    nameCleaned: name.cleaned,
    input: {
      number: variant.sku,
      name: name.name,
      group: settings.productGroup,
      sales_price: centsToAmount(exclusive),
      barcode: variant.barcode,
    },
  };
}
