import type { Connection } from '../config';
import type { RackbeatChange } from '../domain/rackbeat/change';
import { heldWakeFlows, TRANSFER_FLOWS } from '../flows/registry';
import { type AnyTransferFlow, transferTarget, type TransferTarget } from '../workflows/common/transfer-flow';

/** What one Rackbeat change asks for: transfers to start or wake, held transfers to wake, or a poll now. */
export interface RackbeatRoute {
  targets: TransferTarget[];
  /** A customer, product or BOM changed: held document transfers re-check (each re-reads). */
  wakeHeld: boolean;
  /** The key cannot address the document (not a number): the poller finds the change instead. */
  pollNow: boolean;
  /** Why nothing is done, when nothing is. */
  ignored?: string;
}

/**
 * Which transfers a Rackbeat change concerns, by its resource — never by an event name that no
 * source attests (docs/connectors/rackbeat.md): any order event wakes the order's transfers,
 * which read the order and decide; the same for invoices, customers and products. Every flow of
 * the registry that the connection has and that lists the resource is asked. Pure.
 */
export function routeRackbeatChange(connection: Connection, change: RackbeatChange, receivedAt: string, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): RackbeatRoute {
  const targets: TransferTarget[] = [];
  const ignored: string[] = [];
  let needsNumber = false;
  for (const flow of flows) {
    const wakes = flow.rackbeat;
    if (!wakes?.resources.includes(change.resource) || !flow.enabledFor(connection)) continue;
    if ((wakes.keyedBy ?? 'number') === 'number' && change.keyName !== 'number') {
      needsNumber = true;
      continue;
    }
    const reason = wakes.ignore?.(change, connection);
    if (reason !== undefined) ignored.push(reason);
    else targets.push(transferTarget(flow, connection, wakes.key(change), wakes.args(change, receivedAt)));
  }
  const wakeHeld = heldWakeFlows(connection, change.resource, flows).length > 0;
  if (change.keyName !== 'number' && (needsNumber || wakeHeld)) {
    // The poll finds the change by number, and wakes held transfers itself.
    return { targets, wakeHeld: false, pollNow: true, ignored: `key_name '${change.keyName}' does not name a Rackbeat number; the poller looks for the change now` };
  }
  return { targets, wakeHeld, pollNow: false, ...(targets.length === 0 ? { ignored: ignored[0] ?? `no flow of connection ${connection.id} handles ${change.event}` } : {}) };
}
