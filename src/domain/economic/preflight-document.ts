import type { RackbeatCustomer, RackbeatOrder, RackbeatOrderLine } from '../../connectors/rackbeat/types';
import type { HoldReason } from './hold-reasons';
import { holdReasons } from './hold-messages';
import { decimalPlaces, ECONOMIC_MAX_DECIMALS, ECONOMIC_MAX_LENGTH as MAX } from './limits';
import { deliveryParty, recipientParty } from './mapping-parties';
import { checkTextLengths } from './preflight-checks';
import { deliveryDate, lineDescription, text } from './rackbeat-fields';

/**
 * e-conomic refuses more than 2 decimals (E04740). Prices and discount percentages are restated
 * exactly by the mapping (line-amounts.ts); a quantity cannot be (it is stock), so the order holds.
 */
export function checkLinePrecision(order: RackbeatOrder): HoldReason | undefined {
  for (const [index, line] of order.lines.entries()) {
    if (decimalPlaces(line.quantity) > ECONOMIC_MAX_DECIMALS) {
      return holdReasons.amountPrecision('quantity', lineLabel(line, index), order.number, line.quantity, ECONOMIC_MAX_DECIMALS);
    }
  }
  return undefined;
}

export function checkDeliveryDate(order: RackbeatOrder): HoldReason | undefined {
  const given = text(order.deliver_at);
  return given !== undefined && deliveryDate(order) === undefined ? holdReasons.deliveryDateInvalid(order.number, given) : undefined;
}

/** The document's texts as `mapSalesDocument` writes them, against e-conomic's maximum lengths. */
export function checkDocumentTexts(order: RackbeatOrder, customer: RackbeatCustomer): HoldReason | undefined {
  const { recipient, nameSource, addressSource } = recipientParty(order, customer);
  const delivery = deliveryParty(order);
  const ofDelivery = `the delivery address of order ${order.number}`;
  return checkTextLengths([
    { field: 'name', source: nameSource, value: recipient.name, max: MAX.recipientName },
    { field: 'street and street2', source: addressSource, value: recipient.address, max: MAX.recipientAddress },
    { field: 'zip code', source: addressSource, value: recipient.zip, max: MAX.recipientZip },
    { field: 'city', source: addressSource, value: recipient.city, max: MAX.recipientCity },
    { field: 'country', source: addressSource, value: recipient.country, max: MAX.recipientCountry },
    { field: 'name, street and street2', source: ofDelivery, value: delivery?.address, max: MAX.deliveryAddress },
    { field: 'zip code', source: ofDelivery, value: delivery?.zip, max: MAX.deliveryZip },
    { field: 'city', source: ofDelivery, value: delivery?.city, max: MAX.deliveryCity },
    { field: 'country', source: ofDelivery, value: delivery?.country, max: MAX.deliveryCountry },
    { field: 'heading', source: `order ${order.number}`, value: text(order.heading), max: MAX.heading },
    ...order.lines.map((line, index) => ({
      field: 'name',
      source: `${lineLabel(line, index)} on order ${order.number}`,
      value: lineDescription(line),
      max: MAX.lineDescription,
    })),
  ]);
}

function lineLabel(line: RackbeatOrderLine, index: number): string {
  return `line ${index + 1} (${line.item.number})`;
}
