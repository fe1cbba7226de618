import type { NetvisorSettings } from '../../config';

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

export interface MasterDataSyncInput {
  connectionId: string;
  /** Customer number or product number in Rackbeat. */
  number: string;
  netvisor: NetvisorSettings;
  seen?: string[];
}
