import { defineQuery } from '@temporalio/workflow';

/** `rackbridge backfill`: one workflow per connection, flow and window starts the window's transfers, paced. */
export const BACKFILL_FLOW = 'backfill';
export const BACKFILL_WORKFLOW_TYPE = 'backfill';
/** The flows a backfill can start: Rackbeat orders → e-conomic, and Rackbeat invoices → Netvisor. */
export const BACKFILL_FLOWS = ['order', 'netvisor-invoice'] as const;
export type BackfillFlow = (typeof BACKFILL_FLOWS)[number];

export function backfillWorkflowId(connectionId: string, flow: string, since: string, until: string): string {
  return `${BACKFILL_FLOW}:${connectionId}:${flow}:${since}..${until}`;
}

/** Transfers started per minute. An order transfer makes about 6 e-conomic calls (bench table c) and a few Rackbeat reads: 30 a minute stays far below the 480 Rackbeat requests a minute a token is paced to. */
export const DEFAULT_BACKFILL_PER_MINUTE = 30;

export interface BackfillInput {
  connectionId: string;
  flow: BackfillFlow;
  /** Source document numbers to start, in order. */
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
