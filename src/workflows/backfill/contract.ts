import { defineQuery } from '@temporalio/workflow';

/** `rackbridge backfill`: one workflow per connection, flow and window starts the window's transfers, paced. */
export const BACKFILL_FLOW = 'backfill';
export const BACKFILL_WORKFLOW_TYPE = 'backfill';
/** The flows a backfill can start: Rackbeat orders → e-conomic, Rackbeat invoices → Netvisor, and webshop orders → Rackbeat. */
export const BACKFILL_FLOWS = ['order', 'netvisor-invoice', 'webshop-order'] as const;
export type BackfillFlow = (typeof BACKFILL_FLOWS)[number];

/** What a backfill of each flow lists: the noun of its summary, and its `SourceRef` (`{source}:{kind}:{since}..{until}`, well inside a Keyword's 2 KB). */
export const BACKFILL_SOURCES: Record<BackfillFlow, { noun: string; sourceRef: string }> = {
  order: { noun: 'order', sourceRef: 'rackbeat:order' },
  'netvisor-invoice': { noun: 'invoice', sourceRef: 'rackbeat:invoice' },
  'webshop-order': { noun: 'shop order', sourceRef: 'webshop:order' },
};

export function backfillSourceRef(flow: BackfillFlow, since: string, until: string): string {
  return `${BACKFILL_SOURCES[flow].sourceRef}:${since}..${until}`;
}

export function backfillWorkflowId(connectionId: string, flow: string, since: string, until: string): string {
  return `${BACKFILL_FLOW}:${connectionId}:${flow}:${since}..${until}`;
}

/** Transfers started per minute. An order transfer makes about 6 e-conomic calls (bench table c) and a few Rackbeat reads: 30 a minute stays far below the 480 Rackbeat requests a minute a token is paced to. */
export const DEFAULT_BACKFILL_PER_MINUTE = 30;

export interface BackfillInput {
  connectionId: string;
  flow: BackfillFlow;
  /** Source documents to start, in order: Rackbeat numbers (`1042`), or `{shop}:{order id}` for webshop-order (`shopify:820982911946154508`). */
  numbers: string[];
  perMinute?: number;
  /** Where an earlier run stopped (continue-as-new). */
  startAt?: number;
}

export interface BackfillProgress {
  total: number;
  started: number;
  done: boolean;
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('progress');
