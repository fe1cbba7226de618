import { type EntityEvent, entityEventSignal } from '../common/entity-messages';
import type { TransferFlow } from '../common/transfer-flow';
import { type WebshopSource, webshopLabel } from '../../domain/webshop/shops';
import type { Generational } from '../common/generation';

/* The webshop refund flow: one workflow per shop refund, which hands the refund to its order's lifecycle. */

export const WEBSHOP_REFUND_FLOW = 'webshop-refund';

/** `webshop-refund:{conn}:{source}-{refundId}`: deterministic, so every delivery of one refund meets one workflow. */
export function webshopRefundWorkflowId(connectionId: string, source: WebshopSource, refundId: string): string {
  return `${WEBSHOP_REFUND_FLOW}:${connectionId}:${source}-${refundId}`;
}

/**
 * The delivery id of a refund that arrived inside an order delivery (WooCommerce): the order
 * delivery's own id with the refund's, so the same delivery sent twice is one, while each later
 * change of the order wakes the refund's transfer again — a held one retries; a finished one is
 * final and starts no new run.
 */
export function refundInOrderDeliveryId(orderDeliveryId: string, refundId: string): string {
  return `${orderDeliveryId}:refund:${refundId}`;
}

export function webshopRefundSummary(source: WebshopSource, refundId: string): string {
  return `${webshopLabel(source)} refund ${refundId} → e-conomic credit note`;
}

export interface WebshopRefundInput extends Generational {
  connectionId: string;
  source: WebshopSource;
  /** Decimal strings: Shopify ids exceed 2^53. */
  shopOrderId: string;
  refundId: string;
  seen?: string[];
}

/** A shop refund as routing addresses it. */
export interface WebshopRefundKey {
  source: WebshopSource;
  refundId: string;
  shopOrderId: string;
}

/** The refund flow's descriptor: one transfer per refund id, for connections that invoice in e-conomic. */
export const WEBSHOP_REFUND_TRANSFER: TransferFlow<WebshopRefundKey, WebshopRefundInput, [EntityEvent], 'webshopRefund'> = {
  flow: WEBSHOP_REFUND_FLOW,
  workflowType: 'webshopRefund',
  signal: entityEventSignal,
  workflowId: (connectionId, key) => webshopRefundWorkflowId(connectionId, key.source, key.refundId),
  input: (connection, key) => ({ connectionId: connection.id, source: key.source, shopOrderId: key.shopOrderId, refundId: key.refundId }),
  sourceRef: (key) => `${key.source}:refund:${key.refundId}`,
  summary: (key) => webshopRefundSummary(key.source, key.refundId),
  enabledFor: (connection) => connection.economic !== undefined,
  disabledReason: (connection) => `connection ${connection.id} has no e-conomic: refunds are not credited`,
  pausable: false,
  // A refund is never edited once made (neither shop has an update call for it): once handed over, it is done.
  final: true,
  webshop: {
    topic: 'refund',
    key: (delivery) => ({ source: delivery.source, refundId: delivery.resourceId, shopOrderId: delivery.shopOrderId ?? '' }),
    args: (delivery, receivedAt) => [{ deliveryId: delivery.deliveryId, event: delivery.topic, receivedAt }],
  },
};
