import type { Client } from '@temporalio/client';
import { RackbeatClient } from '../connectors/rackbeat';
import { SANDBOX_CREDENTIALS } from '../sandbox/defaults';
import type { TransferStatus } from '../workflows/common/transfer-status';
import { netvisorDocumentWorkflowId } from '../workflows/netvisor/contract';
import { checkStock, runWebshopDemo } from './demo-webshop';
import { orderWorkflowId, statusQuery } from '../workflows/order/contract';
import { PayloadDecryptionError } from '../temporal/codec/payload-cipher';

export interface DemoOptions {
  client: Client;
  connectionId: string;
  /** Also start from the sandbox shops (Shopify, WooCommerce). @default true */
  webshops?: boolean;
  /** The sandbox's Rackbeat → Netvisor connection; its leg is skipped when undefined. @default demo-fi */
  netvisorConnectionId?: string | undefined;
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
/** Each transfer the demo drove, and the stage it is meant to end in (one Finnish invoice is held on purpose). */
export interface DemoResult {
  status: TransferStatus;
  expected: 'DONE' | 'HELD';
}

export async function runDemo(options: DemoOptions): Promise<DemoResult[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const rackbeat = new RackbeatClient({ baseUrl: `${options.sandboxUrl}/rackbeat/api`, apiToken: SANDBOX_CREDENTIALS.rackbeat.apiToken, consumerName: 'rackbridge demo', consumerContact: 'demo@rackbridge.invalid' });
  const results: DemoResult[] = [];
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
    results.push({ status, expected: 'DONE' });
    const link = `${options.uiUrl}/namespaces/${options.namespace}/workflows/${encodeURIComponent(workflowId)}`;
    print(`order ${order.number}: ${status.stage}${status.heldReason ? ` (${status.heldReason}: ${status.heldMessage ?? ''})` : ''} → ${status.targetRefs.join(', ') || 'nothing in e-conomic'}`);
    print(`  ${link}`);
  }
  if (options.webshops !== false) {
    const shopResults = await runWebshopDemo(
      { client: options.client, connectionId: options.connectionId, sandboxUrl: options.sandboxUrl, link: (id) => `${options.uiUrl}/namespaces/${options.namespace}/workflows/${encodeURIComponent(id)}`, settle: (id, done) => settle(options, id, done), print },
      rackbeat,
    );
    results.push(...shopResults.map((status) => ({ status, expected: 'DONE' as const })));
    // Shipping moved Rackbeat's stock; the stock flow sets the shops to it.
    const converged = await checkStock(
      { client: options.client, connectionId: options.connectionId, sandboxUrl: options.sandboxUrl, link: () => '', settle: (id, done) => settle(options, id, done), print },
      rackbeat,
      ['CHAIR-01', 'LAMP-RED', 'DESK/120'],
    );
    if (!converged) process.exitCode = 1;
    print(`  stock transfers: ${options.uiUrl}/namespaces/${options.namespace}/workflows/${encodeURIComponent(`stock:${options.connectionId}`)}`);
  }
  if (options.netvisorConnectionId) results.push(...(await runNetvisorDemo(options, options.netvisorConnectionId, rackbeat, print)));
  return results;
}

/**
 * The Finnish leg: Rackbeat invoices → Netvisor. One clean invoice (customer 5, Finnish VAT) and
 * one that breaks a seed rule (customer 4 has no payment terms) to show a held transfer.
 */
async function runNetvisorDemo(options: DemoOptions, connectionId: string, rackbeat: RackbeatClient, print: (line: string) => void): Promise<DemoResult[]> {
  const results: DemoResult[] = [];
  for (const { expected, ...input } of [
    { customer_id: 5, lines: [{ item_id: 'HYLLY-80', quantity: 3 }], expected: 'DONE' as const },
    { customer_id: 4, lines: [{ item_id: 'HYLLY-80', quantity: 1 }], expected: 'HELD' as const },
  ]) {
    const order = await rackbeat.createOrder(input);
    await rackbeat.bookOrder(order.number);
    const shipment = await rackbeat.createShipment(order.number);
    await rackbeat.markShipmentShipped(shipment.id);
    const { invoiceId } = await rackbeat.convertToInvoice(order.number, { book: true });
    print(`invoice ${invoiceId}: booked in Rackbeat for customer ${input.customer_id} (order ${order.number})`);
    const workflowId = netvisorDocumentWorkflowId('invoice', connectionId, invoiceId);
    const status = await settle(options, workflowId, (s) => s.stage === 'DONE' || s.stage === 'HELD');
    results.push({ status, expected });
    print(`invoice ${invoiceId} → Netvisor: ${status.stage}${status.heldReason ? ` (${status.heldReason}: ${status.heldMessage ?? ''})` : ''}${status.targetRefs.length ? ` → ${status.targetRefs.join(', ')}` : ''}`);
    print(`  ${options.uiUrl}/namespaces/${options.namespace}/workflows/${encodeURIComponent(workflowId)}`);
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
    } catch (err) {
      // Keys missing or wrong (RACKBRIDGE_CODEC_KEYS, or DATA_DIR of npm start's sandbox key) do not heal by waiting.
      if (err instanceof PayloadDecryptionError) throw err;
      // Not started yet: the webhook is on its way.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${workflowId} did not settle in time${last ? ` (stage ${last.stage}, next: ${last.nextStep})` : ' (no workflow: is rackbridge running with npm start?)'}`);
}
