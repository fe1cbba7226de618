import type { WebshopSource } from '../webshop/contract';

/* The webshop reconcile's contract: one Temporal Schedule per connection with a shop. */

export const WEBSHOP_RECONCILE_FLOW = 'webshop-reconcile';

/** @default 5 minutes */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;
/** How far each window reaches back before the last checkpoint: covers clock skew between us and the shop, and in-flight writes. @default 2 minutes */
export const DEFAULT_RECONCILE_OVERLAP_MS = 2 * 60_000;
/** The oldest change a window ever reaches back to, however old the last checkpoint. @default 7 days */
export const DEFAULT_RECONCILE_MAX_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

/** `webshop-reconcile:{conn}`: the schedule id, also the prefix of its runs' workflow ids. */
export function webshopReconcileScheduleId(connectionId: string): string {
  return `${WEBSHOP_RECONCILE_FLOW}:${connectionId}`;
}

export interface WebshopReconcileInput {
  connectionId: string;
  sources: WebshopSource[];
  /** Where the shops' webhooks should point (server.publicUrl); missing or disabled ones are re-registered. */
  publicUrl: string;
  /** The schedule's interval: the first window (no checkpoint yet) reaches back this far plus the overlap. */
  intervalMs?: number;
  overlapMs?: number;
  maxLookbackMs?: number;
}

/** What one source's reconcile did: orders listed, transfers started/woken/re-run, and those already done. */
export interface SourceReconcileResult {
  since: string;
  basis: WindowBasis;
  listed: number;
  started: number;
  woken: number;
  rerun: number;
  skipped: number;
  ignored: number;
}

export type WindowBasis = 'checkpoint' | 'first-run' | 'capped';

export interface WebshopReconcileResult {
  /** Per shop: the time up to which its orders were listed; the next run starts from there. */
  checkpoints: Partial<Record<WebshopSource, string>>;
  sources: Partial<Record<WebshopSource, SourceReconcileResult | { error: string }>>;
  /** `source topic:action` of each webhook subscription checked. */
  webhooks: string[] | { error: string };
}
