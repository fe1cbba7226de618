import type { RackbeatVatZone } from './rackbeat-fields';

/** Settings that tie a Rackbeat account to an e-conomic agreement (the connection's `economic` mapping). */
export interface EconomicMapping {
  /** Layout for documents, and for customers rackbridge creates. */
  layoutNumber: number;
  /** Customer group for customers rackbridge creates; existing customers keep theirs. */
  customerGroupNumber: number;
  /** Rackbeat payment-terms number → e-conomic `paymentTermsNumber`; identity when a key is absent. */
  paymentTermsMap: Record<string, number>;
  /** Rackbeat product-group number → e-conomic `productGroupNumber`; identity when a key is absent. */
  productGroupMap: Record<string, number>;
  /** Rackbeat VAT zone → e-conomic `vatZoneNumber`. @default { domestic: 1, eu: 2, abroad: 3 } */
  vatZoneMap: Record<RackbeatVatZone, number>;
}

/** e-conomic's standard numbers: layout 19 and VAT zones 1–3 exist on a new Danish agreement. */
export const DEFAULT_ECONOMIC_MAPPING: EconomicMapping = {
  layoutNumber: 19,
  customerGroupNumber: 1,
  paymentTermsMap: {},
  productGroupMap: {},
  vatZoneMap: { domestic: 1, eu: 2, abroad: 3 },
};

/**
 * The mapping between the two simulators' seed data, where identity would be wrong: Rackbeat's
 * "Ydelser" (2) is e-conomic's "Ydelser m/moms" (3), "Momsfrie varer" (3) is "Varer u/moms" (2),
 * and "Løbende måned + 30 dage" (3) is e-conomic's payment terms 2. Rackbeat's "Netto 14 dage"
 * (2) has no counterpart in the e-conomic seed and stays identity (e-conomic 2).
 */
export const SANDBOX_ECONOMIC_MAPPING: EconomicMapping = {
  ...DEFAULT_ECONOMIC_MAPPING,
  paymentTermsMap: { '3': 2 },
  productGroupMap: { '2': 3, '3': 2 },
};

export function economicPaymentTermsNumber(rackbeatNumber: number, mapping: EconomicMapping): number {
  return mapping.paymentTermsMap[String(rackbeatNumber)] ?? rackbeatNumber;
}

export function economicProductGroupNumber(rackbeatNumber: number, mapping: EconomicMapping): number {
  return mapping.productGroupMap[String(rackbeatNumber)] ?? rackbeatNumber;
}

export function economicVatZoneNumber(zone: RackbeatVatZone, mapping: EconomicMapping): number {
  return mapping.vatZoneMap[zone];
}
