import type { RackbeatOrder } from '../../connectors/rackbeat/types';
import { customerPaymentTermsNumber, text } from './rackbeat-fields';

const REVISION_VERSION = 'r1';

/**
 * A short stable string of everything in the order that can change the e-conomic document:
 * equal strings mean no update is needed. It is a 64-bit FNV-1a hash of a canonical JSON array
 * (fixed field order, blanks as null), computed without Node built-ins so workflow code can call it.
 * Customer fields are included whole: they are the fallback for the recipient, VAT zone and terms.
 */
export function documentRevision(order: RackbeatOrder): string {
  return `${REVISION_VERSION}-${fnv1a64(JSON.stringify(revisionContent(order)))}`;
}

function revisionContent(order: RackbeatOrder): unknown[] {
  const c = order.customer;
  const address = (a: RackbeatOrder['billing_address']) =>
    a ? [a.name, a.street, a.street2, a.zipcode, a.city, a.country].map(blankAsNull) : null;
  return [
    c ? [c.number, c.name, c.ean, c.vat_zone, customerPaymentTermsNumber(c), c.address_street, c.address_street2, c.address_zipcode, c.address_city, c.address_country].map(blankAsNull) : null,
    order.currency,
    order.payment_terms?.number ?? null,
    blankAsNull(order.vat_zone),
    address(order.billing_address),
    address(order.delivery_address),
    blankAsNull(order.deliver_at),
    blankAsNull(order.heading),
    order.lines.map((l) => [l.item.number, blankAsNull(l.name), blankAsNull(l.item.name), l.quantity, l.line_price, l.discount_percentage ?? 0]),
  ];
}

function blankAsNull(value: string | number | null | undefined): string | number | null {
  return typeof value === 'string' ? (text(value) ?? null) : (value ?? null);
}

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const UINT64_MASK = 0xffffffffffffffffn;

/** FNV-1a over the UTF-16 code units, low byte then high byte. */
function fnv1a64(input: string): string {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < input.length; i++) {
    const unit = input.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & UINT64_MASK;
    hash = ((hash ^ BigInt(unit >>> 8)) * FNV_PRIME) & UINT64_MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
