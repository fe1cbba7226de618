/**
 * What is paused on one connection: everything, or some flows. Pure data and pure decisions, so the
 * control workflow, the CLI and the transfers agree on one rule.
 */
export interface PauseState {
  /** The whole connection: every flow and every schedule. */
  all: boolean;
  /** Flows paused one by one (`order`, `netvisor-invoice`, …). */
  flows: string[];
}

export const NOT_PAUSED: PauseState = { all: false, flows: [] };

/** One operator request: pause or resume the connection (no flow) or one flow. */
export interface PauseRequest {
  action: 'pause' | 'resume';
  flow?: string;
}

export function isPaused(state: PauseState, flow: string): boolean {
  return state.all || state.flows.includes(flow);
}

/**
 * Applies a request. Resuming the connection clears every pause; resuming one flow while the whole
 * connection is paused is refused (the flow would stay paused, which is not what was asked).
 */
export function applyPauseRequest(state: PauseState, request: PauseRequest): { state: PauseState } | { refused: string } {
  const { flow } = request;
  if (request.action === 'pause') {
    if (!flow) return { state: { all: true, flows: state.flows } };
    return { state: { all: state.all, flows: state.flows.includes(flow) ? state.flows : [...state.flows, flow].sort() } };
  }
  if (!flow) return { state: NOT_PAUSED };
  if (state.all) return { refused: `the whole connection is paused; resume it without --flow (it resumes every flow), then pause the flows that should stay paused` };
  return { state: { all: false, flows: state.flows.filter((f) => f !== flow) } };
}
