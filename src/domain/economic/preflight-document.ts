import type { RackbeatCustomer, RackbeatOrder, RackbeatOrderLine } from '../../connectors/rackbeat/types';
import type { HoldReason } from './hold-reasons';
import { holdReasons } from './hold-messages';
import { decimalPlaces, ECONOMIC_MAX_DECIMALS, ECONOMIC_MAX_LENGTH as MAX } from './limits';
import { deliveryParty, recipientParty } from './mapping-parties';
import { checkTextLengths } from './preflight-checks';
import { deliveryDate, lineDescription, text } from './rackbeat-fields';

const LINE_AMOUNTS = [
  ['quantity', (line: RackbeatOrderLine) => line.quantity],
  ['unit price', (line: RackbeatOrderLine) => line.line_price],
  ['discount percentage', (line: RackbeatOrderLine) => line.discount_percentage],
] as const;

/** e-conomic refuses more than 2 decimals (E04740); rounding would change the invoice, so the order is held instead. */
export function checkLinePrecision(order: RackbeatOrder): HoldReason | undefined {
  for (const [index, line] of order.lines.entries()) {
    for (const [what, read] of LINE_AMOUNTS) {
      const value = read(line);
      if (value !== undefined && decimalPlaces(value) > ECONOMIC_MAX_DECIMALS) {
        return holdReasons.amountPrecision(what, lineLabel(line, index), order.number, value, ECONOMIC_MAX_DECIMALS);
      }
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
