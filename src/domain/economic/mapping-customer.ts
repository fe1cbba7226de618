import type { RackbeatCustomer } from '../../connectors/rackbeat/types';
import type { Customer as EconomicCustomer, CustomerInput } from '../../connectors/economic/types';
import {
  type EconomicMapping,
  economicPaymentTermsNumber,
  economicVatZoneNumber,
} from './mapping-settings';
import { PreflightRequiredError } from './errors';
import { optional } from './optional';
import { writableFields } from './put-body';
import { asVatZone, customerLabel, customerPaymentTermsNumber, joinLines, text } from './rackbeat-fields';
import { differingFields, refNumber } from './compare';

export interface MapCustomerOptions {
  /** Rackbeat payment-terms number to use when the customer has none (the order's, which preflight accepted). */
  fallbackPaymentTermsNumber?: number;
}

/**
 * The e-conomic customer for a Rackbeat customer, under the same number. `company_vat` goes to
 * `corporateIdentificationNumber` as written: it is the CVR/VAT field e-conomic filters and
 * e-invoicing reads; `vatNumber` is left alone. Texts are not shortened: preflight holds them.
 */
export function mapCustomer(customer: RackbeatCustomer, mapping: EconomicMapping, options: MapCustomerOptions = {}): CustomerInput {
  const currency = text(customer.currency);
  const zone = asVatZone(customer.vat_zone);
  const terms = customerPaymentTermsNumber(customer) ?? options.fallbackPaymentTermsNumber;
  if (currency === undefined || zone === undefined || terms === undefined) {
    throw new PreflightRequiredError(`${customerLabel(customer)} lacks a currency, VAT zone or payment terms: run preflightCustomer first`);
  }
  return {
    customerNumber: customer.number,
    name: customer.name,
    currency,
    customerGroup: { customerGroupNumber: mapping.customerGroupNumber },
    vatZone: { vatZoneNumber: economicVatZoneNumber(zone, mapping) },
    paymentTerms: { paymentTermsNumber: economicPaymentTermsNumber(terms, mapping) },
    layout: { layoutNumber: mapping.layoutNumber },
    ...optional('email', text(customer.contact_email)),
    ...optional('ean', text(customer.ean)),
    ...optional('address', joinLines(customer.address_street, customer.address_street2)),
    ...optional('zip', text(customer.address_zipcode)),
    ...optional('city', text(customer.address_city)),
    ...optional('country', text(customer.address_country)),
    ...optional('corporateIdentificationNumber', text(customer.company_vat)),
  };
}

/**
 * Fields whose values differ between what Rackbeat says and what e-conomic has; empty when no
 * update is needed. `customerGroup` and `layout` are set only on create: the bookkeeper may move
 * a customer to another group or layout in e-conomic, and a sync must not undo that.
 */
export function customerChanges(existing: EconomicCustomer, desired: CustomerInput): string[] {
  return differingFields([
    ['name', existing.name, desired.name],
    ['currency', existing.currency, desired.currency],
    ['vatZone', existing.vatZone.vatZoneNumber, refNumber(desired.vatZone, 'vatZoneNumber')],
    ['paymentTerms', existing.paymentTerms.paymentTermsNumber, refNumber(desired.paymentTerms, 'paymentTermsNumber')],
    ['email', existing.email, desired.email],
    ['ean', existing.ean, desired.ean],
    ['address', existing.address, desired.address],
    ['zip', existing.zip, desired.zip],
    ['city', existing.city, desired.city],
    ['country', existing.country, desired.country],
    ['corporateIdentificationNumber', existing.corporateIdentificationNumber, desired.corporateIdentificationNumber],
  ]);
}

/** The PUT body for an existing customer: the desired fields, with the group and layout e-conomic already has. */
export function customerUpdateBody(existing: EconomicCustomer, desired: CustomerInput): CustomerInput {
  const { layout: _layout, ...rest } = desired;
  return {
    ...(writableFields(existing) as Partial<CustomerInput>),
    ...rest,
    customerNumber: existing.customerNumber,
    customerGroup: { customerGroupNumber: existing.customerGroup.customerGroupNumber },
    ...optional('layout', existing.layout ? { layoutNumber: existing.layout.layoutNumber } : undefined),
  };
}
