import { type WebshopSource, webshopLabel } from '../../domain/webshop/shops';

/* The webshop refund flow: one workflow per shop refund, which hands the refund to its order's lifecycle. */

export const WEBSHOP_REFUND_FLOW = 'webshop-refund';

/** `webshop-refund:{conn}:{source}-{refundId}`: deterministic, so every delivery of one refund meets one workflow. */
export function webshopRefundWorkflowId(connectionId: string, source: WebshopSource, refundId: string): string {
  return `${WEBSHOP_REFUND_FLOW}:${connectionId}:${source}-${refundId}`;
}

export function webshopRefundSummary(source: WebshopSource, refundId: string): string {
  return `${webshopLabel(source)} refund ${refundId} → e-conomic credit note`;
}

export interface WebshopRefundInput {
  connectionId: string;
  source: WebshopSource;
  /** Decimal strings: Shopify ids exceed 2^53. */
  shopOrderId: string;
  refundId: string;
  seen?: string[];
}
