import { defineQuery } from '@temporalio/workflow';

/** `rackbridge backfill`: one workflow per connection, flow and window starts the window's transfers, paced. */
export const BACKFILL_FLOW = 'backfill';
export const BACKFILL_WORKFLOW_TYPE = 'backfill';
export const BACKFILL_FLOWS = ['order'] as const;
export type BackfillFlow = (typeof BACKFILL_FLOWS)[number];

export function backfillWorkflowId(connectionId: string, flow: string, since: string, until: string): string {
  return `${BACKFILL_FLOW}:${connectionId}:${flow}:${since}..${until}`;
}

/** Transfers started per minute. Each order transfer makes about 6 e-conomic and 4 Rackbeat calls, so 30 a minute stays far below Rackbeat's 480 requests a minute. */
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
