/**
 * e-conomic's limits from its published schemas (reference/economic.md §2.3, §6). rackbridge
 * never truncates or rounds to meet them: preflight holds the transfer instead.
 */
export const ECONOMIC_MAX_LENGTH = {
  productNumber: 25,
  productName: 300,
  productDescription: 500,
  productBarCode: 50,
  customerName: 255,
  customerAddress: 510,
  customerZip: 30,
  customerCity: 50,
  customerCountry: 50,
  customerEmail: 255,
  customerEan: 13,
  corporateIdentificationNumber: 40,
  recipientName: 250,
  recipientAddress: 250,
  recipientZip: 50,
  recipientCity: 250,
  recipientCountry: 50,
  recipientEan: 13,
  deliveryAddress: 255,
  deliveryZip: 30,
  deliveryCity: 50,
  deliveryCountry: 50,
  heading: 250,
  lineDescription: 2500,
  referenceOther: 250,
} as const;

/** `maxDecimal: 2` on line quantity, unitNetPrice and discountPercentage (E04740). */
export const ECONOMIC_MAX_DECIMALS = 2;

/** Decimals as the number is written in JSON (the shortest round-trip form), e.g. 12.345 → 3, 1e-7 → 7. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const [mantissa = '', exponent] = text.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  if (exponent === undefined) return fraction;
  return Math.max(0, fraction - Number(exponent));
}
