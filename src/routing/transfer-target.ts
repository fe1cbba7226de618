import type { SignalDefinition } from '@temporalio/common';
import type { TransferMeta } from '../temporal/start-transfer';

/** One transfer to signal-with-start: which workflow, with what input, woken by which signal. */
export interface TransferTarget {
  workflowType: string;
  workflowId: string;
  input: unknown;
  // The targets of one change carry different signals; each workflow checks its own argument type.
  signal: SignalDefinition<never[]>;
  signalArgs: unknown[];
  meta: TransferMeta;
}

/** Erases a signal's argument types so targets of different flows fit one list. */
export function target<A extends unknown[]>(t: Omit<TransferTarget, 'signal' | 'signalArgs'> & { signal: SignalDefinition<A>; signalArgs: A }): TransferTarget {
  return t as unknown as TransferTarget;
}
