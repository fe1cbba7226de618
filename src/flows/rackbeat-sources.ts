import type { Connection } from '../config';
import { POLLED_RESOURCES, type PolledResource } from '../workflows/rackbeat-poll/contract';
import type { AnyTransferFlow, MasterDataResource } from '../workflows/common/transfer-flow';
import { enabledFlows, TRANSFER_FLOWS } from './registry';

/** The webhook events that announce a change of master data a held document may wait for. */
const HELD_WAKE_EVENTS: Record<MasterDataResource, readonly string[]> = {
  // Customers have no attested event: the poller lists them.
  customer: [],
  product: ['product.created', 'product.updated'],
  lot: ['lot.created'],
};

/**
 * The events rackbridge subscribes to for a connection: each of its flows' own, and those that
 * let its held documents through. Only names some source shows Rackbeat firing
 * (docs/connectors/rackbeat.md, "Events"); the poller finds every other change.
 */
export function rackbeatEventsFor(connection: Connection, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): string[] {
  const events = new Set<string>();
  for (const flow of enabledFlows(connection, flows)) {
    for (const event of flow.rackbeat?.events(connection) ?? []) events.add(event);
    for (const resource of flow.heldWake?.on ?? []) for (const event of HELD_WAKE_EVENTS[resource]) events.add(event);
  }
  return [...events];
}

/** What the poller lists for a connection: the resources its flows read, and the master data its held documents wait for. */
export function polledResources(connection: Connection, flows: readonly AnyTransferFlow[] = TRANSFER_FLOWS): PolledResource[] {
  const wanted = new Set<string>();
  for (const flow of enabledFlows(connection, flows)) {
    for (const resource of flow.rackbeat?.resources ?? []) wanted.add(resource);
    for (const resource of flow.heldWake?.on ?? []) wanted.add(resource);
  }
  return POLLED_RESOURCES.filter((resource) => wanted.has(resource));
}
