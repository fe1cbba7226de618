import type { Client } from '@temporalio/client';
import { RackbeatClient } from '../connectors/rackbeat';
import { SANDBOX_CREDENTIALS } from '../sandbox/defaults';
import type { TransferStatus } from '../workflows/common/transfer-status';
import { orderWorkflowId, statusQuery } from '../workflows/order/contract';

export interface DemoOptions {
  client: Client;
  connectionId: string;
  sandboxUrl: string;
  uiUrl: string;
  namespace: string;
  /** How long to wait for each order to settle. @default 60000 */
  timeoutMs?: number;
  print?: (line: string) => void;
}

/** What a warehouse user does in Rackbeat, order by order: the lines of three demo orders. */
const DEMO_ORDERS = [
  { customer_id: 1, lines: [{ item_id: 'CHAIR-01', quantity: 4 }, { item_id: 'DESK/120', quantity: 1 }] },
  { customer_id: 2, lines: [{ item_id: 'LAMP-RED', quantity: 10 }, { item_id: 'SRV-INSTALL', quantity: 2 }] },
  { customer_id: 1, lines: [{ item_id: 'BOOK-DK', quantity: 3 }] },
];

/**
 * `npm run cli -- demo`: drives a few orders through the sandbox Rackbeat like a user (create,
 * book, ship) and prints where each transfer ended, with its Web UI link.
 */
export async function runDemo(options: DemoOptions): Promise<TransferStatus[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const rackbeat = new RackbeatClient({ baseUrl: `${options.sandboxUrl}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken, consumerName: 'rackbridge demo', consumerContact: 'demo@rackbridge.invalid' });
  const results: TransferStatus[] = [];
  for (const input of DEMO_ORDERS) {
    const order = await rackbeat.createOrder(input);
    await rackbeat.bookOrder(order.number);
    print(`order ${order.number}: created and booked in Rackbeat (${input.lines.map((l) => `${l.quantity} × ${l.item_id}`).join(', ')})`);
    const workflowId = orderWorkflowId(options.connectionId, order.number);
    await settle(options, workflowId, (s) => s.stage === 'WAITING' && s.targetRefs.length > 0);
    const shipment = await rackbeat.createShipment(order.number);
    await rackbeat.markShipmentShipped(shipment.id);
    print(`order ${order.number}: shipped in Rackbeat`);
    const status = await settle(options, workflowId, (s) => s.stage === 'DONE' || s.stage === 'HELD' || s.stage === 'CANCELLED');
    results.push(status);
    const link = `${options.uiUrl}/namespaces/${options.namespace}/workflows/${encodeURIComponent(workflowId)}`;
    print(`order ${order.number}: ${status.stage}${status.heldReason ? ` (${status.heldReason}: ${status.heldMessage ?? ''})` : ''} → ${status.targetRefs.join(', ') || 'nothing in e-conomic'}`);
    print(`  ${link}`);
  }
  return results;
}

async function settle(options: DemoOptions, workflowId: string, done: (s: TransferStatus) => boolean): Promise<TransferStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last: TransferStatus | undefined;
  while (Date.now() < deadline) {
    try {
      last = await options.client.workflow.getHandle(workflowId).query(statusQuery);
      if (done(last) || last.stage === 'HELD') return last;
    } catch {
      // Not started yet: the webhook is on its way.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${workflowId} did not settle in time${last ? ` (stage ${last.stage}, next: ${last.nextStep})` : ' (no workflow: is rackbridge running with npm start?)'}`);
}
