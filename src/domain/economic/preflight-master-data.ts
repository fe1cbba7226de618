import type { RackbeatCustomer, RackbeatItem } from '../../connectors/rackbeat/types';
import type { HoldReason } from './hold-reasons';
import { holdReasons } from './hold-messages';
import { ECONOMIC_MAX_LENGTH as MAX } from './limits';
import { mapCustomer } from './mapping-customer';
import { mapProduct } from './mapping-product';
import { type EconomicMapping, economicPaymentTermsNumber, economicProductGroupNumber, economicVatZoneNumber } from './mapping-settings';
import { checkCurrency, checkLayout, checkTextLengths, type CheckResult, type EconomicCatalog, firstHold, toCheckResult } from './preflight-checks';
import { asVatZone, customerLabel, customerPaymentTermsNumber, productGroupNumber, text } from './rackbeat-fields';

export interface PreflightCustomerInput {
  catalog: EconomicCatalog;
  mapping: EconomicMapping;
  /** Rackbeat payment-terms number to use when the customer has none (an order's). */
  fallbackPaymentTermsNumber?: number;
}

/** Whether `mapCustomer` can build a customer e-conomic accepts. */
export function preflightCustomer(customer: RackbeatCustomer, input: PreflightCustomerInput): CheckResult {
  const { catalog, mapping } = input;
  const label = customerLabel(customer);
  return toCheckResult(
    firstHold([
      () => {
        const currency = text(customer.currency);
        return currency === undefined ? holdReasons.currencyMissing(customer) : checkCurrency(currency, label, catalog);
      },
      () => {
        const terms = customerPaymentTermsNumber(customer) ?? input.fallbackPaymentTermsNumber;
        if (terms === undefined) return holdReasons.customerPaymentTermsMissing(customer);
        return checkPaymentTerms(terms, customer.payment_terms?.name, mapping, catalog);
      },
      () => checkVatZone(text(customer.vat_zone), label, customer, mapping, catalog),
      () => checkLayout(mapping.layoutNumber, catalog),
      () => {
        const mapped = mapCustomer(customer, mapping, optionalFallback(input.fallbackPaymentTermsNumber));
        return checkTextLengths([
          { field: 'name', source: label, value: mapped.name, max: MAX.customerName },
          { field: 'street and street2', source: label, value: mapped.address, max: MAX.customerAddress },
          { field: 'zip code', source: label, value: mapped.zip, max: MAX.customerZip },
          { field: 'city', source: label, value: mapped.city, max: MAX.customerCity },
          { field: 'country', source: label, value: mapped.country, max: MAX.customerCountry },
          { field: 'contact e-mail', source: label, value: mapped.email, max: MAX.customerEmail },
          { field: 'EAN', source: label, value: mapped.ean, max: MAX.customerEan },
          { field: 'company VAT number', source: label, value: mapped.corporateIdentificationNumber, max: MAX.corporateIdentificationNumber },
        ]);
      },
    ]),
  );
}

/** Whether `mapProduct` can build a product e-conomic accepts. */
export function preflightProduct(product: RackbeatItem, input: { catalog: EconomicCatalog; mapping: EconomicMapping }): CheckResult {
  const source = `product '${product.number}'`;
  return toCheckResult(
    firstHold([
      () => checkProductNumber(product.number),
      () => {
        const group = productGroupNumber(product);
        if (group === undefined) return holdReasons.productGroupMissing(product.number);
        const mapped = economicProductGroupNumber(group, input.mapping);
        if (input.catalog.productGroupNumbers.includes(mapped)) return undefined;
        return holdReasons.productGroupUnmapped({ number: group, name: product.group?.name }, product.number, mapped);
      },
      () => {
        const mapped = mapProduct(product, input.mapping);
        return checkTextLengths([
          { field: 'name', source, value: mapped.name, max: MAX.productName },
          { field: 'description', source, value: mapped.description, max: MAX.productDescription },
          { field: 'barcode', source, value: mapped.barCode, max: MAX.productBarCode },
        ]);
      },
    ]),
  );
}

export function checkProductNumber(productNumber: string): HoldReason | undefined {
  return productNumber.length > MAX.productNumber ? holdReasons.productNumberTooLong(productNumber, MAX.productNumber) : undefined;
}

export function checkPaymentTerms(rackbeatNumber: number, name: string | undefined, mapping: EconomicMapping, catalog: EconomicCatalog): HoldReason | undefined {
  const mapped = economicPaymentTermsNumber(rackbeatNumber, mapping);
  return catalog.paymentTermsNumbers.includes(mapped) ? undefined : holdReasons.paymentTermsUnmapped(rackbeatNumber, name, mapped);
}

/** `value` came from `source`; a missing zone is the customer's to fix. */
export function checkVatZone(value: string | undefined, source: string, customer: RackbeatCustomer, mapping: EconomicMapping, catalog: EconomicCatalog): HoldReason | undefined {
  if (value === undefined) return holdReasons.vatZoneMissing(customer);
  const zone = asVatZone(value);
  if (zone === undefined) return holdReasons.vatZoneInvalid(value, source);
  const mapped = economicVatZoneNumber(zone, mapping);
  return catalog.vatZoneNumbers.includes(mapped) ? undefined : holdReasons.vatZoneUnmapped(zone, mapped);
}

function optionalFallback(fallback: number | undefined): { fallbackPaymentTermsNumber?: number } {
  return fallback === undefined ? {} : { fallbackPaymentTermsNumber: fallback };
}
