import type { RackbeatCustomer, RackbeatOrder } from '../../connectors/rackbeat/types';
import type { SalesDocumentInput } from '../../connectors/economic/types';
import { optional } from './optional';
import { customerLabel, deliveryDate, joinLines, text } from './rackbeat-fields';

type RecipientParty = Omit<SalesDocumentInput['recipient'], 'vatZone'>;
type Delivery = NonNullable<SalesDocumentInput['delivery']>;

export interface SourcedRecipient {
  recipient: RecipientParty;
  /** Where in Rackbeat the name and the address came from, for messages that say what to fix. */
  nameSource: string;
  addressSource: string;
}

/**
 * Name and address of the invoice recipient: the order's billing address, falling back to the
 * customer. The address block is taken whole from one place, so a billing address that has only
 * a city never mixes with the customer's street.
 */
export function recipientParty(order: RackbeatOrder, customer: RackbeatCustomer): SourcedRecipient {
  const billing = order.billing_address;
  const billingName = text(billing?.name);
  const useBilling = billing != null && [billing.street, billing.street2, billing.zipcode, billing.city, billing.country].some((f) => text(f) !== undefined);
  const ofBilling = `the billing address of order ${order.number}`;
  const ofCustomer = customerLabel(customer);
  const address = useBilling
    ? { street: billing.street, street2: billing.street2, zip: billing.zipcode, city: billing.city, country: billing.country }
    : { street: customer.address_street, street2: customer.address_street2, zip: customer.address_zipcode, city: customer.address_city, country: customer.address_country };
  return {
    recipient: {
      name: billingName ?? customer.name,
      ...optional('address', joinLines(address.street, address.street2)),
      ...optional('zip', text(address.zip)),
      ...optional('city', text(address.city)),
      ...optional('country', text(address.country)),
      // EAN invoicing reads the EAN on the document's recipient as well as on the customer.
      ...optional('ean', text(customer.ean)),
    },
    nameSource: billingName === undefined ? ofCustomer : ofBilling,
    addressSource: useBilling ? ofBilling : ofCustomer,
  };
}

/** The delivery block, or `undefined` when the order has neither a delivery address nor a date. e-conomic has no name field, so the name is the first address line. */
export function deliveryParty(order: RackbeatOrder): Delivery | undefined {
  const to = order.delivery_address;
  const delivery: Delivery = {
    ...optional('address', joinLines(to?.name, to?.street, to?.street2)),
    ...optional('zip', text(to?.zipcode)),
    ...optional('city', text(to?.city)),
    ...optional('country', text(to?.country)),
    ...optional('deliveryDate', deliveryDate(order)),
  };
  return Object.keys(delivery).length === 0 ? undefined : delivery;
}
