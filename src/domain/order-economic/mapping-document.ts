import type { BookedInvoice, CustomerPaymentVoucherInput, LineInput, SalesDocumentInput, SendBy } from '../../connectors/economic/types';
import type { RackbeatOrder } from '../../connectors/rackbeat/types';
import { creditNoteReference, type EconomicMapping, mapPaymentTerms, mapVatZone, orderReference } from './mapping-settings';

/** e-conomic's limits on the text fields rackbridge fills (reference/economic.md §2.3). */
export const ECONOMIC_TEXT_LIMITS = { recipientName: 250, recipientAddress: 250, heading: 250, lineDescription: 2500 } as const;

/**
 * The e-conomic order or draft-invoice body for a Rackbeat order. Call after the preflight, which
 * refuses what this would have to cut or round. `date` comes from the caller, never a clock.
 */
export function mapSalesDocument(order: RackbeatOrder, input: { connectionId: string; date: string; mapping: EconomicMapping }): SalesDocumentInput {
  const { mapping } = input;
  const customer = order.customer;
  const billing = order.billing_address;
  const delivery = order.delivery_address;
  const terms = order.payment_terms?.number ?? customer?.payment_terms?.number ?? customer?.payment_terms_id ?? 0;
  const zone = mapVatZone(order.vat_zone ?? customer?.vat_zone ?? 'domestic', mapping) ?? mapping.vatZoneMap.domestic;
  const recipientAddress = [billing?.street ?? customer?.address_street, billing?.street2 ?? customer?.address_street2].filter(Boolean).join('\n');
  const lines: LineInput[] = order.lines.map((line, index) => ({
    lineNumber: index + 1,
    sortKey: index + 1,
    product: { productNumber: line.item.number },
    description: line.name,
    quantity: line.quantity,
    unitNetPrice: line.line_price,
    ...(line.discount_percentage ? { discountPercentage: line.discount_percentage } : {}),
  }));
  const deliveryPart = delivery?.street
    ? {
        delivery: {
          address: [delivery.street, delivery.street2].filter(Boolean).join('\n'),
          ...(delivery.zipcode ? { zip: delivery.zipcode } : {}),
          ...(delivery.city ? { city: delivery.city } : {}),
          ...(delivery.country ? { country: delivery.country } : {}),
          ...(order.deliver_at ? { deliveryDate: order.deliver_at.slice(0, 10) } : {}),
        },
      }
    : {};
  return {
    date: input.date,
    currency: order.currency,
    customer: { customerNumber: customer?.number ?? 0 },
    layout: { layoutNumber: mapping.layoutNumber },
    paymentTerms: { paymentTermsNumber: mapPaymentTerms(terms, mapping) },
    recipient: {
      name: billing?.name ?? customer?.name ?? '',
      vatZone: { vatZoneNumber: zone },
      ...(recipientAddress ? { address: recipientAddress } : {}),
      ...(billing?.zipcode ?? customer?.address_zipcode ? { zip: (billing?.zipcode ?? customer?.address_zipcode)! } : {}),
      ...(billing?.city ?? customer?.address_city ? { city: (billing?.city ?? customer?.address_city)! } : {}),
      ...(billing?.country ?? customer?.address_country ? { country: (billing?.country ?? customer?.address_country)! } : {}),
      ...(customer?.ean ? { ean: customer.ean } : {}),
    },
    ...deliveryPart,
    notes: { heading: order.heading ?? `Rackbeat order ${order.number}`, ...(order.their_reference ? { textLine1: `Your reference: ${order.their_reference}` } : {}) },
    references: { other: orderReference(input.connectionId, order.number) },
    lines,
  };
}

/**
 * A compact, stable string of everything in the order the e-conomic document shows: equal
 * strings mean no update is needed. Deterministic (used in workflow decisions and idempotency keys).
 */
export function documentRevision(order: RackbeatOrder): string {
  const customer = order.customer;
  return JSON.stringify([
    customer?.number,
    order.currency,
    order.heading ?? null,
    order.their_reference ?? null,
    order.vat_zone ?? customer?.vat_zone ?? null,
    order.payment_terms?.number ?? customer?.payment_terms_id ?? null,
    order.billing_address ? [order.billing_address.name, order.billing_address.street, order.billing_address.zipcode, order.billing_address.city, order.billing_address.country] : null,
    order.delivery_address ? [order.delivery_address.street, order.delivery_address.zipcode, order.delivery_address.city, order.delivery_address.country] : null,
    order.deliver_at ?? null,
    order.lines.map((l) => [l.item.number, l.name, l.quantity, l.line_price, l.discount_percentage ?? 0]),
  ]);
}

/** e-conomic's `sendBy` casing (schema enum: `Email`, `EAN`); `none` sends nothing. */
export function economicSendBy(sendBy: 'none' | 'email' | 'ean'): SendBy | undefined {
  return sendBy === 'email' ? 'Email' : sendBy === 'ean' ? 'EAN' : undefined;
}

/** A draft invoice that credits a booked invoice: the same document with every quantity negated. */
export function mapCreditNote(booked: BookedInvoice, input: { connectionId: string; rackbeatOrderNumber: string | number; date: string }): SalesDocumentInput {
  const { recipient } = booked;
  return {
    date: input.date,
    currency: booked.currency,
    customer: booked.customer,
    layout: booked.layout,
    paymentTerms: booked.paymentTerms,
    recipient: {
      name: recipient.name,
      vatZone: recipient.vatZone,
      ...(recipient.address ? { address: recipient.address } : {}),
      ...(recipient.zip ? { zip: recipient.zip } : {}),
      ...(recipient.city ? { city: recipient.city } : {}),
      ...(recipient.country ? { country: recipient.country } : {}),
    },
    notes: { heading: `Credit note for invoice ${booked.bookedInvoiceNumber} (Rackbeat order ${input.rackbeatOrderNumber} cancelled)` },
    references: { other: creditNoteReference(input.connectionId, input.rackbeatOrderNumber) },
    lines: (booked.lines ?? []).map((line, index) => ({
      lineNumber: index + 1,
      sortKey: index + 1,
      ...(line.product ? { product: { productNumber: line.product.productNumber } } : {}),
      ...(line.description ? { description: line.description } : {}),
      ...(line.quantity === undefined ? {} : { quantity: -line.quantity }),
      ...(line.unitNetPrice === undefined ? {} : { unitNetPrice: line.unitNetPrice }),
      ...(line.discountPercentage ? { discountPercentage: line.discountPercentage } : {}),
    })),
  };
}

/**
 * The customer-payment voucher settling a booked invoice. The amount is negative: a credit to the
 * debtor (reference/economic.md §5 reports a positive amount doubling a real customer's balance).
 */
export function mapCustomerPayment(booked: BookedInvoice, input: { date: string; text: string }): CustomerPaymentVoucherInput {
  const customerNumber = 'customerNumber' in booked.customer ? booked.customer.customerNumber : undefined;
  return {
    accountingYear: input.date.slice(0, 4),
    entries: [
      {
        amount: -booked.grossAmount,
        date: input.date,
        ...(customerNumber === undefined ? {} : { customer: { customerNumber } }),
        customerInvoice: booked.bookedInvoiceNumber,
        currency: { code: booked.currency },
        text: input.text.slice(0, 250),
      },
    ],
  };
}
