/*
 * The Rackbeat poller's contract: one Temporal Schedule per connection lists the documents changed
 * since the last completed run and wakes their transfers, so every flow works with Rackbeat's
 * webhooks switched off, only slower (docs/connectors/rackbeat.md, "Poller").
 */

export const RACKBEAT_POLL_FLOW = 'rackbeat-poll';

/** @default 2 minutes */
export const DEFAULT_POLL_INTERVAL_MS = 2 * 60_000;
/** Each window reaches back this far before the last checkpoint (clock skew, writes in flight). @default 2 minutes */
export const DEFAULT_POLL_OVERLAP_MS = 2 * 60_000;
/** A window never reaches back further than this, however old the checkpoint. @default 7 days */
export const DEFAULT_POLL_MAX_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

/** What the poller lists: each has its own checkpoint. */
export const POLLED_RESOURCES = ['order', 'customer_invoice', 'customer', 'product'] as const;
export type PolledResource = (typeof POLLED_RESOURCES)[number];

/** `rackbeat-poll:{conn}`: the schedule id, also the prefix of its runs' workflow ids. */
export function rackbeatPollScheduleId(connectionId: string): string {
  return `${RACKBEAT_POLL_FLOW}:${connectionId}`;
}

export interface RackbeatPollInput {
  connectionId: string;
  resources: PolledResource[];
  /** The schedule's interval: the first window (no checkpoint yet) reaches back this far plus the overlap. */
  intervalMs?: number;
  overlapMs?: number;
  maxLookbackMs?: number;
}

/**
 * Where one resource's listing stopped. `high` is the newest `updated_at` seen, in Rackbeat's own
 * clock and format (its time zone is not documented, so our clock never meets its timestamps);
 * `seen` holds what was already woken inside the overlap, so a change is woken once.
 */
export interface PollCheckpoint {
  high: string;
  seen: Record<string, string>;
}

export interface ResourcePollResult {
  since: string | null;
  listed: number;
  woken: number;
  skipped: number;
  ignored: number;
  requests: number;
}

export interface RackbeatPollResult {
  checkpoints: Partial<Record<PolledResource, PollCheckpoint>>;
  resources: Partial<Record<PolledResource, ResourcePollResult | { error: string }>>;
}
