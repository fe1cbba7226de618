import type { ClientRegistry } from './clients';
import { createRackbeatActivities } from './rackbeat';

export interface ActivityDeps {
  clients: ClientRegistry;
}

/** Every activity the worker registers; workflows import this module's type only. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRackbeatActivities(deps.clients),
  };
}

export type Activities = ReturnType<typeof createActivities>;
