import type { DocumentKind, NetvisorHold } from './hold-codes';

/** A Rackbeat customer as the sentences name it: `customer 4 (Kontant Kunde)`. */
export interface CustomerRef {
  number: number | string;
  name?: string | undefined;
}

export function customerLabel(customer: CustomerRef): string {
  return `customer ${customer.number}${customer.name ? ` (${customer.name})` : ''}`;
}

const list = (values: readonly (string | number)[]): string => values.join(', ');
const plural = (count: number, word: string): string => `${word}${count === 1 ? '' : 's'}`;

/** Every Netvisor hold sentence in one place: what to fix, and in which system. */
export const netvisorHolds = {
  customerPaymentTermMissing: (customer: CustomerRef): NetvisorHold => ({
    code: 'PAYMENT_TERM_MISSING',
    message: `Set payment terms on ${customerLabel(customer)} in Rackbeat, because Netvisor refuses orders and invoices without a payment term.`,
  }),
  documentPaymentTermMissing: (kind: DocumentKind, number: number | string, customer: CustomerRef): NetvisorHold => ({
    code: 'PAYMENT_TERM_MISSING',
    message: `Set payment terms on ${kind} ${number} or on its ${customerLabel(customer)} in Rackbeat, because Netvisor refuses orders and invoices without a payment term.`,
  }),
  vatPercentageUnknown: (source: string, missing: readonly number[], available: readonly number[]): NetvisorHold => ({
    code: 'VAT_PERCENTAGE_UNKNOWN',
    message: `Change the VAT ${plural(missing.length, 'percentage')} ${list(missing.map((p) => `${p} %`))} of ${source} in Rackbeat to ${available.length === 1 ? 'a rate' : 'rates'} Netvisor has (${available.length ? list(available) : 'none'}), or add ${missing.length === 1 ? 'it' : 'them'} to Netvisor's VAT table.`,
  }),
  productNameCharacters: (productNumber: string, name: string, found: readonly string[]): NetvisorHold => ({
    code: 'PRODUCT_NAME_CHARACTERS',
    message: `Remove ${list(found.map((c) => `'${c}'`))} from the name '${name}' of product '${productNumber}' in Rackbeat, because Netvisor rejects ${found.length === 1 ? 'that character' : 'those characters'} in product names.`,
  }),
  periodClosed: (date: string, lockDate: string, what: string): NetvisorHold => ({
    code: 'PERIOD_CLOSED',
    message: `Open the accounting period of ${date} in Netvisor (bookkeeping is locked up to ${lockDate}) so ${what} can be imported.`,
  }),
  fiscalYearMissing: (date: string, what: string): NetvisorHold => ({
    code: 'FISCAL_YEAR_MISSING',
    message: `Establish a fiscal year covering ${date} in Netvisor so ${what} can be imported.`,
  }),
  vatLocked: (date: string, lockDate: string, what: string): NetvisorHold => ({
    code: 'VAT_LOCKED',
    message: `Lift the VAT lock in Netvisor (VAT is locked up to ${lockDate}) or date ${what} later in Rackbeat, because Netvisor imports nothing dated ${date} into a locked VAT period.`,
  }),
  numberSeriesOverlap: (kind: DocumentKind, rackbeatNext: number, netvisorLargest: number): NetvisorHold => ({
    code: 'NUMBER_SERIES_OVERLAP',
    message: `Set Rackbeat's ${kind} number series to continue above ${netvisorLargest}, Netvisor's largest ${kind} number, because ${kind} ${rackbeatNext} and later would overlap and Netvisor refuses them.`,
  }),
  numberSeriesUnverified: (kind: DocumentKind, netvisorLargest: number): NetvisorHold => ({
    code: 'NUMBER_SERIES_UNVERIFIED',
    message: `Check in Rackbeat's settings that the ${kind} number series starts above ${netvisorLargest}, Netvisor's largest ${kind} number, because Rackbeat has no ${kind} yet to read the next number from.`,
  }),
  customerDetailsDiffer: (customerNumber: number | string, fields: readonly { field: string; rackbeat: string; netvisor: string }[]): NetvisorHold => ({
    code: 'CUSTOMER_DETAILS_DIFFER',
    message: `Make the ${list(fields.map((f) => f.field))} of customer ${customerNumber} the same in Rackbeat and Netvisor (${fields.map((f) => `${f.field}: Rackbeat '${f.rackbeat}', Netvisor '${f.netvisor}'`).join('; ')}), because one customer number must not carry two sets of details.`,
  }),
  netvisorAuth: (connectionId: string, detail: string): NetvisorHold => ({
    code: 'NETVISOR_AUTH',
    message: `Correct the Netvisor customer id and key, partner id and key or organisation id of connection '${connectionId}' in its environment variables, because Netvisor refused them (${detail}).`,
  }),
  rackbeatAuth: (connectionId: string, detail: string): NetvisorHold => ({
    code: 'RACKBEAT_AUTH',
    message: `Replace the Rackbeat API token of connection '${connectionId}' (its apiTokenEnv variable) with a valid one, because Rackbeat refused it (${detail}).`,
  }),
  netvisorUnreachable: (baseUrl: string, detail: string): NetvisorHold => ({
    code: 'NETVISOR_UNREACHABLE',
    message: `Make Netvisor at ${baseUrl} reachable from this machine (check netvisor.baseUrl and the network), because the request failed (${detail}).`,
  }),
  customerGroupMissing: (group: number): NetvisorHold => ({
    code: 'RACKBEAT_CUSTOMER_GROUP_MISSING',
    message: `Create customer group ${group} in Rackbeat or set webshop.newCustomer.customerGroup to an existing one, because Rackbeat refuses new customers without a valid group.`,
  }),
  /** The customer-group route is UNKNOWN upstream (rackbeat-verified §6): a 404 there proves nothing. */
  customerGroupUnchecked: (group: number): NetvisorHold => ({
    code: 'RACKBEAT_CUSTOMER_GROUP_UNCHECKED',
    message: `Check by hand that customer group ${group} exists in Rackbeat: rackbridge could not check, because this Rackbeat account does not answer the customer-group route.`,
  }),
  /** Registration is never fatal (a 429 or a refused name leaves it to the poller); the doctor says which are missing. */
  rackbeatWebhookMissing: (event: string, url: string): NetvisorHold => ({
    code: 'RACKBEAT_WEBHOOK_MISSING',
    message: `Let rackbridge register its ${event} webhook to ${url} (see its log for why Rackbeat refused or limited it), because until then these changes arrive only with the poller.`,
  }),
  rackbeatUnreachable: (baseUrl: string, detail: string): NetvisorHold => ({
    code: 'RACKBEAT_UNREACHABLE',
    message: `Make Rackbeat at ${baseUrl} reachable from this machine (check rackbeat.baseUrl and the network), because the request failed (${detail}).`,
  }),
} as const;
