import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from './context';

/** What every simulator module provides to the sandbox server. */
export interface Simulator {
  /** Short name used in the request log, faults and the control API (`rackbeat`, `economic`). */
  readonly system: string;
  /** Mount point of the simulated API, e.g. `/rackbeat/api`. */
  readonly prefix: string;
  /** Registers the simulated API's routes (called inside a plugin mounted at `prefix`). */
  registerApi(app: FastifyInstance): void;
  /** Registers control routes (called inside a plugin mounted at `/_sandbox/{system}`). */
  registerControl?(app: FastifyInstance): void;
  /** Forgets all state. */
  reset(): void;
  /** Loads demo data (after a reset, or on top of current state). */
  seed(): void;
  /** Stops timers (webhook deliveries) before the server closes. */
  close?(): Promise<void>;
}

export interface SimulatorOptions {
  ctx: SandboxContext;
  /** The base URL the sandbox is reachable at, for `self` links. */
  publicUrl: () => string;
}
