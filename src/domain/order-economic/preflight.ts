import type { RackbeatCustomer, RackbeatOrder, RackbeatProduct } from '../../connectors/rackbeat/types';
import { ECONOMIC_TEXT_LIMITS } from './mapping-document';
import { type EconomicMapping, mapPaymentTerms, mapProductGroup, mapVatZone } from './mapping-settings';

/** A stable code (a search-attribute value) and one sentence saying what to fix, in which system. */
export interface HoldReason {
  code: string;
  message: string;
}

/** What the agreement offers, read from e-conomic and cached per connection. */
export interface EconomicCatalog {
  hasInventoryModule: boolean;
  layoutNumbers: number[];
  paymentTermsNumbers: number[];
  vatZoneNumbers: number[];
  productGroupNumbers: number[];
}

export type PreflightResult = { ok: true; documentType: 'order' | 'invoice'; notes: string[] } | { ok: false; hold: HoldReason };

/** e-conomic's product number limit (`productNumber` string ≤ 25). */
export const ECONOMIC_PRODUCT_NUMBER_MAX = 25;

export interface PreflightInput {
  order: RackbeatOrder;
  customer: RackbeatCustomer;
  products: RackbeatProduct[];
  catalog: EconomicCatalog;
  mapping: EconomicMapping;
  documentType: 'order' | 'invoice';
  sendBy: 'none' | 'email' | 'ean';
}

/**
 * DESIGN.md §2's e-conomic rules, checked before anything is written so a transfer is held with
 * a reason instead of half-done. The first failing rule wins; its message names what to fix where.
 */
export function preflightOrder(input: PreflightInput): PreflightResult {
  const { order, customer, catalog, mapping } = input;
  const hold = (code: string, message: string): PreflightResult => ({ ok: false, hold: { code, message } });
  const who = `customer ${customer.number} (${customer.name})`;

  if (order.lines.length === 0) return hold('ORDER_HAS_NO_LINES', `Rackbeat order ${order.number} has no lines: add lines in Rackbeat.`);

  const terms = order.payment_terms?.number ?? customer.payment_terms?.number ?? customer.payment_terms_id ?? undefined;
  if (terms === undefined || terms === null) return hold('CUSTOMER_PAYMENT_TERMS_MISSING', `Set payment terms on ${who} in Rackbeat.`);
  const economicTerms = mapPaymentTerms(terms, mapping);
  if (!catalog.paymentTermsNumbers.includes(economicTerms)) {
    return hold('PAYMENT_TERMS_UNMAPPED', `Rackbeat payment terms ${terms} map to e-conomic payment terms ${economicTerms}, which e-conomic does not have: create them in e-conomic or map them under economic.paymentTerms in the connections file.`);
  }
  if (!catalog.layoutNumbers.includes(mapping.layoutNumber)) {
    return hold('LAYOUT_NOT_FOUND', `e-conomic has no layout ${mapping.layoutNumber}: set economic.layoutNumber in the connections file to a layout that exists in e-conomic.`);
  }
  const zoneName = order.vat_zone ?? customer.vat_zone ?? 'domestic';
  const zone = mapVatZone(zoneName, mapping);
  if (zone === undefined || !catalog.vatZoneNumbers.includes(zone)) {
    return hold('VAT_ZONE_UNKNOWN', `The VAT zone '${zoneName}' of Rackbeat order ${order.number} has no e-conomic VAT zone: fix the zone in Rackbeat or economic.vatZones in the connections file.`);
  }

  for (const product of input.products) {
    if (product.number.length > ECONOMIC_PRODUCT_NUMBER_MAX) {
      return hold('PRODUCT_NUMBER_TOO_LONG', `Product number '${product.number}' has ${product.number.length} characters and e-conomic allows ${ECONOMIC_PRODUCT_NUMBER_MAX}: shorten it in Rackbeat.`);
    }
    const group = product.group?.number ?? product.group_id;
    if (group === undefined || group === null || !catalog.productGroupNumbers.includes(mapProductGroup(group, mapping))) {
      return hold('PRODUCT_GROUP_UNMAPPED', `Product '${product.number}' is in Rackbeat product group ${group ?? 'none'}, which has no e-conomic product group: create it in e-conomic or map it under economic.productGroups in the connections file.`);
    }
  }

  for (const line of order.lines) {
    for (const [field, value] of [['quantity', line.quantity], ['price', line.line_price], ['discount', line.discount_percentage ?? 0]] as const) {
      if (!hasAtMostTwoDecimals(value)) {
        return hold('AMOUNT_PRECISION', `The ${field} ${value} on line '${line.name}' of Rackbeat order ${order.number} has more than 2 decimals, which e-conomic refuses: round it in Rackbeat.`);
      }
    }
    if (line.name.length > ECONOMIC_TEXT_LIMITS.lineDescription) {
      return hold('TEXT_TOO_LONG', `The line text of '${line.item.number}' on Rackbeat order ${order.number} is longer than e-conomic's ${ECONOMIC_TEXT_LIMITS.lineDescription} characters: shorten it in Rackbeat.`);
    }
  }
  const recipient = order.billing_address?.name ?? customer.name;
  if (recipient.length > ECONOMIC_TEXT_LIMITS.recipientName) {
    return hold('TEXT_TOO_LONG', `The name '${recipient.slice(0, 40)}…' is longer than e-conomic's ${ECONOMIC_TEXT_LIMITS.recipientName} characters: shorten it in Rackbeat.`);
  }
  if ((order.heading ?? '').length > ECONOMIC_TEXT_LIMITS.heading) {
    return hold('TEXT_TOO_LONG', `The heading of Rackbeat order ${order.number} is longer than e-conomic's ${ECONOMIC_TEXT_LIMITS.heading} characters: shorten it in Rackbeat.`);
  }

  if (input.sendBy === 'email' && !customer.contact_email) {
    return hold('SEND_BY_PREREQUISITE', `Invoices are sent by e-mail but ${who} has no e-mail: add one in Rackbeat.`);
  }
  if (input.sendBy === 'ean' && !/^\d{13}$/.test(customer.ean ?? '')) {
    return hold('SEND_BY_PREREQUISITE', `Invoices are sent by EAN but ${who} has no 13-digit EAN: add it in Rackbeat.`);
  }

  if (input.documentType === 'order' && catalog.hasInventoryModule) {
    return {
      ok: true,
      documentType: 'invoice',
      notes: ["the e-conomic agreement has the inventory module, which refuses orders through the API: creating a draft invoice instead"],
    };
  }
  return { ok: true, documentType: input.documentType, notes: [] };
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}
