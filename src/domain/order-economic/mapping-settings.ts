/** How a Rackbeat account's numbers map onto an e-conomic agreement (the connection's `economic` settings). */
export interface EconomicMapping {
  /** Layout of documents and of customers rackbridge creates. */
  layoutNumber: number;
  /** Group of customers rackbridge creates. */
  customerGroupNumber: number;
  /** Rackbeat payment-terms number → e-conomic paymentTermsNumber; the same number when absent. */
  paymentTermsMap: Record<string, number>;
  /** Rackbeat product-group number → e-conomic productGroupNumber; the same number when absent. */
  productGroupMap: Record<string, number>;
  /** Rackbeat `vat_zone` → e-conomic vatZoneNumber (e-conomic's own: 1 Domestic, 2 EU, 3 Abroad). */
  vatZoneMap: { domestic: number; eu: number; abroad: number };
}

export const DEFAULT_ECONOMIC_MAPPING: EconomicMapping = {
  layoutNumber: 19,
  customerGroupNumber: 1,
  paymentTermsMap: {},
  productGroupMap: {},
  vatZoneMap: { domestic: 1, eu: 2, abroad: 3 },
};

export function mapPaymentTerms(rackbeatNumber: number, mapping: EconomicMapping): number {
  return mapping.paymentTermsMap[String(rackbeatNumber)] ?? rackbeatNumber;
}

export function mapProductGroup(rackbeatNumber: number, mapping: EconomicMapping): number {
  return mapping.productGroupMap[String(rackbeatNumber)] ?? rackbeatNumber;
}

/** Undefined for a zone name rackbridge does not know (the preflight holds it). */
export function mapVatZone(zone: string | undefined, mapping: EconomicMapping): number | undefined {
  if (zone === 'domestic' || zone === 'eu' || zone === 'abroad') return mapping.vatZoneMap[zone];
  return undefined;
}

/** The e-conomic `references.other` that names the Rackbeat order: filterable, so lookups find earlier writes. */
export function orderReference(connectionId: string, rackbeatOrderNumber: string | number): string {
  return `rackbeat:${connectionId}:order:${rackbeatOrderNumber}`;
}

export function creditNoteReference(connectionId: string, rackbeatOrderNumber: string | number): string {
  return `rackbeat:${connectionId}:credit:${rackbeatOrderNumber}`;
}
