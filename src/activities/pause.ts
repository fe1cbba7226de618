import { getClient } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { controlWorkflowId, pauseStateQuery } from '../workflows/control/contract';
import { isPaused } from '../workflows/control/pause-state';

export function createPauseActivities(temporalClient?: Client) {
  return {
    /** Whether the connection's control workflow has this flow paused; no control workflow means nothing is paused. */
    async pauseState(connectionId: string, flow: string): Promise<boolean> {
      try {
        const state = await (temporalClient ?? getClient()).workflow.getHandle(controlWorkflowId(connectionId)).query(pauseStateQuery);
        return isPaused(state, flow);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },
  };
}
