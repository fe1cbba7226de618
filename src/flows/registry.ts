import type { Connection } from '../config';
import type { AnyTransferFlow, MasterDataResource } from '../workflows/common/transfer-flow';
import { CUSTOMER_TRANSFER, PRODUCT_TRANSFER } from '../workflows/master-data/contract';
import { NETVISOR_INVOICE_TRANSFER, NETVISOR_ORDER_TRANSFER } from '../workflows/netvisor/contract';
import { ORDER_TRANSFER } from '../workflows/order/contract';
import { STOCK_TRANSFER } from '../workflows/stock/contract';
import { WEBSHOP_ORDER_TRANSFER } from '../workflows/webshop/contract';
import { WEBSHOP_REFUND_TRANSFER } from '../workflows/webshop/refund-contract';
import { WEBSHOP_PRODUCT_TRANSFER } from '../workflows/webshop-product/contract';


/**
 * Every transfer flow, by its workflow type: one line per flow. A descriptor whose type names no
 * exported workflow, or whose input that workflow does not take, does not compile
 * (test/unit/flow-registry.test.ts, type-checked by `npm test`). Webhook
 * dispatch, event registration, the Rackbeat poller, held-transfer wake-ups, pause and the CLI
 * all read this list (docs/architecture.md).
 */
export const FLOWS_BY_WORKFLOW_TYPE = {
  orderLifecycle: ORDER_TRANSFER,
  netvisorInvoice: NETVISOR_INVOICE_TRANSFER,
  netvisorOrder: NETVISOR_ORDER_TRANSFER,
  customerSync: CUSTOMER_TRANSFER,
  productSync: PRODUCT_TRANSFER,
  stockSync: STOCK_TRANSFER,
  webshopOrder: WEBSHOP_ORDER_TRANSFER,
  webshopProduct: WEBSHOP_PRODUCT_TRANSFER,
  webshopRefund: WEBSHOP_REFUND_TRANSFER,
} as const;

export type TransferWorkflowType = keyof typeof FLOWS_BY_WORKFLOW_TYPE;

/** In the order routing visits them: a Rackbeat order reaches e-conomic's flow before Netvisor's. */
export const TRANSFER_FLOWS: readonly AnyTransferFlow[] = Object.values(FLOWS_BY_WORKFLOW_TYPE);

/** The descriptor of a running transfer, by its workflow type (`undefined` for schedules and control workflows). */
export function flowOfWorkflowType(workflowType: string): AnyTransferFlow | undefined {
  return (FLOWS_BY_WORKFLOW_TYPE as Record<string, AnyTransferFlow>)[workflowType];
}

/** The flows a connection has. */
export function enabledFlows(connection: Connection, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): AnyTransferFlow[] {
  return flows.filter((flow) => flow.enabledFor(connection));
}

/** The connection's flows whose held transfers a change of this master data may let through. */
export function heldWakeFlows(connection: Connection, resource: string, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): AnyTransferFlow[] {
  return enabledFlows(connection, flows).filter((flow) => flow.heldWake?.on.includes(resource as MasterDataResource));
}

/** Workflow types that stop at the pause gate (workflows/common/pause-gate.ts). */
export const PAUSABLE_WORKFLOW_TYPES: readonly string[] = TRANSFER_FLOWS.filter((flow) => flow.pausable).map((flow) => flow.workflowType);
