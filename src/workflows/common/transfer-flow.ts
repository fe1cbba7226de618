import type { SignalDefinition } from '@temporalio/workflow';
import type { Connection } from '../../config';
import type { RackbeatChange } from '../../domain/rackbeat/change';
import type { WebshopSource, WebshopTopicKind } from '../../domain/webshop/shops';
import type { EntityEvent } from './entity-messages';
import { TRANSFER_GENERATION } from './generation';

/*
 * A transfer flow's descriptor: everything the webhook receivers, the Rackbeat poller, the
 * reconcilers, the pause switch and the CLI need to know of one flow, exported by the flow's
 * contract and listed once in src/flows/registry.ts. A descriptor is data and pure functions, so
 * the contract stays importable from workflow code.
 */

/** What every transfer is started with: searchable, and a one-line summary for the Web UI. */
export interface TransferMeta {
  connectionId: string;
  flow: string;
  sourceRef: string;
  summary: string;
}

export type { WebshopTopicKind };

/** A webshop delivery as routing sees it: which shop, which document, which delivery. */
export interface WebshopDelivery {
  source: WebshopSource;
  topic: string;
  /** The document the delivery is about: the order, the product, or the refund's id. */
  resourceId: string;
  deliveryId: string;
  /** The order the refund belongs to (refund deliveries). */
  shopOrderId?: string | undefined;
  /** The shop's display name of the document (`#1001`), for the summary. */
  name?: string | undefined;
  /** The refund ids an order delivery's body lists (shops whose refunds arrive inside order deliveries). */
  refundIds?: readonly string[] | undefined;
}

/** How Rackbeat changes reach a flow: by webhook (the events it subscribes to) and by the poller (the resources). */
export interface RackbeatWakes<Key, Args extends unknown[]> {
  /** The resources whose changes concern the flow: routed by resource, and listed by the poller. */
  resources: readonly string[];
  /** Webhook events to subscribe to, only names some source shows Rackbeat firing (docs/connectors/rackbeat.md). */
  events(connection: Connection): readonly string[];
  /** The change's key addresses a document only as a Rackbeat number; `item`: the change names a product. @default 'number' */
  keyedBy?: 'number' | 'item';
  key(change: RackbeatChange): Key;
  args(change: RackbeatChange, receivedAt: string): Args;
  /** Why this change needs nothing of the flow, when it does not. */
  ignore?(change: RackbeatChange, connection: Connection): string | undefined;
}

/** Master data whose change may let a held document through: a customer, a product, a new BOM (a lot). */
export type MasterDataResource = 'customer' | 'product' | 'lot';

export interface HeldWake<Args extends unknown[]> {
  on: readonly MasterDataResource[];
  args(wake: EntityEvent): Args;
}

/** How webshop deliveries reach a flow. */
export interface WebshopWakes<Key, Args extends unknown[]> {
  topic: WebshopTopicKind;
  key(delivery: WebshopDelivery): Key;
  args(delivery: WebshopDelivery, receivedAt: string): Args;
}

export interface TransferFlow<Key, Input, Args extends unknown[], Type extends string = string> {
  /** The `Flow` search attribute's value (`order`, `netvisor-invoice`, …), also `--flow` in the CLI. */
  flow: string;
  /** The workflow's type: src/flows/registry.ts checks it names an exported workflow taking `Input`. */
  workflowType: Type;
  /** The signal that starts or wakes the transfer. */
  signal: SignalDefinition<Args>;
  workflowId(connectionId: string, key: Key): string;
  input(connection: Connection, key: Key): Input;
  sourceRef(key: Key): string;
  /** The Web UI's one line; the connection names flows that have one transfer per connection. */
  summary(key: Key, connectionId: string): string;
  /** Whether the connection has this flow. */
  enabledFor(connection: Connection): boolean;
  /** Why a delivery for the flow is ignored on a connection without it, when a generic sentence would not say. */
  disabledReason?(connection: Connection): string;
  /** Stops before its next partner write while the connection or the flow is paused (workflows/common/pause-gate.ts). */
  pausable: boolean;
  /**
   * A completed transfer of the flow is final: its source document never changes once made (a
   * shop refund), so a later delivery naming it starts no new run and counts as handled. A run
   * that failed or was terminated may still be started again.
   */
  final?: boolean;
  /** Held transfers of the flow re-check (each re-reads) when one of these master data changes. */
  heldWake?: HeldWake<Args>;
  rackbeat?: RackbeatWakes<Key, Args>;
  webshop?: WebshopWakes<Key, Args>;
}

/** A flow of any key, input and signal: what the registry holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransferFlow = TransferFlow<any, any, any>;

/** One transfer to signal-with-start: which workflow, with what input, woken by which signal. */
export interface TransferTarget {
  workflowType: string;
  workflowId: string;
  input: unknown;
  // The targets of one change carry different signals; each workflow checks its own argument type.
  signal: SignalDefinition<unknown[]>;
  signalArgs: unknown[];
  meta: TransferMeta;
  /** From the flow's `final`: a completed run of this id is not started again. */
  final?: true;
}

/** The signal-with-start of one transfer of `flow`, typed by the flow: the only way targets are made. */
export function transferTarget<Key, Input, Args extends unknown[]>(flow: TransferFlow<Key, Input, Args>, connection: Connection, key: Key, signalArgs: Args): TransferTarget {
  return {
    workflowType: flow.workflowType,
    workflowId: flow.workflowId(connection.id, key),
    input: { ...flow.input(connection, key), generation: TRANSFER_GENERATION },
    signal: flow.signal,
    signalArgs,
    meta: { connectionId: connection.id, flow: flow.flow, sourceRef: flow.sourceRef(key), summary: flow.summary(key, connection.id) },
    ...(flow.final ? { final: true as const } : {}),
  };
}
