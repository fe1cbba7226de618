import type { NetvisorSettings } from '../../config';
import { type EntityEvent, entityEventSignal } from '../common/entity-messages';
import { netvisorSettingsOf } from '../common/master-data-wakes';
import type { TransferFlow } from '../common/transfer-flow';
import type { Generational } from '../common/generation';

/* F6 / F3 contracts: one workflow per customer and per product of a connection. */

export const CUSTOMER_FLOW = 'customer';
export const PRODUCT_FLOW = 'product';

/** `customer:{conn}:{customerNumber}`. */
export function customerWorkflowId(connectionId: string, customerNumber: string | number): string {
  return `customer:${connectionId}:${customerNumber}`;
}

/** `product:{conn}:{productNumber}`; product numbers may hold `/` or `#`, which workflow ids allow. */
export function productWorkflowId(connectionId: string, productNumber: string): string {
  return `product:${connectionId}:${productNumber}`;
}

export interface MasterDataSyncInput extends Generational {
  connectionId: string;
  /** Customer number or product number in Rackbeat. */
  number: string;
  netvisor: NetvisorSettings;
  seen?: string[];
}

function masterDataTransfer<T extends 'customerSync' | 'productSync'>(kind: 'customer' | 'product', workflowType: T): TransferFlow<string, MasterDataSyncInput, [EntityEvent], T> {
  const isCustomer = kind === 'customer';
  return {
    flow: isCustomer ? CUSTOMER_FLOW : PRODUCT_FLOW,
    workflowType,
    signal: entityEventSignal,
    workflowId: isCustomer ? customerWorkflowId : productWorkflowId,
    input: (connection, number) => ({ connectionId: connection.id, number, netvisor: netvisorSettingsOf(connection) }),
    sourceRef: (number) => `rackbeat:${kind}:${number}`,
    summary: (number) => `Rackbeat ${kind} ${number} → Netvisor`,
    enabledFor: (connection) => connection.netvisor?.settings.transfer[isCustomer ? 'customers' : 'products'] === true,
    pausable: true,
    rackbeat: {
      resources: [kind],
      // Customers have no attested event (the poller lists them); a deletion is subscribed only when it is passed on.
      events: (connection) => (isCustomer ? [] : ['product.created', 'product.updated', ...(connection.netvisor?.settings.propagateDeletions ? ['product.deleted'] : [])]),
      key: (change) => change.key,
      args: (change, receivedAt) => [{ deliveryId: change.deliveryId, event: change.event, receivedAt }],
      // A product converted to a BOM fires product.deleted, yet lives on as a lot: nothing to deactivate.
      ignore: (change) => (change.convertedToLot ? `${kind} ${change.key} was converted to a BOM; it lives on as a lot` : undefined),
    },
  };
}

/** F6: a Rackbeat customer → its Netvisor customer. */
export const CUSTOMER_TRANSFER = masterDataTransfer('customer', 'customerSync');
/** F3 with Rackbeat as product master: a Rackbeat product → its Netvisor product. */
export const PRODUCT_TRANSFER = masterDataTransfer('product', 'productSync');
