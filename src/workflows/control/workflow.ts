import { condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { type ConnectionControlInput, pauseRequestUpdate, pauseStateQuery } from './contract';
import { applyPauseRequest, NOT_PAUSED, type PauseRequest, type PauseState } from './pause-state';

/**
 * Holds a connection's pause state for as long as the connection exists. It never writes anywhere:
 * the CLI applies the state to schedules and running transfers, new transfers ask at start.
 */
export async function connectionControl(input: ConnectionControlInput): Promise<void> {
  let state: PauseState = input.state ?? NOT_PAUSED;
  let changes = 0;
  setHandler(pauseStateQuery, () => state);
  setHandler(
    pauseRequestUpdate,
    (request) => {
      const result = applyPauseRequest(state, request);
      if ('refused' in result) throw new Error(result.refused);
      state = result.state;
      changes++;
      return state;
    },
    {
      validator: (request: PauseRequest) => {
        const result = applyPauseRequest(state, request);
        if ('refused' in result) throw new Error(result.refused);
      },
    },
  );
  // Idle between requests; a long history starts over with the state.
  await condition(() => changes >= 500 || workflowInfo().continueAsNewSuggested);
  await continueAsNew<typeof connectionControl>({ connectionId: input.connectionId, state });
}
