/**
 * The `status` every rackbridge workflow answers (DESIGN.md §4): what stage the transfer is in,
 * each step with time, result and error, and why it is held. Plain data, safe in queries.
 */
export const STAGES = ['RECEIVED', 'WAITING', 'PROCESSING', 'HELD', 'DONE', 'CANCELLED'] as const;
export type TransferStage = (typeof STAGES)[number];

export interface TransferStep {
  name: string;
  at: string;
  result: 'ok' | 'skipped' | 'failed' | 'held';
  detail?: string;
  error?: string;
}

export interface TransferStatus {
  workflowId: string;
  flow: string;
  connectionId: string;
  sourceRef: string;
  stage: TransferStage;
  heldReason: string | undefined;
  /** One sentence: what to fix, and in which system, while held. */
  heldMessage: string | undefined;
  targetRefs: string[];
  steps: TransferStep[];
  /** Where the transfer goes next, in words. */
  nextStep: string;
  /** Stopped before its next partner write by `rackbridge pause` (absent: not paused). */
  paused?: boolean;
}
