import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PauseRequest, PauseState } from './pause-state';

/**
 * The per-connection control workflow (`rackbridge-control:{conn}`): the one place all processes
 * read the pause state from. Transfers ask it when they start and receive `pauseChanged` while
 * running; the CLI changes it with an update (the answer is the new state).
 */
export const CONTROL_FLOW = 'control';
export const CONTROL_WORKFLOW_TYPE = 'connectionControl';

export function controlWorkflowId(connectionId: string): string {
  return `rackbridge-control:${connectionId}`;
}

export interface ConnectionControlInput {
  connectionId: string;
  state?: PauseState;
}

export const pauseRequestUpdate = defineUpdate<PauseState, [PauseRequest]>('pauseRequest');
export const pauseStateQuery = defineQuery<PauseState>('pauseState');

/** Sent to a running transfer: whether its flow is now paused. */
export const pauseChangedSignal = defineSignal<[{ paused: boolean }]>('pauseChanged');
