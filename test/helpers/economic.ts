/**
 * A valid e-conomic draft-order body against the simulator's seed data (customer 1, layout 20,
 * payment terms 1, product TSHIRT-M), written as e-conomic expects it on the wire.
 */
export function economicOrderBody(other: string) {
  return {
    date: '2026-03-02',
    currency: 'DKK',
    customer: { customerNumber: 1 },
    layout: { layoutNumber: 20 },
    paymentTerms: { paymentTermsNumber: 1 },
    recipient: { name: 'Toj & Co Grossisten', vatZone: { vatZoneNumber: 1 } },
    references: { other },
    lines: [{ product: { productNumber: 'TSHIRT-M' }, description: 'T-shirt, medium', quantity: 2, unitNetPrice: 100 }],
  };
}
