import type { NetvisorSettings } from '../../config';

/* F5's contract: workflow ids and input. Messages are the shared entity-transfer ones (common/entity-messages). */

export const NETVISOR_DOCUMENT_FLOW = { invoice: 'netvisor-invoice', order: 'netvisor-order' } as const;

/** `netvisor-invoice:{conn}:{rackbeatInvoiceNumber}` / `netvisor-order:{conn}:{rackbeatOrderNumber}`. */
export function netvisorDocumentWorkflowId(kind: 'invoice' | 'order', connectionId: string, number: string | number): string {
  return `${NETVISOR_DOCUMENT_FLOW[kind]}:${connectionId}:${number}`;
}

export function netvisorDocumentSummary(kind: 'invoice' | 'order', number: string | number): string {
  return `Rackbeat ${kind} ${number} → Netvisor sales ${kind}`;
}

export interface NetvisorDocumentInput {
  connectionId: string;
  number: number;
  /** The connection's Netvisor settings when the transfer started. */
  settings: NetvisorSettings;
  /** Deliveries seen by the previous run (continue-as-new). */
  seen?: string[];
}
